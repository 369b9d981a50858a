// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { imageDetailFixture, shareLinkFixture } from '../../lib/testing/fixtures';
import { createTestClient } from '../../lib/testing/urql';
import { ToastProvider } from '../ui/toast';
import { expiresAtFor, linkStatus, ShareDialog, ShareDialog_Links } from './share-dialog';

const image = imageDetailFixture(1);

function renderDialog(links: ReturnType<typeof shareLinkFixture>[] = []) {
  const inputs: Record<string, unknown>[] = [];
  const test = createTestClient({
    ShareDialog_Links: () => ({ image: { __typename: 'Image', id: image.id, shareLinks: links } }),
    ShareDialog_CreateShareLink: (vars) => {
      const input = vars.input as Record<string, unknown>;
      inputs.push(input);
      return {
        createShareLink: shareLinkFixture('new', {
          hideParams: input.hideParams,
          expiresAt: input.expiresAt,
          image: { __typename: 'Image', id: image.id },
          collection: null,
        }),
      };
    },
    ShareDialog_RevokeShareLink: (vars) => ({
      revokeShareLink: shareLinkFixture(vars.id as string, {
        active: false,
        revokedAt: '2026-01-04T00:00:00.000Z',
        ...(vars.id === 'new' && { hideParams: true }),
      }),
    }),
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <ShareDialog imageId={image.id} open onClose={() => {}} />
      </ToastProvider>
    </UrqlProvider>,
  );
  return { user: userEvent.setup(), inputs, test };
}

describe('ShareDialog', () => {
  it('creates a link with the chosen options, shows its full URL to copy, and lists it without a refetch', async () => {
    const { user, inputs, test } = renderDialog([
      shareLinkFixture('old', { createdAt: '2026-01-02T00:00:00.000Z' }),
    ]);
    const dialog = await screen.findByRole('dialog', { name: 'Share' });
    const list = await within(dialog).findByRole('list', { name: 'Share links' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);

    await user.click(within(dialog).getByRole('checkbox', { name: 'Hide prompt and parameters' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Expires' }), '7 days');
    const before = Date.now();
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));

    const link = await within(dialog).findByRole('textbox', { name: 'Link' });
    expect((link as HTMLInputElement).value).toBe(`${window.location.origin}/s/tok-new`);
    expect((link as HTMLInputElement).readOnly).toBe(true);
    expect(within(dialog).getByRole('button', { name: 'Copy link' })).toBeTruthy();

    expect(inputs[0]).toMatchObject({ imageId: image.id, hideParams: true });
    const expires = Date.parse(inputs[0]!.expiresAt as string);
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(expires - before).toBeLessThan(7 * 86_400_000 + 60_000);

    // The updater put the new link first in Image.shareLinks.
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(within(list).getAllByRole('listitem')[0]!.textContent).toMatch(
      /expires in 7 days · prompt hidden/,
    );
    expect(test.requests.slice(test.requests.indexOf('ShareDialog_CreateShareLink'))).toEqual([
      'ShareDialog_CreateShareLink',
    ]);
    const cached = test.client.readQuery(ShareDialog_Links, { id: image.id })?.data?.image?.shareLinks;
    expect(cached?.map((l) => l.id)).toEqual(['new', 'old']);
  });

  it('revokes a link in place: it stays listed as revoked, with no Revoke button and no copy box', async () => {
    const { user } = renderDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Share' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Hide prompt and parameters' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    await within(dialog).findByRole('textbox', { name: 'Link' });

    const list = within(dialog).getByRole('list', { name: 'Share links' });
    const item = within(list).getAllByRole('listitem')[0]!;
    await user.click(within(item).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(within(item).queryByRole('button', { name: 'Revoke' })).toBeNull());
    expect(item.textContent).toMatch(/Revoked/);
    expect(within(dialog).queryByRole('textbox', { name: 'Link' })).toBeNull();
    expect(await screen.findByText(/Link revoked/)).toBeTruthy();
  });

  it('says what each link is doing', () => {
    const now = new Date('2026-01-05T00:00:00.000Z');
    expect(linkStatus(shareLinkFixture('a') as never, now)).toBe('Active · never expires');
    expect(linkStatus(shareLinkFixture('b', { expiresAt: '2026-01-06T00:00:00.000Z' }) as never, now)).toBe(
      'Active · expires in 24 h',
    );
    expect(
      linkStatus(
        shareLinkFixture('c', { active: false, expiresAt: '2026-01-01T00:00:00.000Z' }) as never,
        now,
      ),
    ).toBe('Expired');
    expect(
      linkStatus(
        shareLinkFixture('d', { active: false, revokedAt: '2026-01-02T00:00:00.000Z' }) as never,
        now,
      ),
    ).toBe('Revoked');
    expect(expiresAtFor('never')).toBeNull();
    expect(expiresAtFor('1', now)).toBe('2026-01-06T00:00:00.000Z');
  });
});

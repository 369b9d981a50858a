// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import {
  fluxFixture,
  ideogramFixture,
  imageFixture,
  imagesPage,
  jobFixture,
  providerFixture,
  providersResult,
  refusalFixture,
} from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { ImageActionsProvider, useImageActions } from './image-actions';
import type { ImageAction } from './operations';

const image = imageFixture(1, {
  provider: 'flux',
  width: 400,
  height: 300,
}) as unknown as GalleryTile_ImageFragment;
const downIdeogram = ideogramFixture({
  available: false,
  unavailableReason: 'Set IDEOGRAM_API_KEY to use Ideogram',
});

function Opener({ action }: { action: ImageAction }) {
  const actions = useImageActions();
  return (
    <>
      <button type="button" onClick={() => actions.open(action, image)}>
        Open {action}
      </button>
      <button type="button" onClick={() => actions.openMenu(image, { x: 0, y: 0 })}>
        Open menu
      </button>
    </>
  );
}

function Location() {
  return <p data-testid="location">{useLocation().pathname}</p>;
}

function renderActions(
  action: ImageAction,
  fixtures: Record<string, Fixture> = {},
  providers = [providerFixture(), fluxFixture(), ideogramFixture()],
) {
  const user = userEvent.setup();
  const inputs: Record<string, unknown>[] = [];
  const test = createTestClient({
    GenerateForm_Providers: () => providersResult(...providers),
    ...fixtures,
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <MemoryRouter initialEntries={['/gallery']}>
            <ImageActionsProvider>
              <Opener action={action} />
              <Location />
            </ImageActionsProvider>
          </MemoryRouter>
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
  return { user, inputs, test };
}

async function openDialog(...args: Parameters<typeof renderActions>) {
  const rendered = renderActions(...args);
  await rendered.user.click(screen.getByRole('button', { name: `Open ${args[0]}` }));
  return rendered;
}

const queued = (inputs: unknown[], field: string, kind: string) => (vars: Record<string, unknown>) => {
  inputs.push(vars.input);
  return { [field]: jobFixture('job-1', 'QUEUED', { kind }) };
};

beforeEach(() => window.localStorage.clear());

describe('Enhance', () => {
  it('offers only the scales the provider declares, says who does the work, and sends the choice', async () => {
    const inputs: unknown[] = [];
    const { user } = await openDialog('ENHANCE', {
      EnhanceForm_EnhanceImage: queued(inputs, 'enhanceImage', 'ENHANCE'),
    });
    const dialog = await screen.findByRole('dialog', { name: 'Enhance' });
    // Local cannot enhance, so it is not offered; the image's own provider (Flux) is chosen.
    const provider = await within(dialog).findByRole('combobox', { name: 'Provider' });
    expect(
      within(provider)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['flux', 'ideogram']);
    const scale = within(dialog).getByRole('radiogroup', { name: 'Scale' });
    expect(
      within(scale)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['2×', '4×']);
    expect(dialog.textContent).toContain('Flux has no upscaler, so ESRGAN on this machine does it');

    await user.click(within(scale).getByRole('radio', { name: '4×' }));
    expect(within(dialog).getByRole('button', { name: /^Enhance ×4 · 1600 × 1200/ })).toBeTruthy();
    await user.selectOptions(provider, 'ideogram');
    expect(
      within(scale)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['2×']);
    await user.click(within(dialog).getByRole('button', { name: /^Enhance/ }));
    await waitFor(() => expect(inputs).toEqual([{ imageId: 'img-1', scale: 2, provider: 'ideogram' }]));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Enhance' })).toBeNull());
  });
});

describe('Variations', () => {
  it('shows an unavailable provider disabled with its reason, and sends strength, count and fallbacks', async () => {
    const inputs: unknown[] = [];
    const { user } = await openDialog(
      'VARIATION',
      { VariationsForm_CreateVariations: queued(inputs, 'createVariations', 'VARIATION') },
      [providerFixture(), fluxFixture(), downIdeogram],
    );
    const dialog = await screen.findByRole('dialog', { name: 'Variations' });
    const provider = await within(dialog).findByRole('combobox', { name: 'Provider' });
    const ideogram = within(provider).getByRole<HTMLOptionElement>('option', { name: /Ideogram/ });
    expect(ideogram.disabled).toBe(true);
    expect(ideogram.textContent).toContain('Set IDEOGRAM_API_KEY to use Ideogram');

    await user.selectOptions(provider, 'local');
    await user.click(within(dialog).getByRole('radio', { name: 'Strong' }));
    const count = within(dialog).getByRole('spinbutton', { name: 'Count' });
    await user.clear(count);
    await user.type(count, '3');
    const fallback = within(dialog).getByRole('group', { name: 'Fallback' });
    expect(
      within(fallback)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['Flux']);
    await user.click(within(fallback).getByRole('checkbox', { name: 'Flux' }));
    await user.click(within(dialog).getByRole('button', { name: /^Create variations · 3 images/ }));
    await waitFor(() =>
      expect(inputs).toEqual([
        {
          imageId: 'img-1',
          strength: 'STRONG',
          count: 3,
          provider: 'local',
          model: 'procedural-v1',
          fallbackProviders: ['flux'],
        },
      ]),
    );
  });

  it('puts a server complaint beside its field', async () => {
    const { user } = await openDialog('VARIATION', {
      VariationsForm_CreateVariations: () => ({
        createVariations: {
          ...refusalFixture('InvalidInputError'),
          code: 'INVALID_INPUT',
          message: 'Some fields are not acceptable',
          issues: [{ __typename: 'FieldIssue', field: 'input.count', message: 'At most 1 for this model' }],
        },
      }),
    });
    const dialog = await screen.findByRole('dialog', { name: 'Variations' });
    await user.click(await within(dialog).findByRole('button', { name: /^Create variations/ }));
    const count = within(dialog).getByRole('spinbutton', { name: 'Count' });
    await waitFor(() => expect(count.getAttribute('aria-invalid')).toBe('true'));
    expect(dialog.textContent).toContain('At most 1 for this model');
  });
});

describe('Restyle', () => {
  it('suggests the local style names and sends free text', async () => {
    const inputs: unknown[] = [];
    const { user } = await openDialog('RESTYLE', {
      RestyleForm_RestyleImage: queued(inputs, 'restyleImage', 'RESTYLE'),
    });
    const dialog = await screen.findByRole('dialog', { name: 'Restyle' });
    const suggestions = await within(dialog).findByRole('group', { name: 'Style suggestions' });
    expect(
      within(suggestions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Neon', 'Watercolor']);
    await user.click(within(suggestions).getByRole('button', { name: 'Watercolor' }));
    const style = within(dialog).getByRole('combobox', { name: 'Style' });
    await user.type(style, ' at dusk');
    await user.click(within(dialog).getByRole('button', { name: /^Restyle · watercolor at dusk/ }));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toMatchObject({ imageId: 'img-1', styleText: 'watercolor at dusk', provider: 'flux' });
  });

  it('takes a reference image from the gallery when the provider can', async () => {
    const inputs: unknown[] = [];
    const { user } = await openDialog('RESTYLE', {
      RestyleForm_RestyleImage: queued(inputs, 'restyleImage', 'RESTYLE'),
      GalleryGrid_Images: () => imagesPage([imageFixture(3), imageFixture(2), imageFixture(1)]),
    });
    const dialog = await screen.findByRole('dialog', { name: 'Restyle' });
    await user.selectOptions(await within(dialog).findByRole('combobox', { name: 'Provider' }), 'ideogram');
    await user.click(within(dialog).getByRole('radio', { name: 'Reference image' }));
    const pick = await within(dialog).findByRole('radiogroup', { name: 'Reference image' });
    // Never the image being restyled.
    expect(
      within(pick)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['prompt 3', 'prompt 2']);
    await user.click(within(pick).getByRole('radio', { name: 'prompt 2' }));
    await user.click(within(dialog).getByRole('button', { name: /^Restyle/ }));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toMatchObject({
      styleReferenceImageId: 'img-2',
      provider: 'ideogram',
      model: 'ideogram-v3',
    });
    expect(inputs[0]).not.toHaveProperty('styleText');
  });
});

describe('Edit', () => {
  it('opens the editor’s page from the menu, with no dialog', async () => {
    const { user } = renderActions('EDIT');
    await user.click(screen.getByRole('button', { name: 'Open menu' }));
    const menu = screen.getByRole('menu', { name: `Actions for ${image.prompt}` });
    await user.click(within(menu).getByRole('menuitem', { name: 'Edit…' }));
    expect(screen.getByTestId('location').textContent).toBe('/images/img-1/edit');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.queryByRole('dialog', { name: 'Edit' })).toBeNull();
  });

  it('opens the editor’s page when asked directly, as the image page’s button does', async () => {
    await openDialog('EDIT');
    expect(screen.getByTestId('location').textContent).toBe('/images/img-1/edit');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobFixture, providerFixture, providersResult, refusalFixture } from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { GenerateForm } from './generate-form';

const local = providerFixture();

/** A person with 39 of 41 images used today: four are refused, two pass. */
function dailyLimit(): { counts: number[]; fixture: Fixture } {
  const counts: number[] = [];
  const fixture: Fixture = (variables) => {
    const count = (variables.input as { count: number }).count;
    counts.push(count);
    if (count <= 2) return { generateImages: jobFixture('job-1', 'QUEUED') };
    return {
      generateImages: {
        ...refusalFixture('QuotaExceededError'),
        code: 'QUOTA_EXCEEDED',
        message: 'Your limit is 41 images a day',
        limit: 'IMAGES_PER_DAY',
        max: 41,
        remaining: 2,
        resetsAt: new Date(Date.now() + 3 * 3600_000 + 60_000).toISOString(),
      },
    };
  };
  return { counts, fixture };
}

beforeEach(() => window.localStorage.clear());

describe('a daily limit with some images left', () => {
  it('says how many are left and when it resets, and makes that many on request', async () => {
    const user = userEvent.setup();
    const { counts, fixture } = dailyLimit();
    const test = createTestClient({
      CollectionSelect_Collections: () => ({
        collections: { __typename: 'QueryCollectionsConnection', edges: [] },
      }),
      PresetPicker_Presets: () => ({
        stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] },
      }),
      GenerateForm_Providers: () => providersResult(local),
      GenerateForm_GenerateImages: fixture,
    });
    render(
      <UrqlProvider value={test.client}>
        <ToastProvider>
          <JobSessionProvider>
            <GenerateForm variant="dialog" />
          </JobSessionProvider>
        </ToastProvider>
      </UrqlProvider>,
    );
    await user.type(await screen.findByRole('textbox', { name: 'Prompt' }), 'a fox');
    const count = screen.getByRole('spinbutton', { name: 'Count' });
    await user.clear(count);
    await user.type(count, '4');
    await user.click(screen.getByRole('button', { name: /^Generate 4 images/ }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Only 2 of your 41 images per day are left; it resets at .+ \(in 3 h\)\./,
    );
    await user.click(screen.getByRole('button', { name: 'Make 2 images' }));

    await waitFor(() => expect(counts).toEqual([4, 2]));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Count' }).value).toBe('2');
  });
});

// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  accountFixture,
  attemptFixture,
  fluxFixture,
  jobFixture,
  jobInputFixture,
  jobsPage,
  providerFixture,
  providersResult,
  sessionFixture,
} from '../../lib/testing/fixtures';
import { renderApp } from '../../lib/testing/render-app';

const ada = accountFixture();
const input = jobInputFixture({ prompt: 'a lighthouse at dusk', provider: 'flux' });
const running = jobFixture('job-9', 'RUNNING', { provider: 'flux', input, seq: 2 });
const failed = jobFixture('job-9', 'FAILED', {
  provider: 'flux',
  input,
  seq: 3,
  attempts: [attemptFixture({ provider: 'flux', model: 'flux-pro-1.1', outcome: 'INSUFFICIENT_CREDITS' })],
  error: {
    __typename: 'JobError',
    code: 'INSUFFICIENT_CREDITS',
    message: 'Black Forest Labs says the account has no credits left',
    details: {},
    retryable: false,
  },
});

const fixtures = {
  SessionRoot_Session: () => sessionFixture({ viewer: ada }),
  GenerateForm_Providers: () => providersResult(providerFixture(), fluxFixture()),
  ActiveJobs_Jobs: () => jobsPage([running]),
  JobHistory_Jobs: () => jobsPage([failed]),
};

describe('a job failing away from the Create page', () => {
  it('says so where the person is: a toast with the reason and a way to the job, and a failure on the badge', async () => {
    const app = renderApp('/gallery', fixtures, { owner: ada.id });
    // The first render loads the shell and its page chunks: give it time.
    const tray = await screen.findByRole('button', { name: /^Jobs 1 active/ }, { timeout: 5000 });
    await waitFor(() => expect(app.clients[0]!.requests).toContain('JobWatcher_JobUpdated'));

    app.clients[0]!.emit('JobWatcher_JobUpdated', { jobUpdated: failed });

    const toast = await screen.findByRole('alert');
    await waitFor(() => expect(toast.textContent).toContain('Flux account is out of credits'));
    expect(toast.textContent).toContain('a lighthouse at dusk');
    await waitFor(() => expect(tray.textContent).toMatch(/Jobs 0 active 1 failed/));

    await app.user.click(within(toast).getByRole('button', { name: 'Open in Jobs' }));
    await waitFor(() => expect(app.location()).toBe('/jobs?job=job-9'));
    await screen.findByRole('list', { name: 'Jobs' }, { timeout: 5000 });
    // Looking at the Jobs page is seeing the failure.
    await waitFor(() => expect(tray.textContent).not.toContain('failed'));
    // Announced once, not again on the next render or page.
    expect(screen.queryAllByText(/Job failed:/)).toHaveLength(0);
  });
});

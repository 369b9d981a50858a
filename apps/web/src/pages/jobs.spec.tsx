// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  accountFixture,
  fluxFixture,
  jobFixture,
  jobInputFixture,
  jobsPage,
  providerFixture,
  providersResult,
  sessionFixture,
} from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';

const ada = accountFixture();
const failed = jobFixture('job-1', 'FAILED', {
  provider: 'flux',
  input: jobInputFixture({ prompt: 'a red kite', provider: 'flux' }),
  error: {
    __typename: 'JobError',
    code: 'INSUFFICIENT_CREDITS',
    message: 'no credits',
    details: {},
    retryable: false,
  },
});
const retried = jobFixture('job-2', 'QUEUED', { input: jobInputFixture({ prompt: 'a red kite' }) });

function fixtures(asked: Record<string, unknown>[]) {
  return {
    SessionRoot_Session: () => sessionFixture({ viewer: ada }),
    GenerateForm_Providers: () => providersResult(providerFixture(), fluxFixture()),
    JobHistory_Jobs: (variables: Record<string, unknown>) => {
      asked.push(variables);
      return jobsPage(variables.kinds ? [] : [failed]);
    },
    JobCard_RetryJob: () => ({ retryJob: retried }),
  };
}

describe('Jobs page', () => {
  it('reads its filters from the URL and writes them back when changed', async () => {
    const asked: Record<string, unknown>[] = [];
    const app = renderApp('/jobs?status=FAILED', fixtures(asked), { owner: ada.id });
    await screen.findByRole('list', { name: 'Jobs' }, { timeout: 5000 });
    expect(asked[0]).toMatchObject({ statuses: ['FAILED'], providers: null, kinds: null });
    const status = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Status' });
    expect(status.value).toBe('FAILED');

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'flux');
    await waitFor(() => expect(app.location()).toBe('/jobs?status=FAILED&provider=flux'));
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ statuses: ['FAILED'], providers: ['flux'] }));

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Operation' }), 'EDIT');
    await screen.findByRole('heading', { name: 'No jobs match these filters' });
    await app.user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(app.location()).toBe('/jobs'));
  });

  it('runs a job again with Retry, and lists the new job', async () => {
    const asked: Record<string, unknown>[] = [];
    const app = renderApp('/jobs', fixtures(asked), { owner: ada.id });
    const list = await screen.findByRole('list', { name: 'Jobs' }, { timeout: 5000 });
    const card = within(list).getByRole('article', { name: 'Job: a red kite' });
    await app.user.click(within(card).getByRole('button', { name: 'Retry job: a red kite' }));
    await waitFor(() => expect(app.clients[0]!.requests).toContain('JobCard_RetryJob'));
    await screen.findByText('Queued again: “a red kite”');
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(2));
  });
});

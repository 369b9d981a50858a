// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import type { JobCard_JobFragment } from '../../gql/graphql';
import {
  attemptFixture,
  fluxFixture,
  ideogramFixture,
  imageFixture,
  jobFixture,
  jobInputFixture,
  providerFixture,
  providersResult,
} from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { JobCardView } from './job-card';

function renderCard(job: ReturnType<typeof jobFixture>, fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient({
    GenerateForm_Providers: () => providersResult(providerFixture(), fluxFixture(), ideogramFixture()),
    ...fixtures,
  });
  render(
    <UrqlProvider value={test.client}>
      <MemoryRouter>
        <JobCardView job={job as unknown as JobCard_JobFragment} compact={false} onDismiss={() => {}} />
      </MemoryRouter>
    </UrqlProvider>,
  );
  return test;
}

describe('JobCardView', () => {
  it('shows progress, the stage and a Cancel button while running', async () => {
    const user = userEvent.setup();
    const { requests } = renderCard(jobFixture('job-1', 'RUNNING', { progress: 0.45, stage: 'rendering' }), {
      JobCard_CancelJob: () => ({ cancelJob: jobFixture('job-1', 'CANCELED') }),
    });
    const card = screen.getByRole('article', { name: /^Job/ });
    const bar = screen.getByRole('progressbar');
    expect(card.contains(bar)).toBe(true);
    expect(bar.getAttribute('aria-valuenow')).toBe('45');
    expect(screen.getByText('rendering 45 %')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(requests).toContain('JobCard_CancelJob'));
  });

  it('shows the queue place while queued', () => {
    renderCard(jobFixture('job-2', 'QUEUED', { queuePosition: 2 }));
    expect(screen.getByText('queued · 2nd')).toBeTruthy();
  });

  it('says why a job failed, with the provider’s reasons and what to do, and offers no Cancel', async () => {
    renderCard(
      jobFixture('job-3', 'FAILED', {
        provider: 'ideogram',
        input: jobInputFixture({ prompt: 'a fight', provider: 'ideogram' }),
        attempts: [attemptFixture({ provider: 'ideogram', model: 'ideogram-v3', outcome: 'CONTENT_FILTER' })],
        error: {
          __typename: 'JobError',
          code: 'CONTENT_FILTER',
          message: 'Ideogram rejected the prompt as unsafe',
          details: { reason: 'Prompt flagged: violence' },
          retryable: false,
        },
      }),
    );
    const alert = screen.getByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Ideogram rejected the prompt as unsafe'));
    expect(within(alert).getByRole('list', { name: 'Reasons' }).textContent).toBe('Prompt flagged: violence');
    expect(alert.textContent).toContain('Reword the prompt');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('prints a moderation reason once, in the list, not again in the message', async () => {
    renderCard(
      jobFixture('job-7', 'FAILED', {
        provider: 'flux',
        input: jobInputFixture({ prompt: 'a fight', provider: 'flux' }),
        attempts: [attemptFixture({ provider: 'flux', outcome: 'CONTENT_FILTER' })],
        error: {
          __typename: 'JobError',
          code: 'CONTENT_FILTER',
          message: "Black Forest Labs' moderation refused the prompt or input image: Violence",
          details: { stage: 'request', reasons: ['Violence'] },
          retryable: false,
        },
      }),
    );
    const alert = screen.getByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Flux rejected the prompt as unsafe'));
    expect(alert.textContent?.match(/Violence/g)).toHaveLength(1);
    expect(within(alert).getByRole('list', { name: 'Reasons' }).textContent).toBe('Violence');
  });

  it('lists every attempt: provider, model, outcome, latency, cost and withheld images', async () => {
    renderCard(
      jobFixture('job-5', 'SUCCEEDED', {
        provider: 'ideogram',
        input: jobInputFixture({ prompt: 'a boat', provider: 'flux', fallbackProviders: ['ideogram'] }),
        attempts: [
          attemptFixture({ provider: 'flux', model: 'flux-pro-1.1', outcome: 'RATE_LIMIT', latencyMs: 310 }),
          attemptFixture({
            provider: 'ideogram',
            model: 'ideogram-v3',
            latencyMs: 4200,
            costUsd: 0.06,
            withheld: 1,
          }),
        ],
        images: [imageFixture(1)],
      }),
    );
    const attempts = screen.getByRole('list', { name: 'Attempts' });
    const items = within(attempts).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    await waitFor(() => expect(items[0]!.textContent).toContain('Flux'));
    expect(items[0]!.textContent).toBe('RATE_LIMITFlux · flux-pro-1.1 · 310 ms');
    expect(items[1]!.textContent).toBe(
      '✓SucceededIdeogram · ideogram-v3 · 4.2 s · $0.06 · 1 withheld as unsafe',
    );
    // The card says the job moved on from its first choice.
    expect(screen.getByText(/Flux → Ideogram/)).toBeTruthy();
  });

  it('shows a fallback notice as the stage, without a percentage', () => {
    renderCard(
      jobFixture('job-6', 'RUNNING', {
        progress: 0.1,
        stage: 'Flux failed (insufficient credits); trying Ideogram',
        attempts: [attemptFixture({ provider: 'flux', outcome: 'INSUFFICIENT_CREDITS' })],
      }),
    );
    expect(screen.getByText('Flux failed (insufficient credits); trying Ideogram')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
      'Flux failed (insufficient credits); trying Ideogram',
    );
  });

  it('names what an image job does', () => {
    renderCard(
      jobFixture('job-8', 'RUNNING', {
        kind: 'ENHANCE',
        input: jobInputFixture({ prompt: 'a cat', count: 1, scale: 4, width: null, height: null }),
      }),
    );
    expect(screen.getByText(/^Enhance ×4 · 1 image/)).toBeTruthy();
  });

  it('links to the images of a finished job', () => {
    renderCard(jobFixture('job-4', 'SUCCEEDED', { images: [imageFixture(1), imageFixture(2)] }));
    expect(screen.getByRole('link', { name: 'Open image: prompt 1' }).getAttribute('href')).toBe(
      '/images/img-1',
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('shows the images a canceled job had finished, and says they were kept', () => {
    renderCard(
      jobFixture('job-5', 'CANCELED', {
        input: jobInputFixture({ prompt: 'job job-5', count: 4 }),
        images: [imageFixture(1), imageFixture(2)],
      }),
    );
    expect(screen.getByText('Canceled — kept the 2 of 4 images already finished.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open image: prompt 2' }).getAttribute('href')).toBe(
      '/images/img-2',
    );
  });

  it('says nothing was saved when a job was canceled before any image was finished', () => {
    renderCard(jobFixture('job-6', 'CANCELED'));
    expect(screen.getByText('Canceled — nothing was saved.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Results' })).toBeNull();
  });
});

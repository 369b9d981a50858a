// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import type { JobCard_JobFragment } from '../../gql/graphql';
import { imageFixture, jobFixture } from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { JobCardView } from './job-card';

function renderCard(job: ReturnType<typeof jobFixture>, fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient(fixtures);
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

  it('says why a job failed, and offers no Cancel once it has ended', () => {
    renderCard(
      jobFixture('job-3', 'FAILED', {
        error: {
          __typename: 'JobError',
          code: 'CONTENT_FILTER',
          message: 'The provider refused the prompt as unsafe',
        },
      }),
    );
    expect(screen.getByRole('alert').textContent).toBe('The provider refused the prompt as unsafe');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('links to the images of a finished job', () => {
    renderCard(jobFixture('job-4', 'SUCCEEDED', { images: [imageFixture(1), imageFixture(2)] }));
    expect(screen.getByRole('link', { name: 'Open image: prompt 1' }).getAttribute('href')).toBe(
      '/images/img-1',
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });
});

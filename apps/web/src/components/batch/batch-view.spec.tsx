// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider as UrqlProvider, useQuery } from 'urql';
import { describe, expect, it } from 'vitest';
import {
  attemptFixture,
  imageFixture,
  jobFixture,
  providerFixture,
  providersResult,
} from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { BatchPage_Batch } from '../../pages/batch';
import { BatchView } from './batch-view';

const BATCH_ID = 'QmF0Y2g6MQ==';

function counts(overrides: Record<string, number> = {}) {
  return {
    __typename: 'BatchCounts',
    total: 2,
    queued: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    canceled: 0,
    ...overrides,
  };
}

function item(index: number, job: ReturnType<typeof jobFixture>, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'BatchItemsConnectionEdge',
    node: {
      __typename: 'BatchItem',
      index,
      prompt: job.input.prompt,
      target: null,
      values: null,
      job,
      ...extra,
    },
  };
}

function batchFixture(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Batch',
    id: BATCH_ID,
    kind: 'PROMPTS',
    title: 'Two animals',
    status: 'RUNNING',
    progress: 0.25,
    createdAt: '2026-01-02T00:00:00.000Z',
    canceledAt: null,
    counts: counts({ running: 1, queued: 1 }),
    collection: null,
    items: {
      __typename: 'BatchItemsConnection',
      edges: [
        item(0, jobFixture('job-1', 'RUNNING', { progress: 0.5 })),
        item(1, jobFixture('job-2', 'QUEUED')),
      ],
    },
    ...overrides,
  };
}

function Page() {
  const [{ data }] = useQuery({ query: BatchPage_Batch, variables: { id: BATCH_ID } });
  return data?.batch ? <BatchView batch={data.batch} /> : null;
}

function renderBatch(batch: ReturnType<typeof batchFixture>, fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient({
    BatchPage_Batch: () => ({ batch }),
    GenerateForm_Providers: () => providersResult(providerFixture()),
    ...fixtures,
  });
  render(
    <UrqlProvider value={test.client}>
      <MemoryRouter>
        <Page />
      </MemoryRouter>
    </UrqlProvider>,
  );
  return test;
}

describe('BatchView', () => {
  it('shows aggregate progress and moves it as item updates arrive', async () => {
    const { emit, requests } = renderBatch(batchFixture());
    const bar = await screen.findByRole('progressbar', { name: 'Batch progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByRole('status').textContent).toBe('0 of 2 done · 1 running');
    await waitFor(() => expect(requests).toContain('BatchView_BatchUpdated'));
    act(() =>
      emit('BatchView_BatchUpdated', {
        batchUpdated: {
          __typename: 'BatchUpdate',
          batch: {
            __typename: 'Batch',
            id: BATCH_ID,
            status: 'SUCCEEDED',
            progress: 1,
            counts: counts({ succeeded: 2 }),
          },
          job: jobFixture('job-2', 'SUCCEEDED', { images: [imageFixture(1)] }),
        },
      }),
    );
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'));
    expect(screen.getByRole('status').textContent).toBe('All 2 done');
    expect(screen.queryByRole('button', { name: 'Cancel all' })).toBeNull();
  });

  it('cancels all unfinished items at once', async () => {
    const user = userEvent.setup();
    const { requests } = renderBatch(batchFixture(), {
      BatchView_CancelBatch: () => ({
        cancelBatch: batchFixture({
          status: 'CANCELED',
          progress: 1,
          counts: counts({ canceled: 2 }),
          items: {
            __typename: 'BatchItemsConnection',
            edges: [item(0, jobFixture('job-1', 'CANCELED')), item(1, jobFixture('job-2', 'CANCELED'))],
          },
        }),
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel all' }));
    await waitFor(() => expect(requests).toContain('BatchView_CancelBatch'));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Canceled · 0 done · 2 canceled'),
    );
  });

  it('offers to retry failed items', async () => {
    const user = userEvent.setup();
    const failed = batchFixture({
      status: 'FAILED',
      progress: 1,
      counts: counts({ succeeded: 1, failed: 1 }),
      items: {
        __typename: 'BatchItemsConnection',
        edges: [item(0, jobFixture('job-1', 'SUCCEEDED')), item(1, jobFixture('job-2', 'FAILED'))],
      },
    });
    const { requests } = renderBatch(failed, {
      BatchView_RetryFailed: () => ({
        retryFailedBatchItems: batchFixture({ counts: counts({ succeeded: 1, queued: 1 }), progress: 0.5 }),
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Retry failed (1)' }));
    await waitFor(() => expect(requests).toContain('BatchView_RetryFailed'));
  });

  it('shows a compare batch side by side, one column per target', async () => {
    renderBatch(
      batchFixture({
        kind: 'COMPARE',
        items: {
          __typename: 'BatchItemsConnection',
          edges: [
            item(0, jobFixture('job-1', 'SUCCEEDED', { images: [imageFixture(1)] }), {
              target: { __typename: 'BatchTarget', provider: 'local', model: null },
            }),
            item(1, jobFixture('job-2', 'RUNNING', { progress: 0.4 }), {
              target: { __typename: 'BatchTarget', provider: 'flux', model: 'flux-pro-1.1' },
            }),
          ],
        },
      }),
    );
    const columns = await screen.findByRole('list', { name: 'Results side by side' });
    expect(columns.children).toHaveLength(2);
    expect(screen.getByRole('heading', { name: 'Flux · flux-pro-1.1' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Progress on Flux · flux-pro-1.1' })).toBeTruthy();
  });

  it('shows what each provider cost and how long it took in a compare batch', async () => {
    renderBatch(
      batchFixture({
        kind: 'COMPARE',
        status: 'SUCCEEDED',
        counts: counts({ succeeded: 2 }),
        items: {
          __typename: 'BatchItemsConnection',
          edges: [
            item(0, jobFixture('job-1', 'SUCCEEDED', { images: [imageFixture(1)] }), {
              target: { __typename: 'BatchTarget', provider: 'local', model: null },
            }),
            item(
              1,
              jobFixture('job-2', 'SUCCEEDED', {
                provider: 'flux',
                images: [imageFixture(2)],
                attempts: [attemptFixture({ provider: 'flux', costUsd: 0.04 })],
                costUsd: 0.04,
              }),
              { target: { __typename: 'BatchTarget', provider: 'flux', model: 'flux-pro-1.1' } },
            ),
          ],
        },
      }),
    );
    const flux = await screen.findByRole('listitem', { name: 'Flux · flux-pro-1.1' });
    expect(within(flux).getByText('Cost $0.04 · took 3.0 s')).toBeTruthy();
    const local = screen.getByRole('listitem', { name: /^Local/ });
    expect(within(local).getByText('No cost reported · took 3.0 s')).toBeTruthy();
  });

  it('leads a finished batch on: its collection in the gallery, add all to a collection, run again', async () => {
    const user = userEvent.setup();
    const submitted: unknown[] = [];
    const finished = batchFixture({
      status: 'SUCCEEDED',
      counts: counts({ succeeded: 2 }),
      collection: { __typename: 'Collection', id: 'col-1', name: 'Animals' },
      items: {
        __typename: 'BatchItemsConnection',
        edges: [
          item(0, jobFixture('job-1', 'SUCCEEDED', { images: [imageFixture(1)] })),
          item(1, jobFixture('job-2', 'SUCCEEDED', { images: [imageFixture(2)] })),
        ],
      },
    });
    renderBatch(finished, {
      BatchActions_RunAgainSource: () => ({ batch: finished }),
      CollectionChooser_Collections: () => ({
        collections: { __typename: 'QueryCollectionsConnection', edges: [] },
      }),
      BatchActions_RunAgain: (vars) => {
        submitted.push(vars.input);
        return { createBatch: { __typename: 'Batch', id: 'QmF0Y2g6Mg==' } };
      },
    });
    const open = await screen.findByRole('link', { name: 'Open in gallery' });
    expect(open.getAttribute('href')).toBe('/gallery?collection=col-1');

    await user.click(screen.getByRole('button', { name: 'Add all to a collection' }));
    expect(await screen.findByRole('dialog', { name: 'Add 2 images to a collection' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Run again' }));
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]).toMatchObject({
      title: 'Two animals (again)',
      collectionId: 'col-1',
      prompts: [{ prompt: 'job job-1' }, { prompt: 'job job-2' }],
      provider: 'local',
      count: 2,
      width: 1024,
      height: 768,
    });
  });

  it('opens the images of a batch without a collection in the gallery, narrowed to that batch', async () => {
    renderBatch(
      batchFixture({
        status: 'SUCCEEDED',
        counts: counts({ succeeded: 2 }),
        items: {
          __typename: 'BatchItemsConnection',
          edges: [
            item(0, jobFixture('job-1', 'SUCCEEDED', { images: [imageFixture(1)] })),
            item(1, jobFixture('job-2', 'SUCCEEDED', { images: [imageFixture(2)] })),
          ],
        },
      }),
    );
    const open = await screen.findByRole('link', { name: 'Open in gallery' });
    expect(open.getAttribute('href')).toBe(`/gallery?batch=${encodeURIComponent(BATCH_ID)}`);
  });
});

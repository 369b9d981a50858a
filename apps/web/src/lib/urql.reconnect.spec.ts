// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveImages_Added } from '../components/gallery/use-live-images';
import { JobWatcher_JobUpdated } from '../components/job/job-watcher';
import { imageFixture, jobFixture } from './testing/fixtures';
import { useFakeWebSocket, type FakeWebSocket } from './testing/fake-websocket';
import { createUrqlClient, type AppClient } from './urql';

let Socket: typeof FakeWebSocket;
let app: AppClient;

beforeEach(() => {
  Socket = useFakeWebSocket();
  app = createUrqlClient({
    storage: null,
    url: 'http://test/graphql',
    fetch: () => Promise.reject(new Error('no HTTP in these tests')),
  });
});

afterEach(async () => {
  await app.dispose();
  vi.unstubAllGlobals();
});

/** The subscription as the `nth` socket (0 = the first) received it, once it has. */
async function subscribedOn(nth: number, operationName: string) {
  return vi.waitFor(
    () => {
      const socket = Socket.opened[nth];
      const subscription = socket?.latest(operationName);
      if (!socket || !subscription) throw new Error(`socket ${nth} has no ${operationName} yet`);
      return { socket, variables: subscription.payload.variables };
    },
    // The first reconnect waits up to 625 ms (see createSocket).
    { timeout: 3000, interval: 10 },
  );
}

const liveImage = (n: number) => ({
  imageAdded: imageFixture(n, { model: 'procedural-v1', deletedAt: null }),
});

describe('subscriptions across a reconnect', () => {
  it('resume jobUpdated after the last seq received, not the one they started from', async () => {
    const results: unknown[] = [];
    const subscription = app.client
      .subscription(JobWatcher_JobUpdated, { id: 'job-1', afterSeq: 2 })
      .subscribe((result) => results.push(result.data));
    const first = await subscribedOn(0, 'JobWatcher_JobUpdated');
    expect(first.variables).toEqual({ id: 'job-1', afterSeq: 2 });

    first.socket.next('JobWatcher_JobUpdated', { jobUpdated: jobFixture('job-1', 'RUNNING', { seq: 3 }) });
    first.socket.next('JobWatcher_JobUpdated', { jobUpdated: jobFixture('job-1', 'RUNNING', { seq: 5 }) });
    await vi.waitFor(() => expect(results).toHaveLength(2));
    first.socket.drop(); // the API restarts

    const second = await subscribedOn(1, 'JobWatcher_JobUpdated');
    expect(second.variables).toEqual({ id: 'job-1', afterSeq: 5 });
    subscription.unsubscribe();
  });

  it('resume imageAdded from the newest image received', async () => {
    const since = '2026-01-01T00:00:00.000Z';
    const results: unknown[] = [];
    const subscription = app.client
      .subscription(LiveImages_Added, { since })
      .subscribe((result) => results.push(result.data));
    const first = await subscribedOn(0, 'LiveImages_Added');
    expect(first.variables).toEqual({ since });

    // Out of order (an import with an older date): the newest one received still counts.
    first.socket.next('LiveImages_Added', liveImage(3));
    first.socket.next('LiveImages_Added', liveImage(2));
    await vi.waitFor(() => expect(results).toHaveLength(2));
    first.socket.drop();

    const second = await subscribedOn(1, 'LiveImages_Added');
    expect(second.variables).toEqual({ since: imageFixture(3).createdAt });
    subscription.unsubscribe();
  });

  it.each(['refuse', 'fail'] as const)(
    'subscribe again, from where they were, once the server can reach its database (%s)',
    async (how) => {
      const results: unknown[] = [];
      const subscription = app.client
        .subscription(JobWatcher_JobUpdated, { id: 'job-1', afterSeq: 1 })
        .subscribe((result) => results.push(result));
      const first = await subscribedOn(0, 'JobWatcher_JobUpdated');
      first.socket.next('JobWatcher_JobUpdated', { jobUpdated: jobFixture('job-1', 'RUNNING', { seq: 4 }) });
      await vi.waitFor(() => expect(results).toHaveLength(1));

      first.socket[how]('JobWatcher_JobUpdated', [
        {
          message: 'The database is unavailable right now; nothing was done. Try again in 1 s.',
          extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfterSeconds: 0.05 },
        },
      ]);
      expect(app.connection.reconnecting()).toBe(true);
      // Its only subscription refused, the socket closed; asking again opens another.
      const again = await subscribedOn(1, 'JobWatcher_JobUpdated');
      expect(again.variables).toEqual({ id: 'job-1', afterSeq: 4 });

      again.socket.next('JobWatcher_JobUpdated', {
        jobUpdated: jobFixture('job-1', 'SUCCEEDED', { seq: 5 }),
      });
      await vi.waitFor(() => expect(results).toHaveLength(2));
      // The refusal itself never reached the app as a result: only the two states did.
      expect(results).toMatchObject([
        { data: { jobUpdated: { seq: 4 } }, error: undefined },
        { data: { jobUpdated: { seq: 5 } }, error: undefined },
      ]);
      expect(app.connection.reconnecting()).toBe(false);
      subscription.unsubscribe();
    },
  );
});

describe('connection status', () => {
  it('is reconnecting while the socket is down after having been connected, not when closed on purpose', async () => {
    const subscription = app.client.subscription(JobWatcher_JobUpdated, { id: 'job-1' }).subscribe(() => {});
    const first = await subscribedOn(0, 'JobWatcher_JobUpdated');
    expect(app.connection.reconnecting()).toBe(false);

    first.socket.drop();
    expect(app.connection.reconnecting()).toBe(true);
    await subscribedOn(1, 'JobWatcher_JobUpdated');
    expect(app.connection.reconnecting()).toBe(false);

    // The last subscription ends: the socket closes normally, which is no outage.
    subscription.unsubscribe();
    await vi.waitFor(() => expect(Socket.opened[1]!.readyState).toBe(Socket.CLOSED));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.connection.reconnecting()).toBe(false);
  });
});

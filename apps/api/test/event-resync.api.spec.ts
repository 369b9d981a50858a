import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { GenerateImages, JobUpdated } from './support/operations';
import { subscribe, type Subscription } from './support/ws-client';

let stack: TestStack;
let url: string;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  url = (await stack.listen()).url;
});
afterAll(() => stack?.close());

const ImageAdded = `subscription($since: DateTime) { imageAdded(since: $since) { id createdAt } }`;
const LibraryChanged = `subscription { libraryChanged { kind id removed } }`;
const SavePrompt = `mutation($input: SavePromptInput!) { savePrompt(input: $input) { __typename ... on SavedPrompt { id } } }`;
const CancelJob = `mutation($id: ID!) { cancelJob(id: $id) { __typename } }`;

interface Added {
  imageAdded: { id: string; createdAt: string };
}
interface Change {
  libraryChanged: { kind: string; id: string; removed: boolean };
}

/** Ends this process's LISTEN connection, as a database restart or a network drop would. */
async function dropEventConnection(): Promise<void> {
  const { rows } = await sql<{ ended: boolean }>`
    select pg_terminate_backend(pid) as ended from pg_stat_activity
    where datname = current_database() and query ilike 'listen atelier_events%'`.execute(stack.app.db);
  expect(rows.map((row) => row.ended)).toEqual([true]);
}

/** Resolves once `subscription` delivers an image made for the purpose (it listens from then on). */
async function untilListening(subscription: Subscription<Added>, viewer: Viewer): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await newImage(stack.app, viewer);
    try {
      await subscription.waitFor((p) => p.imageAdded.id === globalId('Image', probe.id), 200);
      return;
    } catch {
      // not listening yet
    }
  }
  throw new Error('subscription never started');
}

describe('subscribers after the event connection drops', () => {
  it('get what they missed: the images made meanwhile, a resync of the library, and the job’s end', async () => {
    const me = await stack.newUser();
    const images = subscribe<Added>(url, me, ImageAdded, {});
    const library = subscribe<Change>(url, me, LibraryChanged, {});
    const { data } = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'a harbour at dawn', provider: 'local', width: 256, height: 256 },
    });
    const jobId = data.generateImages.id as string;
    const job = subscribe(url, me, JobUpdated, { id: jobId });
    try {
      await untilListening(images, me);
      await job.waitFor((p) => p.jobUpdated.status === 'QUEUED');

      await dropEventConnection();
      // Made while nobody listens: their notifications are lost.
      const missed = await newImage(stack.app, me);
      await stack.graphql(me, SavePrompt, { input: { title: 'missed', prompt: 'a missed prompt' } });
      await stack.graphql(me, CancelJob, { id: jobId });

      await images.waitFor((p) => p.imageAdded.id === globalId('Image', missed.id), 10_000);
      await library.waitFor((p) => p.libraryChanged.kind === 'EVERYTHING', 10_000);
      const states = await job.done;
      expect(states.at(-1).jobUpdated.status).toBe('CANCELED');
      const seqs = states.map((p: { jobUpdated: { seq: number } }) => p.jobUpdated.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      const ids = images.received.map((p) => p.imageAdded.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await Promise.all([images.close(), library.close(), job.close()]);
    }
  });

  it('imageAdded(since) sends the images made after `since` first, oldest first, then new ones', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const seen = await newImage(stack.app, me, { createdAt: new Date(Date.now() - 60_000) });
    const first = await newImage(stack.app, me, { createdAt: new Date(Date.now() - 30_000) });
    const second = await newImage(stack.app, me, { createdAt: new Date(Date.now() - 20_000) });
    await newImage(stack.app, stranger, { createdAt: new Date(Date.now() - 10_000) });
    const images = subscribe<Added>(url, me, ImageAdded, { since: seen.createdAt.toISOString() });
    try {
      await images.waitFor((p) => p.imageAdded.id === globalId('Image', second.id));
      expect(images.received.map((p) => p.imageAdded.id)).toEqual([
        globalId('Image', first.id),
        globalId('Image', second.id),
      ]);
      await untilListening(images, me);
    } finally {
      await images.close();
    }
  });
});

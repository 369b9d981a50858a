import type { Viewer } from '@atelier/domain';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack, VIEWER_HEADER } from './support/harness';
import { subscribe, type Subscription } from './support/ws-client';

/*
 * Many subscribers, some slow: events go only to their own person's (or job's) subscribers, and a
 * socket that stops reading is dropped (closed with 1013, "try again later") once it is far behind,
 * rather than the server holding every change for it; its client reconnects and follows again.
 */

let stack: TestStack;
let url: string;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  url = (await stack.listen()).url;
});
afterAll(() => stack?.close());

const Star = `mutation($ids: [ID!]!, $starred: Boolean!) { setImagesStarred(ids: $ids, starred: $starred) { __typename } }`;
// Eight copies of a long prompt: a few dozen of these fill what the kernel buffers for a socket.
const HeavyUpdates = `subscription { imageUpdated { id starred
  a: prompt b: prompt c: prompt d: prompt e: prompt f: prompt g: prompt h: prompt } }`;
const IMAGES = 500;
const TOGGLES = 3;

interface Update {
  imageUpdated: { id: string; starred: boolean };
}

/** 500 images of `viewer`, each with an 8 KB prompt, written in one statement. */
async function heavyImages(viewer: Viewer): Promise<string[]> {
  const prompt = 'a long and winding prompt '.repeat(320);
  const rows = await stack.app.db
    .insertInto('image')
    .values(
      Array.from({ length: IMAGES }, (_, i) => ({
        ownerId: viewer.id,
        blobKey: `ff/${viewer.id}-${i}.png`,
        width: 64,
        height: 64,
        mime: 'image/png',
        bytes: 100,
        prompt,
        provider: 'local',
        model: 'procedural-v1',
        params: JSON.stringify({}),
        seed: i,
        tags: [],
      })),
    )
    .returning('id')
    .execute();
  return rows.map((row) => globalId('Image', row.id));
}

/** Stars and unstars a probe until `tab` sees it: then it surely listens. */
async function untilListening(
  me: Viewer,
  tab: Subscription<Update> | { seen: (id: string, starred: boolean) => boolean },
) {
  const probe = globalId('Image', (await newImage(stack.app, me, { prompt: 'a probe' })).id);
  for (let attempt = 0; attempt < 50; attempt++) {
    const starred = attempt % 2 === 0;
    await stack.graphql(me, Star, { ids: [probe], starred });
    const seen =
      'waitFor' in tab
        ? await tab
            .waitFor((p) => p.imageUpdated.id === probe && p.imageUpdated.starred === starred, 300)
            .then(
              () => true,
              () => false,
            )
        : await vi
            .waitFor(() => expect(tab.seen(probe, starred)).toBe(true), { timeout: 300 })
            .then(
              () => true,
              () => false,
            );
    if (seen) return;
  }
  throw new Error('the subscription never started listening');
}

describe('fan-out with slow sockets', () => {
  it('drops a socket that stopped reading, keeps every change for the others, and the dropped client comes back', async () => {
    const me = await stack.newUser();
    const ids = await heavyImages(me);

    // A client whose socket can be made to stop reading, as a frozen tab or a stalled network would.
    const sockets: WebSocket[] = [];
    class PausableWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        sockets.push(this);
      }
    }
    const closeCodes: number[] = [];
    const slowUpdates: Update[] = [];
    const slow = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: PausableWebSocket,
      connectionParams: { [VIEWER_HEADER]: me.id },
      retryAttempts: 5,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 50)),
      shouldRetry: () => true,
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    slow.subscribe<Update>(
      { query: HeavyUpdates },
      { next: (result) => slowUpdates.push(result.data!), error: () => undefined, complete: () => undefined },
    );
    const healthy = subscribe<Update>(url, me, HeavyUpdates, {});
    const slowSeen = {
      seen: (id: string, starred: boolean) =>
        slowUpdates.some((u) => u.imageUpdated.id === id && u.imageUpdated.starred === starred),
    };
    await untilListening(me, healthy);
    await untilListening(me, slowSeen);

    const rawSocket = (sockets.at(-1) as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    rawSocket.pause();
    const before = slowUpdates.length;
    for (let toggle = 0; toggle < TOGGLES; toggle++) {
      await stack.graphql(me, Star, { ids, starred: toggle % 2 === 0 });
    }
    // The healthy subscriber gets every change, in order.
    const last = TOGGLES % 2 === 1;
    await vi.waitFor(
      () => {
        const mine = healthy.received.filter((p) => ids.includes(p.imageUpdated.id));
        expect(mine).toHaveLength(IMAGES * TOGGLES);
      },
      { timeout: 60_000 },
    );
    expect(
      healthy.received
        .filter((p) => ids.includes(p.imageUpdated.id))
        .slice(-IMAGES)
        .every((p) => p.imageUpdated.starred === last),
    ).toBe(true);

    // The slow one reads again: it gets what was already on its way, then the server's close.
    rawSocket.resume();
    await vi.waitFor(() => expect(closeCodes).toContain(1013), { timeout: 30_000 });
    const changesWhileSlow = slowUpdates.slice(before).filter((p) => ids.includes(p.imageUpdated.id));
    expect(changesWhileSlow.length).toBeLessThan(IMAGES * TOGGLES);

    // It reconnects by itself and follows changes again.
    await untilListening(me, slowSeen);
    await Promise.all([healthy.close(), slow.dispose()]);
    await vi.waitFor(() => expect(stack.app.events.listeners('image', me.id)).toBe(0));
  }, 180_000);

  it('routes each event to its own person only, and leaves no channel behind once they go', async () => {
    const [me, other] = [await stack.newUser(), await stack.newUser()];
    const Library = 'subscription { libraryChanged { kind id } }';
    const Added = 'subscription { imageAdded { id } }';
    const mine = [subscribe(url, me, Library, {}), subscribe(url, me, Added, {})];
    const theirs = [subscribe(url, other, Library, {}), subscribe(url, other, Added, {})];
    await vi.waitFor(() => {
      for (const person of [me, other]) {
        expect(stack.app.events.listeners('library', person.id)).toBe(1);
        expect(stack.app.events.listeners('image', person.id)).toBe(1);
      }
    });

    const collection = await stack.graphql(
      me,
      'mutation { createCollection(input: { name: "only mine" }) { ... on Collection { id } } }',
      {},
    );
    const image = await newImage(stack.app, me, { prompt: 'only mine too' });
    await mine[0]!.waitFor((p) => p.libraryChanged.id === collection.data.createCollection.id);
    await mine[1]!.waitFor((p) => p.imageAdded.id === globalId('Image', image.id));
    // Theirs hear their own changes, and never heard mine.
    const own = await newImage(stack.app, other, { prompt: 'theirs' });
    await theirs[1]!.waitFor((p) => p.imageAdded.id === globalId('Image', own.id));
    expect(theirs[0]!.received).toEqual([]);
    expect(theirs[1]!.received.map((p) => p.imageAdded.id)).toEqual([globalId('Image', own.id)]);

    await Promise.all([...mine, ...theirs].map((subscription) => subscription.close()));
    await vi.waitFor(() => {
      for (const person of [me, other]) {
        expect(stack.app.events.listeners('library', person.id)).toBe(0);
        expect(stack.app.events.listeners('image', person.id)).toBe(0);
      }
    });
  });
});

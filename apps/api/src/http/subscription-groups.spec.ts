import type { Viewer } from '@atelier/domain';
import { Repeater } from '@repeaterjs/repeater';
import { type ExecutionResult, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_RESULTS_BEHIND, SubscriptionGroups } from './subscription-groups';

const viewer = (id: string, scopes: Viewer['scopes'] = ['read', 'generate']): Viewer => ({
  id,
  displayName: id,
  email: null,
  role: 'USER',
  scopes,
  via: 'session',
  tokenId: null,
});

/** A source the test feeds by hand, counting how many were started. */
function sources() {
  const started: ((result: ExecutionResult) => Promise<unknown>)[] = [];
  let calls = 0;
  const start = () => {
    calls++;
    return new Repeater<ExecutionResult>((push) => {
      started.push(push);
    });
  };
  return { started, start, calls: () => calls };
}

async function firstOf(outcome: unknown): Promise<ExecutionResult> {
  const iterator = outcome as AsyncIterableIterator<ExecutionResult>;
  const { value } = await iterator.next();
  return value as ExecutionResult;
}

const Updated = parse('subscription { imageUpdated { id starred } }');

describe('SubscriptionGroups', () => {
  it('runs one execution for the same person, credentials and document, and gives each member every result', async () => {
    const groups = new SubscriptionGroups();
    const { started, start } = sources();
    const a = await groups.subscribe({ document: Updated, viewer: viewer('me') }, start);
    const b = await groups.subscribe({ document: Updated, viewer: viewer('me') }, start);
    const [nextA, nextB] = [firstOf(a), firstOf(b)];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toHaveLength(1);
    await started[0]!({ data: { imageUpdated: { id: '1' } } });
    expect(await nextA).toEqual({ data: { imageUpdated: { id: '1' } } });
    expect(await nextB).toEqual({ data: { imageUpdated: { id: '1' } } });
  });

  it('keeps apart other people, other scopes, other documents, and fields that send a state first', async () => {
    const groups = new SubscriptionGroups();
    const { start, calls } = sources();
    await groups.subscribe({ document: Updated, viewer: viewer('me') }, start);
    await groups.subscribe({ document: Updated, viewer: viewer('you') }, start);
    await groups.subscribe({ document: Updated, viewer: viewer('me', ['read']) }, start);
    await groups.subscribe(
      { document: parse('subscription { imageUpdated { id } }'), viewer: viewer('me') },
      start,
    );
    await groups.subscribe(
      { document: parse('subscription { jobUpdated(id: "1") { id } }'), viewer: viewer('me') },
      start,
    );
    await groups.subscribe({ document: Updated, viewer: null }, start);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls()).toBe(6);
    expect(groups.size).toBe(4);
  });

  it('stops the execution when the last member leaves, not before', async () => {
    const groups = new SubscriptionGroups();
    let stopped = 0;
    const start = () =>
      new Repeater<ExecutionResult>(async (_push, stop) => {
        await stop;
        stopped++;
      });
    const a = (await groups.subscribe(
      { document: Updated, viewer: viewer('me') },
      start,
    )) as AsyncIterableIterator<ExecutionResult>;
    const b = (await groups.subscribe(
      { document: Updated, viewer: viewer('me') },
      start,
    )) as AsyncIterableIterator<ExecutionResult>;
    void a.next();
    void b.next();
    await a.return?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stopped).toBe(0);
    await b.return?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stopped).toBe(1);
    expect(groups.size).toBe(0);
  });
  it('drops a member that stopped taking results, and only that one, instead of holding results for it', async () => {
    const groups = new SubscriptionGroups();
    const { started, start } = sources();
    let dropped = 0;
    const slow = (await groups.subscribe(
      { document: Updated, viewer: viewer('me'), tooFarBehind: () => dropped++ },
      start,
    )) as AsyncIterableIterator<ExecutionResult>;
    const fast = (await groups.subscribe(
      { document: Updated, viewer: viewer('me'), tooFarBehind: () => dropped++ },
      start,
    )) as AsyncIterableIterator<ExecutionResult>;
    const slowFirst = slow.next();
    const fastFirst = fast.next();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const results = MAX_RESULTS_BEHIND + 5;
    const received: unknown[] = [];
    const reading = (async () => {
      received.push((await fastFirst).value);
      while (received.length < results) received.push((await fast.next()).value);
    })();
    for (let n = 0; n < results; n++) {
      await started[0]!({ data: { imageUpdated: { id: String(n) } } });
    }
    await reading;
    expect(
      received.map(
        (result) => (result as ExecutionResult<{ imageUpdated: { id: string } }>).data!.imageUpdated.id,
      ),
    ).toEqual(Array.from({ length: results }, (_, n) => String(n)));
    expect(dropped).toBe(1);
    // The slow member still gets what it was handed before falling behind, then its stream ends.
    expect((await slowFirst).value).toEqual({ data: { imageUpdated: { id: '0' } } });
    let rest = 0;
    while (!(await slow.next()).done) rest++;
    expect(rest).toBeLessThan(MAX_RESULTS_BEHIND);
    await fast.return?.();
  });
});

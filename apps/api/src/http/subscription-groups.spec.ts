import type { Viewer } from '@atelier/domain';
import { Repeater } from '@repeaterjs/repeater';
import { type ExecutionResult, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SubscriptionGroups } from './subscription-groups';

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
});

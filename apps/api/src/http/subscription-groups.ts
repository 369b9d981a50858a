import type { Viewer } from '@atelier/domain';
import { type DocumentNode, type ExecutionResult, Kind, OperationTypeNode, print } from 'graphql';

type Outcome = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

/**
 * Root fields whose stream is the same for every subscriber with the same credentials: no
 * arguments, nothing sent first, each event a change for everyone. A person's thousand tabs then
 * execute each event once between them instead of once each. (jobUpdated, imageAdded and
 * batchUpdated send a state or a catch-up first, which a subscriber joining later would miss.)
 */
const SHARED_FIELDS = new Set(['imageUpdated', 'libraryChanged']);

/** Subscribers handed a result before the event loop gets a turn. */
const FANOUT_CHUNK = 100;

/**
 * Results a member may have waiting before it is dropped: more than one bulk change sends at once
 * (500 images), fewer than a repeater holds (1,024).
 */
export const MAX_RESULTS_BEHIND = 1_000;

/** WebSocket close code "Try Again Later": graphql-ws clients reconnect and subscribe again. */
export const TRY_AGAIN_LATER = 1013;

/**
 * How a member too far behind is dropped: its socket is closed with TRY_AGAIN_LATER, after what it
 * had already been sent, so its client reconnects and subscribes again as after a restart (the web
 * app's jobUpdated and imageAdded resume from where they were, subscription-resume.ts), rather than
 * the server holding results for it without bound.
 */
export function resubscribeLater(socket: { close(code: number, reason: string): void }): () => void {
  return () => socket.close(TRY_AGAIN_LATER, 'too far behind: subscribe again');
}

interface Group {
  key: string;
  /** The groups it is one of, by key, while others may join it. */
  registry: Map<string, Group>;
  members: Set<Member>;
  /** The first subscriber's stream, read once for all. */
  source: Promise<Outcome>;
  /** The stream ended, or its last member left: nobody joins it any more. */
  ended: boolean;
}

/**
 * Subscriptions that would produce the same results share one execution: the results go to every
 * member, each at its own pace. A member who leaves stops only its own stream; the last one stops
 * the execution. A member with MAX_RESULTS_BEHIND results it has not taken (a socket that stopped
 * reading) is dropped (`tooFarBehind`, by default its stream ends) rather than buffered for ever.
 */
export class SubscriptionGroups {
  private readonly groups = new Map<string, Group>();

  /** How many executions run for shared subscriptions (for tests and metrics). */
  get size(): number {
    return this.groups.size;
  }

  subscribe(
    args: {
      document: DocumentNode;
      operationName?: string | null;
      variableValues?: unknown;
      viewer: Viewer | null;
      /** Called when this subscriber is too far behind, before its stream ends. */
      tooFarBehind?: () => void;
    },
    start: () => Promise<Outcome> | Outcome,
  ): Promise<Outcome> | Outcome {
    const key = groupKey(args);
    if (key === null) return start();
    let group = this.groups.get(key);
    if (!group) {
      const created: Group = {
        key,
        registry: this.groups,
        members: new Set(),
        source: Promise.resolve(start()),
        ended: false,
      };
      group = created;
      this.groups.set(key, created);
      void created.source.then(
        (outcome) => (isIterator(outcome) ? this.pump(created, outcome) : end(created)),
        () => end(created),
      );
    }
    return join(group, args.tooFarBehind);
  }

  private async pump(group: Group, source: AsyncIterableIterator<ExecutionResult>) {
    let failure: Error | undefined;
    try {
      for await (const result of source) {
        let handed = 0;
        for (const member of [...group.members]) {
          if (member.behind >= MAX_RESULTS_BEHIND) {
            member.drop();
            continue;
          }
          member.hand(result);
          // Let requests and other sockets through between chunks, rather than after thousands.
          if (++handed % FANOUT_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    } finally {
      end(group);
      for (const member of [...group.members]) member.finish(failure);
    }
  }
}

/** The group's stream ended, or its last member left: nobody joins it any more. */
function end(group: Group): void {
  group.ended = true;
  if (group.registry.get(group.key) === group) group.registry.delete(group.key);
}

async function join(group: Group, tooFarBehind?: () => void): Promise<Outcome> {
  const outcome = await group.source;
  // A refusal (no viewer, say) is the same for everyone with these credentials.
  if (!isIterator(outcome)) return outcome;
  const member = new Member(group, outcome, tooFarBehind);
  if (group.ended) member.finish();
  else group.members.add(member);
  return member;
}

type Step = IteratorResult<ExecutionResult>;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * One subscriber's stream of a group's results. Thousands of these live at once (one per tab), so
 * it is a plain object with its methods on the prototype, not a repeater with its closures.
 */
class Member implements AsyncIterableIterator<ExecutionResult> {
  /** Results handed to it that its reader has not asked for yet. */
  private queue: ExecutionResult[] = [];
  /** The reader's `next()` waiting for a result. */
  private waiting: ((step: Step | PromiseLike<Step>) => void) | null = null;
  /** The reader has the last result and has not asked for the next one: it is still sending it. */
  private reading = false;
  private finished = false;
  /** What ended the shared stream, for its reader after the results it was handed. */
  private failure: Error | undefined = undefined;

  constructor(
    private readonly group: Group,
    private readonly source: AsyncIterableIterator<ExecutionResult>,
    private readonly tooFarBehind: (() => void) | undefined,
  ) {}

  /** Results handed to it that it has not taken yet (one it is still sending counts). */
  get behind(): number {
    return this.queue.length + (this.reading ? 1 : 0);
  }

  hand(result: ExecutionResult): void {
    if (this.finished) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      this.reading = true;
      waiting({ done: false, value: result });
    } else this.queue.push(result);
  }

  /** Drops it from the group for being too far behind: it still gets what it was handed, then ends. */
  drop(): void {
    this.group.members.delete(this);
    this.tooFarBehind?.();
    this.finish();
  }

  /** Ends its stream after what it was handed; with `failure`, its reader gets that error last. */
  finish(failure?: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.failure = failure;
    this.leave();
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(this.next());
    }
  }

  next(): Promise<Step> {
    this.reading = false;
    const result = this.queue.shift();
    if (result) {
      this.reading = true;
      return Promise.resolve({ done: false, value: result });
    }
    if (this.finished) {
      const failure = this.failure;
      if (failure === undefined) return Promise.resolve(DONE);
      this.failure = undefined;
      return Promise.reject(failure);
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<Step> {
    this.queue = [];
    this.failure = undefined;
    this.finish();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<Step> {
    this.queue = [];
    this.finish();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Leaves its group; the last member to leave stops the shared execution. */
  private leave(): void {
    const { group } = this;
    group.members.delete(this);
    if (group.members.size === 0 && !group.ended) {
      end(group);
      void this.source.return?.();
    }
  }
}

function groupKey(args: {
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
  viewer: Viewer | null;
}): string | null {
  const { document, viewer } = args;
  if (!viewer || document.definitions.length !== 1) return null;
  const [operation] = document.definitions;
  if (
    operation?.kind !== Kind.OPERATION_DEFINITION ||
    operation.operation !== OperationTypeNode.SUBSCRIPTION
  ) {
    return null;
  }
  const fields = operation.selectionSet.selections;
  if (fields.length !== 1 || fields[0]?.kind !== Kind.FIELD || !SHARED_FIELDS.has(fields[0].name.value)) {
    return null;
  }
  return JSON.stringify([
    viewer.id,
    viewer.role,
    viewer.via,
    viewer.tokenId,
    [...viewer.scopes].sort(),
    document.loc?.source.body ?? print(document),
    args.operationName ?? null,
    args.variableValues ?? null,
  ]);
}

function isIterator(outcome: Outcome): outcome is AsyncIterableIterator<ExecutionResult> {
  return typeof (outcome as AsyncIterableIterator<ExecutionResult>)[Symbol.asyncIterator] === 'function';
}

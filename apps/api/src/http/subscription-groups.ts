import type { Viewer } from '@atelier/domain';
import { Repeater } from '@repeaterjs/repeater';
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

interface Member {
  push: (result: ExecutionResult) => Promise<unknown>;
  stop: (error?: unknown) => void;
  /** Results handed to it that it has not taken yet. */
  behind: number;
  /** Drops it from the group for being too far behind. */
  drop: () => void;
}

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
      const created: Group = { members: new Set(), source: Promise.resolve(start()), ended: false };
      group = created;
      this.groups.set(key, created);
      void created.source.then(
        (outcome) => (isIterator(outcome) ? this.pump(key, created, outcome) : this.end(key, created)),
        () => this.end(key, created),
      );
    }
    return this.join(key, group, args.tooFarBehind);
  }

  private async join(key: string, group: Group, tooFarBehind?: () => void): Promise<Outcome> {
    const outcome = await group.source;
    // A refusal (no viewer, say) is the same for everyone with these credentials.
    if (!isIterator(outcome)) return outcome;
    return new Repeater<ExecutionResult>(async (push, stop) => {
      if (group.ended) return stop();
      const member: Member = {
        push,
        stop,
        behind: 0,
        drop: () => {
          group.members.delete(member);
          tooFarBehind?.();
          stop();
        },
      };
      group.members.add(member);
      await stop;
      group.members.delete(member);
      if (group.members.size === 0 && !group.ended) {
        this.end(key, group);
        await outcome.return?.();
      }
    });
  }

  private end(key: string, group: Group): void {
    group.ended = true;
    if (this.groups.get(key) === group) this.groups.delete(key);
  }

  private async pump(key: string, group: Group, source: AsyncIterableIterator<ExecutionResult>) {
    let failure: unknown;
    try {
      for await (const result of source) {
        let handed = 0;
        for (const member of [...group.members]) {
          if (member.behind >= MAX_RESULTS_BEHIND) {
            member.drop();
            continue;
          }
          member.behind++;
          const taken = () => void member.behind--;
          void member.push(result).then(taken, taken);
          // Let requests and other sockets through between chunks, rather than after thousands.
          if (++handed % FANOUT_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (error) {
      failure = error;
    } finally {
      this.end(key, group);
      for (const member of group.members) member.stop(failure);
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

import type { SerializedRequest, StorageAdapter } from '@urql/exchange-graphcache';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { fromPromise, fromValue, mergeMap, pipe } from 'wonka';
import {
  composeExchanges,
  gql,
  mapExchange,
  stringifyDocument,
  type Client,
  type Exchange,
  type Operation,
  type OperationResult,
} from 'urql';

/*
 * Changes made offline are queued by graphcache and sent when the network returns, perhaps after a
 * reload, when no form waits for their answer any more. This notices the answers to those replays:
 * a refusal (the image was deleted meanwhile, a name is taken…) is told to the person, naming
 * what was refused; graphcache has already undone the optimistic change.
 */

export interface ReplayRefusal {
  /** The mutation field, e.g. `setImageTags`. */
  field: string;
  /** What was refused, in words. */
  what: string;
  /** The server's reason. */
  reason: string;
  /** The image the change was about, when there is one (to link to it). */
  imageId: string | null;
}

type Listener = (refusal: ReplayRefusal) => void;

const WHAT: Record<string, string> = {
  setImageStarred: 'A star',
  setImageTags: 'New tags',
  addImagesToCollection: 'Adding to a collection',
  savePrompt: 'A saved prompt',
  updateTemplate: 'A template edit',
  moveCollectionImage: 'A move in a collection',
  deleteImage: 'Moving an image to the trash',
};

const signature = (request: { query: unknown; variables?: unknown }) =>
  `${typeof request.query === 'string' ? request.query : stringifyDocument(request.query as Operation['query'])}\n${JSON.stringify(request.variables ?? {})}`;

export interface ReplayWatch {
  /** Wraps graphcache's storage: learns which mutations it queued, and takes over replaying them. */
  storage: <S extends StorageAdapter>(storage: S) => S;
  /**
   * Sits below the cache exchange: holds operations until the cache is read back from storage, and
   * reads the answers to replayed mutations. (graphcache 9.0.2 never stores a result that arrives
   * while it is still reading: a session read at start-up would be missing offline after a reload.)
   */
  exchange: Exchange;
  /** The client that replays the changes queued before a reload (once the cache is rehydrated). */
  attach: (client: Client) => void;
}

/**
 * graphcache replays its stored queue with the strictest request policy of everything waiting at
 * start-up; the session query is network-only, and a network-only mutation gets no optimistic
 * answer and, offline, drops out of the queue. So the stored queue is handed to graphcache empty
 * and replayed here, through the client, in order, like new changes: still optimistic, and queued
 * again while offline.
 */
export function watchReplays(onRefused: Listener): ReplayWatch {
  const queued = new Set<string>();
  const remember = (requests: SerializedRequest[] | null) => {
    for (const request of requests ?? []) queued.add(signature(request));
  };
  let stored: SerializedRequest[] = [];
  let client: Client | null = null;
  let rehydrated = false;
  /** Whether there is a storage to read back at all (none in tests, or without IndexedDB). */
  let persisted = false;
  let markRehydrated: () => void = () => {};
  const whenRehydrated = new Promise<void>((resolve) => (markRehydrated = resolve));
  const replayStored = () => {
    if (!client || !rehydrated) return;
    const requests = stored;
    stored = [];
    for (const request of requests) {
      const document = gql(request.query);
      // The app sends its documents by hash; a document read back from storage has lost it.
      const hash = (request.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)
        ?.persistedQuery?.sha256Hash;
      if (hash) Object.assign(document, { __meta__: { hash } });
      void client.mutation(document, request.variables ?? {}).toPromise();
    }
  };
  return {
    storage: (storage) => {
      persisted = true;
      return {
        ...storage,
        readMetadata: async () => {
          stored = (await storage.readMetadata?.()) ?? [];
          remember(stored);
          return [];
        },
        writeMetadata: (requests: SerializedRequest[]) => {
          remember(requests);
          // Until replayed, the stored queue stays stored (graphcache writes [] when it starts).
          storage.writeMetadata?.([...stored, ...requests]);
        },
        // graphcache calls this once the cache is rehydrated, just before it starts sending.
        onOnline: (flush: () => void) => {
          storage.onOnline?.(flush);
          rehydrated = true;
          markRehydrated();
          setTimeout(replayStored, 0);
        },
      };
    },
    exchange: composeExchanges([
      ({ forward }) =>
        (operations$) =>
          forward(
            pipe(
              operations$,
              mergeMap((operation) =>
                rehydrated || !persisted
                  ? fromValue(operation)
                  : fromPromise(whenRehydrated.then(() => operation)),
              ),
            ),
          ),
      mapExchange({
        onResult(result: OperationResult) {
          if (result.operation.kind !== 'mutation' || result.error?.networkError) return;
          const key = signature(result.operation);
          if (!queued.has(key)) return;
          queued.delete(key);
          const refusal = refusalOf(result);
          if (refusal) onRefused(refusal);
        },
      }),
    ]),
    attach: (attached) => {
      client = attached;
      replayStored();
    },
  };
}

/** The mutation's field, read from its document (the answer may carry no data). */
function fieldOf(operation: Operation): string {
  // Kinds as strings: graphql's Kind enum would add graphql's AST module to the first load.
  for (const definition of operation.query.definitions) {
    if ((definition.kind as string) === 'OperationDefinition') {
      const [first] = (definition as OperationDefinitionNode).selectionSet.selections;
      if ((first?.kind as string) === 'Field') return (first as FieldNode).name.value;
    }
  }
  return '';
}

function imageIdOf(field: string, variables: Record<string, unknown>): string | null {
  const id = (value: unknown) => (typeof value === 'string' ? value : null);
  if (field === 'addImagesToCollection') return id((variables.imageIds as unknown[] | undefined)?.[0]);
  if (field === 'moveCollectionImage') return id(variables.imageId);
  if (field === 'setImageStarred' || field === 'setImageTags' || field === 'deleteImage') {
    return id(variables.id);
  }
  return null;
}

function refusalOf(result: OperationResult): ReplayRefusal | null {
  const field = fieldOf(result.operation);
  const outcome = (
    result.data as Record<string, { __typename?: string; message?: string } | null> | undefined
  )?.[field];
  const refused = result.error ?? (outcome?.__typename?.endsWith('Error') ? outcome : null);
  if (!refused) return null;
  return {
    field,
    what: WHAT[field] ?? 'A change',
    reason: refused.message ?? 'The server refused it.',
    imageId: imageIdOf(field, result.operation.variables ?? {}),
  };
}

const listeners = new Set<Listener>();

/** Where the app's client reports refused replays, and the shell listens to tell the person. */
export const replayRefusals = {
  emit: (refusal: ReplayRefusal) => {
    for (const listener of listeners) listener(refusal);
  },
  subscribe: (listener: Listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

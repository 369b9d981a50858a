import type { Plugin } from 'graphql-yoga';

/** The phases of a GraphQL request over HTTP, in the order they run. */
export const SERVER_TIMING_PHASES = ['request', 'parse', 'validate', 'auth', 'execute', 'serialize'] as const;
type Phase = (typeof SERVER_TIMING_PHASES)[number];

interface Timings {
  started: number;
  contextStarted?: number;
  spent: Partial<Record<Phase, number>>;
}

/**
 * Tells clients how long the server spent on each request and where:
 * `Server-Timing: total;dur=3.10, request;dur=0.08, parse;dur=0.02, validate;dur=0.01, auth;dur=0.40,
 * execute;dur=2.10, serialize;dur=0.12` (ms). `total` comes first so a reader that takes the first
 * `dur` gets it. `request` reads the body, `auth` builds the context (the credential look-up),
 * `serialize` turns the result into the JSON answer. Only phases that ran are named; a batch adds
 * its operations up.
 */
export function useServerTiming(): Plugin {
  const timings = new WeakMap<Request, Timings>();
  const add = (request: Request | undefined, phase: Phase, since: number) => {
    const entry = request && timings.get(request);
    if (entry) entry.spent[phase] = (entry.spent[phase] ?? 0) + (performance.now() - since);
  };
  // Synchronous phases (parse, validate) are timed around the call itself.
  const timedSync = (phase: Phase) => (payload: { context: { request?: Request } }, wrapped: () => void) => {
    const since = performance.now();
    try {
      wrapped();
    } finally {
      add(payload.context.request, phase, since);
    }
  };
  // Asynchronous ones (reading the body, execute, serialize) until their promise settles; a phase
  // that finished synchronously stays synchronous, so timing it adds no tick.
  const timedAsync =
    <P>(phase: Phase, requestOf: (payload: P) => Request | undefined) =>
    (payload: P, wrapped: () => void | Promise<void>): void | Promise<void> => {
      const since = performance.now();
      const done = () => add(requestOf(payload), phase, since);
      let outcome: void | Promise<void>;
      try {
        outcome = wrapped();
      } catch (error) {
        done();
        throw error;
      }
      if (!isThenable(outcome)) return done();
      return outcome.then(done, (error: unknown) => {
        done();
        throw error;
      });
    };
  return {
    instrumentation: {
      requestParse: timedAsync('request', (payload: { request: Request }) => payload.request),
      parse: timedSync('parse'),
      validate: timedSync('validate'),
      // The context factory returns a promise the wrapper cannot see: its end is onContextBuilding's done hook.
      context: ({ context }: { context: { request?: Request } }, wrapped: () => void) => {
        const entry = context.request && timings.get(context.request);
        if (entry) entry.contextStarted = performance.now();
        wrapped();
      },
      execute: timedAsync(
        'execute',
        (payload: { context: { request?: Request } }) => payload.context.request,
      ),
      resultProcess: timedAsync('serialize', (payload: { request: Request }) => payload.request),
    },
    onContextBuilding() {
      return ({ context }) => {
        const entry = context.request && timings.get(context.request);
        if (entry?.contextStarted !== undefined) {
          add(context.request, 'auth', entry.contextStarted);
          entry.contextStarted = undefined;
        }
      };
    },
    onRequest({ request }) {
      timings.set(request, { started: performance.now(), spent: {} });
    },
    onResponse({ request, response }) {
      const entry = timings.get(request);
      if (!entry) return;
      const parts = [`total;dur=${(performance.now() - entry.started).toFixed(2)}`];
      for (const phase of SERVER_TIMING_PHASES) {
        const spent = entry.spent[phase];
        if (spent !== undefined) parts.push(`${phase};dur=${spent.toFixed(2)}`);
      }
      response.headers.set('server-timing', parts.join(', '));
    },
  };
}

function isThenable(value: unknown): value is Promise<void> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

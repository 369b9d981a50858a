/**
 * The work every endpoint shares once a request is valid: admit it, paint its images while the
 * latency elapses, bill it, then answer (or, by scenario, fail or drop the connection).
 */
import { serverError } from './fake-errors';
import type { Value } from './fake-field-values';
import { latencyFor } from './fake-latency';
import { admit } from './fake-limits';
import { produce } from './fake-painters';
import { promptsFor, seedsFor, speedOf } from './fake-prompts';
import { describeResult, imagesResult } from './fake-results';
import { type IdeogramScenarioEntry, withheldItems } from './fake-scenarios';
import type { EndpointSpec } from './fake-schema';
import type { IdeogramFakeState } from './fake-state';

export type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

export interface RunRequest {
  spec: EndpointSpec;
  values: Record<string, Value>;
  numImages: number;
  scenario: IdeogramScenarioEntry | null;
}

/** Answers through `reply`, or throws a Refusal for the caller to send. */
export async function run(
  state: IdeogramFakeState,
  { spec, values, numImages, scenario }: RunRequest,
  reply: Reply,
  drop: () => void,
): Promise<void> {
  admit(state, spec, numImages, scenario);
  const call = { endpoint: spec.path, renderingSpeed: speedOf(values), numImages };
  const delay =
    scenario === 'slow' ? (state.options.slowMs ?? 10_000) : latencyFor(state.options.latencyMs, call);
  const seeds = seedsFor(values, numImages, state.random);
  const prompts = promptsFor(spec, values, seeds);
  const withheld = withheldItems(scenario, numImages);

  state.inflight += numImages;
  state.peakInflight = Math.max(state.peakInflight, state.inflight);
  try {
    const produced = spec.output === 'describe' ? null : produce(state, spec, values, prompts, seeds);
    const rendered: Promise<(Buffer | null)[]> =
      produced === null
        ? Promise.resolve([])
        : Promise.all(seeds.map((_, i) => (withheld.has(i) ? Promise.resolve(null) : produced.render(i))));
    rendered.catch(() => undefined);
    await sleepUnlessClosed(state.lifetime.signal, delay);
    if (scenario === 'server-500') throw serverError();
    const pngs = await rendered;

    state.balance -= numImages;
    state.billed += numImages;
    state.daily.used += numImages;

    // Done and billed, but the answer never reaches the client.
    if (scenario === 'drop') return drop();
    if (produced === null) return reply(200, await describeResult(values));
    const items = { pngs, prompts, seeds, produced, scenario };
    reply(200, imagesResult(spec, values, items, state.links, state.now()));
  } finally {
    state.inflight -= numImages;
  }
}

/** Waits `ms`; rejects at once if the fake closes meanwhile. */
function sleepUnlessClosed(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('fake closed'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onClose);
      resolve();
    }, ms);
    const onClose = (): void => {
      clearTimeout(timer);
      reject(new Error('fake closed'));
    };
    signal.addEventListener('abort', onClose, { once: true });
  });
}

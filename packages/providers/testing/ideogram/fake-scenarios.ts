/** Scenario tokens (documented at the top of ideogram-fake.ts) and the queue that can override them. */
import type { Value } from './fake-field-values';

export const ideogramScenarioTokens = {
  'unsafe-prompt': '[ideogram:unsafe-prompt]',
  'unsafe-item': '[ideogram:unsafe-item]',
  'all-unsafe': '[ideogram:all-unsafe]',
  inflight: '[ideogram:inflight]',
  'no-credits': '[ideogram:no-credits]',
  'daily-limit': '[ideogram:daily-limit]',
  'server-500': '[ideogram:server-500]',
  'unavailable-503': '[ideogram:unavailable-503]',
  drop: '[ideogram:drop]',
  slow: '[ideogram:slow]',
  'bad-request': '[ideogram:bad-request]',
  'expired-link': '[ideogram:expired-link]',
  'download-error': '[ideogram:download-error]',
} as const;

export type IdeogramScenario = keyof typeof ideogramScenarioTokens;

/** A queued outcome: a named scenario, or specific items (0-based) withheld as unsafe. */
export type IdeogramScenarioEntry = IdeogramScenario | { withhold: number[] };

/** The next queued scenario, else the first token found in the prompt. */
export function pickScenario(
  queue: IdeogramScenarioEntry[],
  values: Record<string, Value>,
): IdeogramScenarioEntry | null {
  const queued = queue.shift();
  if (queued !== undefined) return queued;
  const prompt = typeof values.prompt === 'string' ? values.prompt : '';
  const found = (Object.keys(ideogramScenarioTokens) as IdeogramScenario[]).find((name) =>
    prompt.includes(ideogramScenarioTokens[name]),
  );
  return found ?? null;
}

/** How the request log names a scenario. */
export const scenarioLabel = (scenario: IdeogramScenarioEntry | null): string | null =>
  scenario === null ? null : typeof scenario === 'string' ? scenario : 'withhold';

/** Items (0-based) answered as unsafe, with no image. */
export function withheldItems(scenario: IdeogramScenarioEntry | null, numImages: number): Set<number> {
  if (scenario === 'all-unsafe') return new Set(Array.from({ length: numImages }, (_, i) => i));
  if (scenario === 'unsafe-item') return new Set([numImages - 1]);
  return new Set(typeof scenario === 'object' && scenario !== null ? scenario.withhold : []);
}

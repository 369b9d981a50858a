/** What refuses a valid request before any work: scenarios, the in-flight limit, balance, daily limit. */
import {
  dailyLimitReached,
  errorBody,
  inflightLimit,
  insufficientFunds,
  Refusal,
  unavailable,
  unsafeInput,
} from './fake-errors';
import type { IdeogramScenarioEntry } from './fake-scenarios';
import type { EndpointSpec } from './fake-schema';
import type { IdeogramFakeState } from './fake-state';

/** Throws the Refusal Ideogram would answer, in the order it checks; starts a new day's count. */
export function admit(
  state: IdeogramFakeState,
  spec: EndpointSpec,
  numImages: number,
  scenario: IdeogramScenarioEntry | null,
): void {
  if (scenario === 'bad-request') {
    const message = 'The request is invalid (scenario bad-request)';
    throw new Refusal(400, errorBody(state.options.errorStyle, 400, 'Bad Request', message));
  }
  if (scenario === 'inflight' || state.inflight + numImages > state.maxInflight) {
    throw inflightLimit(state.maxInflight, state.options.retryAfterSeconds);
  }
  const day = Math.floor(state.now() / 86_400_000);
  if (state.daily.day !== day) state.daily = { day, used: 0 };
  if (scenario === 'no-credits' || state.balance < numImages) throw insufficientFunds();
  if (scenario === 'daily-limit' || state.daily.used + numImages > state.dailyLimit) {
    throw dailyLimitReached();
  }
  if (scenario === 'unsafe-prompt') throw unsafeInput(spec.output === 'describe' ? 'Image' : 'Prompt');
  if (scenario === 'unavailable-503') throw unavailable();
}

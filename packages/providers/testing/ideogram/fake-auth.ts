/** The `Api-Key` check, with the hint a client that sends `Authorization: Bearer` needs. */
import { errorBody } from './fake-errors';
import type { IdeogramFakeRequest } from './fake-request-log';
import type { EndpointSpec } from './fake-schema';
import type { IdeogramFakeState } from './fake-state';

/** The refusal for a request without the right key, or null. */
export function checkApiKey(
  state: IdeogramFakeState,
  spec: EndpointSpec,
  entry: IdeogramFakeRequest,
): { status: number; body: Record<string, unknown> } | null {
  if (entry.apiKey === state.apiKey) return null;
  const status = spec.authFailure;
  const why =
    entry.apiKey === null
      ? entry.authorization !== null
        ? 'Authorization: Bearer is not accepted for API keys; send the key in the Api-Key header'
        : 'Missing Api-Key header'
      : 'Invalid API key';
  const title = status === 401 ? 'Unauthorized' : 'Forbidden';
  return { status, body: errorBody(state.options.errorStyle, status, title, why) };
}

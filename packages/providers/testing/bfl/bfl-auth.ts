/** The `x-key` check, and the per-key model allow-list. */
import { type BflRequestRecord, detail, type Reply } from './bfl-http';
import type { BflModel } from './bfl-models';
import type { BflFakeState } from './bfl-state';

/** FastAPI resolves the `x-key` dependency before it validates the body. */
export function authorize(state: BflFakeState, record: BflRequestRecord): Reply | null {
  if (record.key === null) return detail(state.settings.missingKeyStatus, 'Not authenticated');
  if (!state.keys.has(record.key)) return detail(state.settings.wrongKeyStatus, 'Invalid API key');
  return null;
}

export const noModelAccess = (model: BflModel): Reply =>
  detail(403, `Your API key does not have access to ${model.path}`);

/** Refuses a key whose allow-list leaves this model out. */
export function checkModelAccess(state: BflFakeState, key: string, model: BflModel): Reply | null {
  const allowed = state.keys.get(key)?.models;
  return allowed && !allowed.includes(model.path) ? noModelAccess(model) : null;
}

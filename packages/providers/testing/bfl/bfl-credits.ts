/** GET /v1/credits: the balance, once tasks that turned Ready by now are charged. */
import { authorize } from './bfl-auth';
import { type BflRequestRecord, Reply } from './bfl-http';
import type { BflFakeState } from './bfl-state';
import { refreshAll } from './bfl-task-clock';

export function getCredits(state: BflFakeState, record: BflRequestRecord): Reply {
  const denied = authorize(state, record);
  if (denied) return denied;
  refreshAll(state);
  return new Reply(200, { credits: state.credits });
}

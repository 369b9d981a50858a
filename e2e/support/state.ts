import { fileURLToPath } from 'node:url';

/** The first (admin) account's signed-in browser state, saved by first-account.setup.ts. */
export const ADMIN_STATE = fileURLToPath(new URL('../.auth/admin.json', import.meta.url));

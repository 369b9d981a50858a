import type { Database } from '../db/database';

/**
 * Opens or closes sign-up through `db`: the repository's database, or a transaction when the
 * change must commit together with something else (setup closes sign-up with the first account).
 */
export async function writeSignupEnabled(db: Database, enabled: boolean): Promise<void> {
  await db
    .insertInto('appSetting')
    .values({ key: 'signup_enabled', value: JSON.stringify(enabled) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(enabled) }))
    .execute();
}

export class SettingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Setup closes sign-up and admins open or close it; with no setting stored, it is open (as it was
   * on servers whose accounts predate setup closing it: setup never runs again there).
   */
  async signupEnabled(): Promise<boolean> {
    const row = await this.db
      .selectFrom('appSetting')
      .select('value')
      .where('key', '=', 'signup_enabled')
      .executeTakeFirst();
    return row?.value !== false;
  }

  setSignupEnabled(enabled: boolean): Promise<void> {
    return writeSignupEnabled(this.db, enabled);
  }
}

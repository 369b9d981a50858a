import type { Database } from '../db/database';

export class SettingRepository {
  constructor(private readonly db: Database) {}

  async signupEnabled(): Promise<boolean> {
    const row = await this.db
      .selectFrom('appSetting')
      .select('value')
      .where('key', '=', 'signup_enabled')
      .executeTakeFirst();
    return row?.value !== false;
  }

  async setSignupEnabled(enabled: boolean): Promise<void> {
    await this.db
      .insertInto('appSetting')
      .values({ key: 'signup_enabled', value: JSON.stringify(enabled) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(enabled) }))
      .execute();
  }
}

import { type AccountRecord, NotFoundError, type Viewer } from '@atelier/domain';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { SettingRepository } from '../repositories/setting.repository';
import type { Quota, UserRepository } from '../repositories/user.repository';
import { publicAccount } from './account.service';

/** Admin-only operations; the schema checks the admin scope before any of these run. */
export class AdminService {
  constructor(private readonly deps: { users: UserRepository; settings: SettingRepository }) {}

  async users(_viewer: Viewer, page: KeysetPage): Promise<AccountRecord[]> {
    return (await this.deps.users.list(page)).map(publicAccount);
  }

  cursorOf(account: AccountRecord): string {
    return encodeCursor(account);
  }

  async setQuota(_viewer: Viewer, userId: string, quota: Quota): Promise<AccountRecord> {
    const account = await this.deps.users.setQuota(userId, quota);
    if (!account) throw new NotFoundError('Account');
    return publicAccount(account);
  }

  async setSignupEnabled(_viewer: Viewer, enabled: boolean): Promise<boolean> {
    await this.deps.settings.setSignupEnabled(enabled);
    return enabled;
  }
}

import {
  type AccountRecord,
  type InviteRecord,
  InvalidInputError,
  NotFoundError,
  type Role,
  type Viewer,
} from '@atelier/domain';
import type { CredentialCache } from '../auth/credential-cache';
import { hashPassword } from '../auth/passwords';
import { digest, randomSecret } from '../auth/secrets';
import type { InviteRepository } from '../repositories/invite.repository';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { SettingRepository } from '../repositories/setting.repository';
import type { Quota, UserRepository } from '../repositories/user.repository';
import { publicAccount } from './account.service';

/** Admin-only operations; the schema checks the admin scope before any of these run. */
export class AdminService {
  constructor(
    private readonly deps: {
      users: UserRepository;
      settings: SettingRepository;
      invites: InviteRepository;
      /** Forgotten here at once; other processes hear of it through the database trigger. */
      credentials: CredentialCache;
    },
  ) {}

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

  async setRole(viewer: Viewer, userId: string, role: Role): Promise<AccountRecord> {
    if (userId === viewer.id) throw notYourself('change your own role');
    const account = await this.deps.users.setRole(userId, role);
    if (!account) throw new NotFoundError('Account');
    this.deps.credentials.forget(userId);
    return publicAccount(account);
  }

  /** A disabled account cannot sign in, and its sessions, tokens and assistants stop at once. */
  async setDisabled(viewer: Viewer, userId: string, disabled: boolean): Promise<AccountRecord> {
    if (userId === viewer.id) throw notYourself('disable your own account');
    const account = await this.deps.users.setDisabled(userId, disabled);
    if (!account) throw new NotFoundError('Account');
    this.deps.credentials.forget(userId);
    return publicAccount(account);
  }

  /** The person signs in with it once, and must then choose their own. */
  async setTemporaryPassword(viewer: Viewer, userId: string, password: string): Promise<AccountRecord> {
    if (userId === viewer.id) throw notYourself('set a temporary password for yourself');
    const account = await this.deps.users.setTemporaryPassword(userId, await hashPassword(password));
    if (!account) throw new NotFoundError('Account');
    this.deps.credentials.forget(userId);
    return publicAccount(account);
  }

  invites(_viewer: Viewer): Promise<InviteRecord[]> {
    return this.deps.invites.listOpen();
  }

  /** A one-time invite; its secret is in the answer only (the database keeps its digest). */
  async createInvite(
    viewer: Viewer,
    input: { role: Role; expiresInDays: number },
  ): Promise<{ token: string; invite: InviteRecord }> {
    const token = randomSecret(32);
    const invite = await this.deps.invites.create({
      tokenHash: digest(token),
      role: input.role,
      createdBy: viewer.id,
      expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 3600 * 1000),
    });
    return { token, invite };
  }

  async revokeInvite(_viewer: Viewer, id: string): Promise<InviteRecord> {
    const invite = await this.deps.invites.revoke(id);
    if (!invite) throw new NotFoundError('Invite');
    return invite;
  }

  async setSignupEnabled(_viewer: Viewer, enabled: boolean): Promise<boolean> {
    await this.deps.settings.setSignupEnabled(enabled);
    return enabled;
  }
}

/** An admin cannot lock themselves out (and so there is always an admin). */
function notYourself(what: string): InvalidInputError {
  return new InvalidInputError([{ path: ['input', 'userId'], message: `you cannot ${what}` }], 'FORBIDDEN');
}

import {
  type AccountRecord,
  type ApiTokenRecord,
  type Credentials as SignInCredentials,
  DomainError,
  InvalidInputError,
  NotFoundError,
  type Scope,
  type Usage,
  type Viewer,
} from '@atelier/domain';
import type { SessionControl } from '@atelier/schema/ports';
import type { CredentialCache } from '../auth/credential-cache';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { digest, newApiToken, randomSecret } from '../auth/secrets';
import type { ApiTokenRepository } from '../repositories/api-token.repository';
import type { InviteRepository } from '../repositories/invite.repository';
import type { Bucket, RateLimitRepository } from '../repositories/rate-limit.repository';
import type { SessionRepository } from '../repositories/session.repository';
import type { SignInFailureRepository, SignInLockPolicy } from '../repositories/sign-in-failure.repository';
import type { SettingRepository } from '../repositories/setting.repository';
import type { StoredAccount, UserRepository } from '../repositories/user.repository';
import { scopesFor, type SessionPolicy } from './auth.service';

export interface ClientLimits {
  signIn: Bucket;
  signUp: Bucket;
  /** Wrong passwords in a row for one email before sign-in locks: from that client, and from all. */
  signInLock: SignInLockPolicy;
}

// Per client address: sign-in bursts of 20, then one every 10 s; 5 new accounts, then one a minute.
// An email locks for one client after 5 wrong passwords, and for every client after 50.
export const defaultClientLimits: ClientLimits = {
  signIn: { capacity: 20, refillPerSecond: 0.1 },
  signUp: { capacity: 5, refillPerSecond: 1 / 60 },
  signInLock: { perClient: 5, everywhere: 50 },
};

export interface AccountDeps {
  users: UserRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
  invites: InviteRepository;
  settings: SettingRepository;
  rateLimits: RateLimitRepository;
  signInFailures: SignInFailureRepository;
  policy: SessionPolicy;
  clientLimits: ClientLimits;
  /** Forgotten here at once; other processes hear of it through the database trigger. */
  credentials: CredentialCache;
}

type NewAccount = SignInCredentials & { displayName: string };
/** `invite`: the secret of an admin's invite link, which lets one person sign up while sign-up is closed. */
type InvitedAccount = NewAccount & { invite?: string | null };

export class AccountService {
  constructor(private readonly deps: AccountDeps) {}

  async instance(): Promise<{ needsSetup: boolean; signupEnabled: boolean }> {
    const [accounts, signupEnabled] = await Promise.all([
      this.deps.users.countAccounts(),
      this.deps.settings.signupEnabled(),
    ]);
    return { needsSetup: accounts === 0, signupEnabled };
  }

  /**
   * The first account: becomes admin and takes over what the built-in local owner made. Sign-up
   * closes with it (in the same transaction): nobody else gets in until the admin opens sign-up or
   * sends an invite.
   */
  async setup(input: NewAccount, session: SessionControl): Promise<Viewer> {
    const account = await this.deps.users.claimLocalOwner(
      {
        email: input.email,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
      },
      { signupEnabled: false },
    );
    if (!account) {
      throw new DomainError('INVALID_STATE', 'This server already has accounts: sign in or sign up instead');
    }
    return this.startSession(account, session);
  }

  async signUp(input: InvitedAccount, session: SessionControl): Promise<Viewer> {
    await this.limit(`sign-up:${session.clientAddress ?? 'unknown'}`, this.deps.clientLimits.signUp);
    const { needsSetup, signupEnabled } = await this.instance();
    if (needsSetup) throw new DomainError('INVALID_STATE', 'Create the first account with setup');
    if (input.invite) return this.signUpInvited({ ...input, invite: input.invite }, session);
    if (!signupEnabled) {
      throw new DomainError(
        'SIGNUP_DISABLED',
        'Sign-up is closed on this server; ask an admin for an account',
      );
    }
    const account = await this.deps.users.create({
      email: input.email,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
    });
    if (!account) {
      throw new InvalidInputError(
        [{ path: ['input', 'email'], message: 'an account with this email already exists' }],
        'CONFLICT',
      );
    }
    return this.startSession(account, session);
  }

  private async signUpInvited(
    input: NewAccount & { invite: string },
    session: SessionControl,
  ): Promise<Viewer> {
    const account = await this.deps.invites.redeem(digest(input.invite), {
      email: input.email,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
    });
    if (account === 'invalid') {
      throw new InvalidInputError([
        {
          path: ['input', 'invite'],
          message: 'this invite link was used already, has expired or is not valid',
        },
      ]);
    }
    if (account === 'email-taken') {
      throw new InvalidInputError(
        [{ path: ['input', 'email'], message: 'an account with this email already exists' }],
        'CONFLICT',
      );
    }
    return this.startSession(account, session);
  }

  async signIn(input: SignInCredentials, session: SessionControl): Promise<Viewer> {
    const client = session.clientAddress ?? 'unknown';
    await this.limit(`sign-in:${client}`, this.deps.clientLimits.signIn);
    // Locks apply to any email typed, so that a lock never tells whether an account has it.
    const lockedUntil = await this.deps.signInFailures.lockedUntil(input.email, client);
    if (lockedUntil) {
      const seconds = Math.ceil((lockedUntil.getTime() - Date.now()) / 1000);
      throw new DomainError(
        'RATE_LIMIT',
        `Too many failed sign-ins with this email; try again in ${seconds} s`,
        {
          retryable: true,
          details: { retryAfterSeconds: seconds },
        },
      );
    }
    const account = await this.deps.users.findByEmail(input.email);
    // Verify against a decoy when there is no such account, so the answer takes as long either way.
    const valid = await verifyPassword(account?.passwordHash ?? (await decoyHash()), input.password);
    if (!account || !account.passwordHash || !valid || account.disabled) {
      await this.deps.signInFailures.fail(input.email, client, this.deps.clientLimits.signInLock);
      throw new DomainError('INVALID_CREDENTIALS', 'The email or password is wrong');
    }
    await this.deps.signInFailures.clear(input.email, client);
    return this.startSession(account, session);
  }

  async signOut(session: SessionControl): Promise<void> {
    const token = session.current();
    if (token) await this.endSession(digest(token));
    session.end();
  }

  async changePassword(
    viewer: Viewer,
    input: { currentPassword: string; newPassword: string },
    session: SessionControl,
  ): Promise<void> {
    const account = await this.deps.users.findById(viewer.id);
    if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
      throw new InvalidInputError(
        [{ path: ['input', 'currentPassword'], message: 'the current password is wrong' }],
        'INVALID_CREDENTIALS',
      );
    }
    await this.deps.users.setPassword(viewer.id, await hashPassword(input.newPassword));
    const current = session.current();
    await this.deps.sessions.deleteForUser(viewer.id, current ? digest(current) : null);
    this.deps.credentials.forget(viewer.id);
  }

  async account(viewer: Viewer): Promise<AccountRecord> {
    const account = await this.deps.users.findById(viewer.id);
    if (!account) throw new NotFoundError('Account');
    return publicAccount(account);
  }

  /** Your name and sign-in email; an email can belong to one account only. */
  async updateProfile(
    viewer: Viewer,
    profile: { displayName?: string; email?: string },
  ): Promise<AccountRecord> {
    const updated = await this.deps.users.updateProfile(viewer.id, profile);
    if (updated === 'email-taken') {
      throw new InvalidInputError(
        [{ path: ['input', 'email'], message: 'another account already uses this email' }],
        'CONFLICT',
      );
    }
    if (!updated) throw new NotFoundError('Account');
    this.deps.credentials.forget(viewer.id);
    return publicAccount(updated);
  }

  usage(userIds: readonly string[]): Promise<Usage[]> {
    return this.deps.users.usage(userIds);
  }

  tokens(viewer: Viewer): Promise<ApiTokenRecord[]> {
    return this.deps.apiTokens.listForUser(viewer.id);
  }

  async createToken(
    viewer: Viewer,
    input: { name: string; scopes: Scope[] },
  ): Promise<{ secret: string; token: ApiTokenRecord }> {
    const allowed = scopesFor(viewer.role, input.scopes);
    if (allowed.length !== new Set(input.scopes).size) {
      throw new InvalidInputError(
        [{ path: ['input', 'scopes'], message: 'only admins may create tokens with the admin scope' }],
        'FORBIDDEN',
      );
    }
    const { secret, prefix } = newApiToken();
    const token = await this.deps.apiTokens.create({
      userId: viewer.id,
      name: input.name,
      prefix,
      tokenHash: digest(secret),
      scopes: [...new Set(allowed)],
    });
    return { secret, token };
  }

  async revokeToken(viewer: Viewer, id: string): Promise<ApiTokenRecord> {
    const token = await this.deps.apiTokens.revoke(viewer.id, id);
    if (!token) throw new NotFoundError('API token');
    this.deps.credentials.forget(viewer.id);
    return token;
  }

  /** A fresh session (never the one the browser came with: rotated at every sign-in). */
  private async startSession(account: StoredAccount, session: SessionControl): Promise<Viewer> {
    const previous = session.current();
    if (previous) await this.endSession(digest(previous));
    const token = randomSecret(32);
    const expiresAt = new Date(Date.now() + this.deps.policy.absoluteSeconds * 1000);
    await this.deps.sessions.create(digest(token), account.id, expiresAt, session.userAgent);
    session.start(token, expiresAt);
    return {
      id: account.id,
      displayName: account.displayName,
      email: account.email,
      role: account.role,
      scopes: scopesFor(account.role),
      via: 'session',
      tokenId: null,
    };
  }

  private async endSession(hash: Buffer): Promise<void> {
    await this.deps.sessions.delete(hash);
    this.deps.credentials.forgetCredential(hash.toString('hex'));
  }

  private async limit(key: string, bucket: Bucket): Promise<void> {
    const { allowed, retryAfterMs } = await this.deps.rateLimits.take(key, bucket);
    if (!allowed) {
      const seconds = Math.ceil(retryAfterMs / 1000);
      throw new DomainError('RATE_LIMIT', `Too many attempts; try again in ${seconds} s`, {
        retryable: true,
        details: { retryAfterSeconds: seconds },
      });
    }
  }
}

export function publicAccount(account: StoredAccount): AccountRecord {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    createdAt: account.createdAt,
    maxConcurrentJobs: account.maxConcurrentJobs,
    maxImagesPerDay: account.maxImagesPerDay,
    disabled: account.disabled,
    mustChangePassword: account.mustChangePassword,
  };
}

import { createClient } from 'graphql-ws';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { createLogger } from '../src/logger';
import { buildServer, type RunningServer } from '../src/server';
import { newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { HttpClient, openSignUp, Setup, SignIn, signedUpClient, SignUp } from './support/http-client';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack({
    auth: 'real',
    server: {
      // Tests name their client address in X-Forwarded-For, as a reverse proxy would.
      trustProxy: true,
      rateLimits: {
        perUser: { capacity: 5, refillPerSecond: 0.01 },
        perToken: { capacity: 3, refillPerSecond: 0.01 },
      },
    },
  });
  server = await stack.listen();
});
afterAll(() => stack?.close());

const Viewer = '{ viewer { id email role displayName } }';
const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
      }
      ... on Error {
        code
        message
      }
      ... on QuotaExceededError {
        limit
        max
        resetsAt
      }
    }
  }
`;
const CreateToken = /* GraphQL */ `
  mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        secret
        token {
          id
          prefix
          scopes
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

describe('accounts', () => {
  // One ordered story: the first account is created once per database.
  let admin: Awaited<ReturnType<typeof signedUpClient>>;

  it('asks for the first account, which becomes admin and takes over the work made before', async () => {
    const anonymous = new HttpClient(server.url);
    expect((await anonymous.graphql('{ instance { needsSetup signupEnabled } }')).data.instance).toEqual({
      needsSetup: true,
      signupEnabled: true,
    });
    const owner = await stack.app.repositories.users.findLocalOwner();
    const earlier = await newImage(stack.app, owner!, { prompt: 'made before accounts existed' });

    admin = await signedUpClient(server.url, { first: true });
    const { data } = await admin.client.graphql(
      '{ viewer { role } images(first: 5) { edges { node { prompt } } } }',
    );
    expect(data.viewer.role).toBe('ADMIN');
    expect(data.images.edges.map((e: any) => e.node.prompt)).toContain(earlier.prompt);
    expect((await anonymous.graphql('{ instance { needsSetup } }')).data.instance.needsSetup).toBe(false);

    const again = await new HttpClient(server.url).graphql(Setup, {
      input: { email: 'x@example.test', password: 'long enough password', displayName: 'X' },
    });
    expect(again.data.setup).toMatchObject({ __typename: 'BaseError', code: 'INVALID_STATE' });
  });

  it('closes sign-up once the first admin exists: strangers are refused, invites work, until the admin opens it', async () => {
    const Instance = '{ instance { needsSetup signupEnabled } }';
    const anonymous = new HttpClient(server.url);
    expect((await anonymous.graphql(Instance)).data.instance).toEqual({
      needsSetup: false,
      signupEnabled: false,
    });
    const stranger = {
      email: `stranger-${Date.now()}@example.test`,
      password: 'a long enough password',
      displayName: 'Stranger',
    };
    const refused = await anonymous.graphql(SignUp, { input: stranger });
    expect(refused.data.signUp).toMatchObject({
      code: 'SIGNUP_DISABLED',
      message: 'Sign-up is closed on this server; ask an admin for an account',
    });
    expect(await stack.app.repositories.users.findByEmail(stranger.email)).toBeNull();

    const invite = await admin.client.graphql(
      'mutation { createInvite(input: { role: USER, expiresInDays: 1 }) { ... on CreatedInvite { token } } }',
    );
    const invited = await new HttpClient(server.url).graphql(SignUp, {
      input: {
        ...stranger,
        email: `invited-${Date.now()}@example.test`,
        invite: invite.data.createInvite.token,
      },
    });
    expect(invited.data.signUp).toMatchObject({ __typename: 'Account', role: 'USER' });

    await openSignUp(admin.client);
    expect((await anonymous.graphql(Instance)).data.instance.signupEnabled).toBe(true);
    // A refused second setup leaves sign-up as the admin set it.
    const lateSetup = await anonymous.graphql(Setup, { input: stranger });
    expect(lateSetup.data.setup).toMatchObject({ code: 'INVALID_STATE' });
    expect((await anonymous.graphql(Instance)).data.instance.signupEnabled).toBe(true);
    const welcomed = await anonymous.graphql(SignUp, { input: stranger });
    expect(welcomed.data.signUp).toMatchObject({ __typename: 'Account', email: stranger.email });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie of 256 random bits, stored only as a digest', async () => {
    const browser = new HttpClient(server.url);
    const { response } = await browser.graphql(SignUp, {
      input: { email: `c${Date.now()}@example.test`, password: 'a long enough password', displayName: 'C' },
    });
    const cookie = response.headers.getSetCookie().find((c) => c.includes('atelier_session'))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const token = /atelier_session=([^;]+)/.exec(cookie)![1]!;
    expect(Buffer.from(token, 'base64url').length).toBe(32);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from session where token_hash = decode(${token}, 'escape')`.execute(
      stack.app.db,
    );
    expect(rows[0]!.n).toBe(0);
    expect((await browser.graphql(Viewer)).data.viewer).toMatchObject({ displayName: 'C', role: 'USER' });
  });

  it('hashes passwords with Argon2id (m ≥ 19 MiB, t ≥ 2, p = 1)', async () => {
    const person = await signedUpClient(server.url);
    const { rows } = await sql<{
      hash: string;
    }>`select password_hash as hash from app_user where id = ${person.id}`.execute(stack.app.db);
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(rows[0]!.hash)!;
    expect(Number(match[1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(match[2])).toBeGreaterThanOrEqual(2);
    expect(Number(match[3])).toBe(1);
  });

  it('signs in with the right password only, rotating the session; signs out', async () => {
    const person = await signedUpClient(server.url);
    const oldCookie = person.client.cookie;
    const wrong = await new HttpClient(server.url).graphql(SignIn, {
      input: { email: person.email, password: 'not the password' },
    });
    expect(wrong.data.signIn).toMatchObject({ __typename: 'BaseError', code: 'INVALID_CREDENTIALS' });
    const unknown = await new HttpClient(server.url).graphql(SignIn, {
      input: { email: 'nobody@example.test', password: 'whatever it is' },
    });
    expect(unknown.data.signIn.code).toBe('INVALID_CREDENTIALS');

    const right = await person.client.graphql(SignIn, {
      input: { email: person.email.toUpperCase(), password: person.password },
    });
    expect(right.data.signIn).toMatchObject({ __typename: 'Account', id: person.id });
    expect(person.client.cookie).not.toBe(oldCookie);
    const stale = new HttpClient(server.url);
    stale.cookie = oldCookie;
    expect((await stale.graphql(Viewer)).data.viewer).toBeNull();

    await person.client.graphql('mutation { signOut }');
    expect(person.client.cookie).toBeNull();
  });

  const signInFrom = (address: string, email: string, password: string) =>
    new HttpClient(server.url, { forwardedFor: address }).graphql(SignIn, { input: { email, password } });

  it('locks sign-in for an email after five wrong passwords from one client, saying when to try again', async () => {
    const person = await signedUpClient(server.url);
    for (let i = 0; i < 5; i++) {
      const wrong = await signInFrom('198.51.100.1', person.email, 'wrong password');
      expect(wrong.data.signIn.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await signInFrom('198.51.100.1', person.email, person.password);
    expect(locked.data.signIn).toMatchObject({ code: 'RATE_LIMIT' });
    expect(locked.data.signIn.message).toMatch(/try again in \d+ s/);

    // A stranger's wrong guesses do not lock the person out from their own computer.
    const elsewhere = await signInFrom('203.0.113.7', person.email, person.password);
    expect(elsewhere.data.signIn.__typename).toBe('Account');
  });

  it('locks an email no account has in the same way, so a lock tells nothing', async () => {
    const email = `nobody-${Date.now()}@example.test`;
    for (let i = 0; i < 5; i++) {
      expect((await signInFrom('198.51.100.2', email, 'a guess')).data.signIn.code).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await signInFrom('198.51.100.2', email, 'a guess');
    expect(locked.data.signIn).toMatchObject({ code: 'RATE_LIMIT' });
    expect(locked.data.signIn.message).toMatch(/try again in \d+ s/);
  });

  it('locks an email for every client after fifty wrong passwords from many', async () => {
    const person = await signedUpClient(server.url);
    for (let client = 0; client < 10; client++) {
      for (let i = 0; i < 5; i++) await signInFrom(`192.0.2.${client}`, person.email, 'wrong password');
    }
    const anywhere = await signInFrom('203.0.113.99', person.email, person.password);
    expect(anywhere.data.signIn).toMatchObject({ code: 'RATE_LIMIT' });
  });

  it('changes the password, signing out the other sessions but not this one', async () => {
    const person = await signedUpClient(server.url);
    const elsewhere = new HttpClient(server.url);
    await elsewhere.graphql(SignIn, { input: { email: person.email, password: person.password } });
    const change = /* GraphQL */ `
      mutation ($input: ChangePasswordInput!) {
        changePassword(input: $input) {
          __typename
          ... on ChangePasswordSuccess {
            data
          }
          ... on InvalidInputError {
            code
            issues {
              field
            }
          }
        }
      }
    `;
    const wrong = await person.client.graphql(change, {
      input: { currentPassword: 'nope nope nope', newPassword: 'a brand new password' },
    });
    expect(wrong.data.changePassword).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      issues: [{ field: 'input.currentPassword' }],
    });
    const done = await person.client.graphql(change, {
      input: { currentPassword: person.password, newPassword: 'a brand new password' },
    });
    expect(done.data.changePassword.data).toBe(true);
    expect((await person.client.graphql(Viewer)).data.viewer.id).toBe(person.id);
    expect((await elsewhere.graphql(Viewer)).data.viewer).toBeNull();
  });

  it('ends sessions that sat idle, and all sessions at their absolute expiry', async () => {
    const idle = await createTestStack({
      auth: 'real',
      worker: false,
      sessionPolicy: { idleSeconds: 1, absoluteSeconds: 3600 },
    });
    const short = await createTestStack({
      auth: 'real',
      worker: false,
      sessionPolicy: { idleSeconds: 3600, absoluteSeconds: 1 },
    });
    try {
      for (const target of [idle, short]) {
        const running = await target.listen();
        const person = await signedUpClient(running.url, { first: true });
        expect((await person.client.graphql(Viewer)).data.viewer).not.toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect((await person.client.graphql(Viewer)).data.viewer).toBeNull();
      }
    } finally {
      await idle.close();
      await short.close();
    }
  });

  it('lets an admin close sign-up', async () => {
    const toggle = 'mutation($enabled: Boolean!) { setSignupEnabled(enabled: $enabled) }';
    const person = await signedUpClient(server.url);
    expect((await person.client.graphql(toggle, { enabled: false })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await admin.client.graphql(toggle, { enabled: false })).data.setSignupEnabled).toBe(false);
    const refused = await new HttpClient(server.url).graphql(SignUp, {
      input: { email: 'late@example.test', password: 'a long enough password', displayName: 'Late' },
    });
    expect(refused.data.signUp).toMatchObject({ code: 'SIGNUP_DISABLED' });
    await admin.client.graphql(toggle, { enabled: true });
  });
});

describe('API tokens', () => {
  it('are shown once, prefixed and checksummed, stored as a digest, and work over HTTP and WebSocket until revoked', async () => {
    const person = await signedUpClient(server.url);
    const { data } = await person.client.graphql(CreateToken, {
      input: { name: 'script', scopes: ['read', 'generate'] },
    });
    const { secret, token } = data.createApiToken;
    expect(secret).toMatch(/^atl_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const stored = await stack.app.db
      .selectFrom('apiToken')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));

    const script = new HttpClient(server.url, { token: secret });
    expect((await script.graphql(Viewer)).data.viewer.id).toBe(person.id);
    const typo = new HttpClient(server.url, { token: `${secret.slice(0, -1)}x` });
    expect(
      (await typo.graphql('{ images(first: 1) { edges { cursor } } }')).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');

    const ws = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${secret}` },
      retryAttempts: 0,
    });
    const viaSocket = await new Promise<any>((resolve, reject) => {
      ws.subscribe({ query: Viewer }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(viaSocket.data.viewer.id).toBe(person.id);
    await ws.dispose();

    const tokens = await person.client.graphql('{ apiTokens { id lastUsedAt } }');
    expect(tokens.data.apiTokens[0].lastUsedAt).not.toBeNull();
    await person.client.graphql('mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }', {
      id: token.id,
    });
    expect((await script.graphql(Viewer)).data.viewer).toBeNull();
  });

  it('do only what their scopes allow, and never manage the account', async () => {
    const person = await signedUpClient(server.url);
    const reader = (await person.client.graphql(CreateToken, { input: { name: 'reader', scopes: ['read'] } }))
      .data.createApiToken.secret;
    const client = new HttpClient(server.url, { token: reader });
    expect((await client.graphql('{ images(first: 1) { edges { cursor } } }')).errors).toBeUndefined();
    const generate = await client.graphql(Generate, {
      input: { prompt: 'a sea', provider: 'local', width: 256, height: 256 },
    });
    expect(generate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await client.graphql('{ apiTokens { id } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await client.graphql(CreateToken, { input: { name: 'escalate', scopes: ['read'] } })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    const admin = await person.client.graphql(CreateToken, { input: { name: 'admin?', scopes: ['admin'] } });
    expect(admin.data.createApiToken).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('credentials across API processes', () => {
  it('a revoked token and a signed-out session stop working on every process, not only the one that ended them', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-second-'));
    const other = await createApp({ databaseUrl: stack.databaseUrl, dataDir, logger: createLogger('warn') });
    const otherServer = await buildServer(other).listen(0, '127.0.0.1');
    try {
      const person = await signedUpClient(server.url);
      const { secret, token } = (
        await person.client.graphql(CreateToken, { input: { name: 'elsewhere', scopes: ['read'] } })
      ).data.createApiToken;
      const script = new HttpClient(otherServer.url, { token: secret });
      const browser = new HttpClient(otherServer.url);
      browser.cookie = person.client.cookie;
      // Both are now remembered by the other process.
      expect((await script.graphql(Viewer)).data.viewer.id).toBe(person.id);
      expect((await browser.graphql(Viewer)).data.viewer.id).toBe(person.id);

      await person.client.graphql('mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }', {
        id: token.id,
      });
      await person.client.graphql('mutation { signOut }');
      await expect
        .poll(async () => (await script.graphql(Viewer)).data.viewer, { timeout: 5_000 })
        .toBeNull();
      await expect
        .poll(async () => (await browser.graphql(Viewer)).data.viewer, { timeout: 5_000 })
        .toBeNull();
    } finally {
      await otherServer.stop();
      await other.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('quotas and rate limits', () => {
  it('refuses jobs past an admin-set quota, saying which limit and when it resets', async () => {
    const person = await signedUpClient(server.url);
    const admin = (await stack.app.db
      .selectFrom('appUser')
      .selectAll()
      .where('role', '=', 'ADMIN')
      .executeTakeFirstOrThrow()) as never;
    await stack.app.services.admin.setQuota(admin, person.id, {
      maxConcurrentJobs: null,
      maxImagesPerDay: 2,
    });
    const input = { prompt: 'a quiet lake', provider: 'local', width: 256, height: 256, steps: 1 };
    const first = await person.client.graphql(Generate, { input: { ...input, count: 2 } });
    expect(first.data.generateImages.__typename).toBe('Job');
    const refused = (await person.client.graphql(Generate, { input })).data.generateImages;
    expect(refused).toMatchObject({
      __typename: 'QuotaExceededError',
      code: 'QUOTA_EXCEEDED',
      limit: 'IMAGES_PER_DAY',
      max: 2,
    });
    expect(new Date(refused.resetsAt).getUTCHours()).toBe(0);
    expect(refused.message).toMatch(/resets at 00:00 UTC/);
  });

  it('holds a quota when several jobs are submitted at the same moment', async () => {
    const person = await signedUpClient(server.url);
    const admin = (await stack.app.db
      .selectFrom('appUser')
      .selectAll()
      .where('role', '=', 'ADMIN')
      .executeTakeFirstOrThrow()) as never;
    await stack.app.services.admin.setQuota(admin, person.id, {
      maxConcurrentJobs: null,
      maxImagesPerDay: 2,
    });
    const input = {
      prompt: 'a crowded door',
      provider: 'local',
      width: 256,
      height: 256,
      steps: 1,
      count: 2,
    };
    const answers = await Promise.all([1, 2, 3, 4].map(() => person.client.graphql(Generate, { input })));
    const kinds = answers.map((answer) => answer.data.generateImages.__typename as string).sort();
    expect(kinds).toEqual(['Job', 'QuotaExceededError', 'QuotaExceededError', 'QuotaExceededError']);
    const queued = await stack.app.db
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ownerId', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(Number(queued.n)).toBe(1);
  });

  it('limits how many changes a person makes in a short time', async () => {
    const person = await signedUpClient(server.url);
    const codes: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      const { errors } = await person.client.graphql(
        'mutation($id: ID!) { revokeShareLink(id: $id) { __typename } }',
        { id: 'nothing' },
      );
      codes.push(errors?.[0]?.extensions?.code ?? 'ok');
    }
    expect(codes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(codes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe('transport hardening', () => {
  it('refuses a multipart (form-like) POST without the CSRF header', async () => {
    const person = await signedUpClient(server.url);
    const body = new FormData();
    body.set('operations', JSON.stringify({ query: 'mutation { signOut }' }));
    body.set('map', '{}');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { cookie: person.client.cookie! },
      body,
    });
    expect(response.status).toBe(403);
    expect((await person.client.graphql(Viewer)).data.viewer.id).toBe(person.id);
  });

  it('refuses WebSocket upgrades from another site, and accepts its own origin', async () => {
    const connect = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
          origin,
        });
        socket.on('open', () => {
          socket.close();
          resolve('open');
        });
        socket.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        socket.on('error', () => resolve('error'));
      });
    expect(await connect('https://evil.example')).toBe('refused 401');
    expect(await connect(server.url)).toBe('open');
  });
});

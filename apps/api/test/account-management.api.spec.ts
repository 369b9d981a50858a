import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createTestStack, type TestStack } from './support/harness';
import { HttpClient, SignIn, SignUp, signedUpClient } from './support/http-client';

let stack: TestStack;
let server: RunningServer;
let admin: Awaited<ReturnType<typeof signedUpClient>>;

beforeAll(async () => {
  stack = await createTestStack({ auth: 'real', worker: false });
  server = await stack.listen();
  admin = await signedUpClient(server.url, { first: true, openSignUp: true });
});
afterAll(async () => {
  await stack?.close();
});

const Viewer = '{ viewer { id email displayName role } }';
/** Every refusal: its code and message, and for bad input the fields at fault. */
const Refusal = '... on Error { code message } ... on InvalidInputError { issues { field message } }';
const UpdateAccount = /* GraphQL */ `
  mutation ($input: UpdateAccountInput!) {
    updateAccount(input: $input) {
      __typename
      ... on Account {
        id
        email
        displayName
      }
      ${Refusal}
    }
  }
`;
const SetRole = /* GraphQL */ `
  mutation ($input: SetUserRoleInput!) {
    setUserRole(input: $input) {
      __typename
      ... on Account {
        id
        role
      }
      ${Refusal}
    }
  }
`;
const SetDisabled = /* GraphQL */ `
  mutation ($input: SetUserDisabledInput!) {
    setUserDisabled(input: $input) {
      __typename
      ... on Account {
        id
        disabled
      }
      ${Refusal}
    }
  }
`;
const CreateToken = /* GraphQL */ `
  mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        secret
      }
    }
  }
`;

async function signIn(email: string, password: string) {
  const client = new HttpClient(server.url);
  const { data } = await client.graphql(SignIn, { input: { email, password } });
  return { client, outcome: data?.signIn as { __typename: string; code?: string } };
}

describe('editing your own account', () => {
  it('changes the name and the sign-in email, and the new email signs in', async () => {
    const person = await signedUpClient(server.url);
    const email = `renamed-${Date.now()}@example.test`;
    const { data } = await person.client.graphql(UpdateAccount, {
      input: { displayName: 'Robin Renamed', email: email.toUpperCase() },
    });
    expect(data.updateAccount).toMatchObject({ __typename: 'Account', displayName: 'Robin Renamed', email });
    expect((await person.client.graphql(Viewer)).data.viewer).toMatchObject({
      displayName: 'Robin Renamed',
      email,
    });
    expect((await signIn(email, person.password)).outcome.__typename).toBe('Account');
    expect((await signIn(person.email, person.password)).outcome.__typename).not.toBe('Account');
  });

  it("refuses another account's email, and a malformed one, naming the field", async () => {
    const person = await signedUpClient(server.url);
    const taken = await person.client.graphql(UpdateAccount, { input: { email: admin.email.toUpperCase() } });
    expect(taken.data.updateAccount).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'CONFLICT',
      issues: [{ field: 'input.email', message: 'another account already uses this email' }],
    });
    const malformed = await person.client.graphql(UpdateAccount, { input: { email: 'not an email' } });
    expect(malformed.data.updateAccount).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.email' }],
    });
    expect((await person.client.graphql(Viewer)).data.viewer.email).toBe(person.email);
  });

  it('changes nothing when asked to change nothing', async () => {
    const person = await signedUpClient(server.url);
    const { data } = await person.client.graphql(UpdateAccount, { input: {} });
    expect(data.updateAccount).toMatchObject({ __typename: 'Account', email: person.email });
  });
});

describe('an admin managing people', () => {
  it("changes a person's role, and it applies to their open session at once", async () => {
    const person = await signedUpClient(server.url);
    const promoted = await admin.client.graphql(SetRole, { input: { userId: person.id, role: 'ADMIN' } });
    expect(promoted.data.setUserRole).toEqual({ __typename: 'Account', id: person.id, role: 'ADMIN' });
    const users = await person.client.graphql('{ users(first: 1) { edges { node { id } } } }');
    expect(users.errors ?? []).toEqual([]);

    await admin.client.graphql(SetRole, { input: { userId: person.id, role: 'USER' } });
    const refused = await person.client.graphql('{ users(first: 1) { edges { node { id } } } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('disables an account: its session and tokens stop at once and it cannot sign in; enabling lets it back', async () => {
    const person = await signedUpClient(server.url);
    const token = (await person.client.graphql(CreateToken, { input: { name: 'script', scopes: ['read'] } }))
      .data.createApiToken.secret as string;
    const script = new HttpClient(server.url, { token });
    expect((await script.graphql(Viewer)).data.viewer.id).toBe(person.id);

    const disabled = await admin.client.graphql(SetDisabled, {
      input: { userId: person.id, disabled: true },
    });
    expect(disabled.data.setUserDisabled).toEqual({ __typename: 'Account', id: person.id, disabled: true });
    expect((await person.client.graphql(Viewer)).data?.viewer ?? null).toBeNull();
    expect((await script.graphql(Viewer)).data?.viewer ?? null).toBeNull();
    expect((await signIn(person.email, person.password)).outcome).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });

    const enabled = await admin.client.graphql(SetDisabled, {
      input: { userId: person.id, disabled: false },
    });
    expect(enabled.data.setUserDisabled.disabled).toBe(false);
    expect((await signIn(person.email, person.password)).outcome.__typename).toBe('Account');
    expect((await script.graphql(Viewer)).data.viewer.id).toBe(person.id);
  });

  it('sets a temporary password: their sessions end, it signs in once, and they must choose their own', async () => {
    const person = await signedUpClient(server.url);
    const set = await admin.client.graphql(
      'mutation($input: SetTemporaryPasswordInput!) { setTemporaryPassword(input: $input) { __typename ... on Account { id mustChangePassword } } }',
      { input: { userId: person.id, password: 'temporary passphrase' } },
    );
    expect(set.data.setTemporaryPassword).toEqual({
      __typename: 'Account',
      id: person.id,
      mustChangePassword: true,
    });
    expect((await person.client.graphql(Viewer)).data?.viewer ?? null).toBeNull();
    expect((await signIn(person.email, person.password)).outcome.__typename).not.toBe('Account');

    const { client } = await signIn(person.email, 'temporary passphrase');
    expect((await client.graphql('{ viewer { mustChangePassword } }')).data.viewer.mustChangePassword).toBe(
      true,
    );
    const changed = await client.graphql(
      'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename } }',
      { input: { currentPassword: 'temporary passphrase', newPassword: 'my very own passphrase' } },
    );
    expect(changed.data.changePassword.__typename).toBe('ChangePasswordSuccess');
    expect((await client.graphql('{ viewer { mustChangePassword } }')).data.viewer.mustChangePassword).toBe(
      false,
    );
  });

  it('cannot demote or disable themselves, nor touch an account that does not exist', async () => {
    const self = await admin.client.graphql(SetRole, { input: { userId: admin.id, role: 'USER' } });
    expect(self.data.setUserRole).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'FORBIDDEN',
      issues: [{ field: 'input.userId', message: 'you cannot change your own role' }],
    });
    const selfDisable = await admin.client.graphql(SetDisabled, {
      input: { userId: admin.id, disabled: true },
    });
    expect(selfDisable.data.setUserDisabled).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'FORBIDDEN',
    });
    const missing = await admin.client.graphql(SetDisabled, {
      input: { userId: '00000000-0000-4000-8000-000000000000', disabled: true },
    });
    expect(missing.data.setUserDisabled).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect((await admin.client.graphql(Viewer)).data.viewer.role).toBe('ADMIN');
  });
});

const CreateInvite = /* GraphQL */ `
  mutation ($input: CreateInviteInput!) {
    createInvite(input: $input) {
      __typename
      ... on CreatedInvite {
        token
        invite {
          id
          role
          expiresAt
          usedAt
        }
      }
      ${Refusal}
    }
  }
`;

describe('invites', () => {
  async function signUpWith(invite: string | undefined, email: string) {
    const client = new HttpClient(server.url);
    const { data } = await client.graphql(SignUp, {
      input: { email, password: 'an invited passphrase', displayName: 'Invitee', ...(invite && { invite }) },
    });
    return { client, outcome: data.signUp };
  }

  it('signs up one person with the role it names, even while sign-up is closed, and only once', async () => {
    await admin.client.graphql('mutation { setSignupEnabled(enabled: false) }');
    try {
      const made = await admin.client.graphql(CreateInvite, { input: { role: 'ADMIN', expiresInDays: 7 } });
      const { token, invite } = made.data.createInvite;
      expect(invite).toMatchObject({ role: 'ADMIN', usedAt: null });
      expect((await admin.client.graphql('{ invites { id } }')).data.invites).toContainEqual({
        id: invite.id,
      });

      const closed = await signUpWith(undefined, `walk-in-${Date.now()}@example.test`);
      expect(closed.outcome).toMatchObject({ code: 'SIGNUP_DISABLED' });

      const invited = await signUpWith(token, `invited-${Date.now()}@example.test`);
      expect(invited.outcome).toMatchObject({ __typename: 'Account', role: 'ADMIN' });
      expect((await invited.client.graphql(Viewer)).data.viewer.role).toBe('ADMIN');
      expect((await admin.client.graphql('{ invites { id } }')).data.invites).not.toContainEqual({
        id: invite.id,
      });

      const again = await signUpWith(token, `second-${Date.now()}@example.test`);
      expect(again.outcome).toMatchObject({
        __typename: 'InvalidInputError',
        issues: [
          {
            field: 'input.invite',
            message: 'this invite link was used already, has expired or is not valid',
          },
        ],
      });
    } finally {
      await admin.client.graphql('mutation { setSignupEnabled(enabled: true) }');
    }
  });

  it('keeps the invite when the email is taken, and a revoked invite no longer works', async () => {
    const { token, invite } = (
      await admin.client.graphql(CreateInvite, { input: { role: 'USER', expiresInDays: 1 } })
    ).data.createInvite;
    const taken = await signUpWith(token, admin.email);
    expect(taken.outcome).toMatchObject({ __typename: 'InvalidInputError', code: 'CONFLICT' });

    const revoked = await admin.client.graphql(
      'mutation($id: ID!) { revokeInvite(id: $id) { __typename ... on Invite { id } } }',
      { id: invite.id },
    );
    expect(revoked.data.revokeInvite).toEqual({ __typename: 'Invite', id: invite.id });
    const after = await signUpWith(token, `late-${Date.now()}@example.test`);
    expect(after.outcome).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.invite' }],
    });
  });

  it('refuses an expiry outside 1 to 30 days, naming the field', async () => {
    const made = await admin.client.graphql(CreateInvite, { input: { role: 'USER', expiresInDays: 90 } });
    expect(made.data.createInvite).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.expiresInDays', message: 'at most 30 days' }],
    });
  });
});

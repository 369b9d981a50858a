import { expect } from 'vitest';
import { HttpClient } from '../../support/http-client';
import { gql } from '../support/http';
import { isNull, noSuchImage, notFound, refusedWith, type Row, typedError } from '../support/authorization';
import { A_PASSWORD, url, w } from '../support/world';

/**
 * The rows of schema/modules/account.ts, admin.ts and share.ts. They run in
 * accounts-and-collections.spec.ts.
 */
export const accountAdminShareRows: Row[] = [
  {
    type: 'query',
    field: 'apiTokens',
    needs: 'session',
    attempts: [
      {
        what: "the list (none of A's tokens)",
        query: '{ apiTokens { id name prefix scopes revokedAt } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = answer.data.apiTokens.map((token: { id: string }) => token.id);
          expect(ids).toContain(w.bToken.id);
          for (const token of Object.values(w.tokens)) expect(ids).not.toContain(token.id);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'instance',
    needs: 'public',
    attempts: [
      {
        what: 'the server',
        query: '{ instance { needsSetup signupEnabled } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.instance).toEqual({ needsSetup: false, signupEnabled: true });
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'sharedCollection',
    needs: 'public',
    attempts: [
      {
        what: "the id (not the token) of A's collection link",
        query: 'query($token: String!) { sharedCollection(token: $token) { name } }',
        variables: () => ({ token: w.collectionLink.id }),
        asB: isNull('sharedCollection'),
      },
      {
        what: "A's image link (not a collection link)",
        query: 'query($token: String!) { sharedCollection(token: $token) { name } }',
        variables: () => ({ token: w.link.token }),
        asB: isNull('sharedCollection'),
      },
    ],
  },
  {
    type: 'query',
    field: 'sharedImage',
    needs: 'public',
    attempts: [
      {
        what: "the id (not the token) of A's share link",
        query: 'query($token: String!) { sharedImage(token: $token) { prompt url } }',
        variables: () => ({ token: w.link.id }),
        asB: isNull('sharedImage'),
      },
      {
        what: 'a guessed token',
        query: 'query($token: String!) { sharedImage(token: $token) { prompt url } }',
        variables: () => ({ token: `${w.link.token.slice(0, -1)}${w.link.token.endsWith('A') ? 'B' : 'A'}` }),
        asB: isNull('sharedImage'),
      },
    ],
  },
  {
    type: 'query',
    field: 'users',
    needs: 'admin',
    attempts: [
      {
        what: 'the account list',
        query: '{ users(first: 20) { edges { node { id email maxImagesPerDay } } } }',
        asB: refusedWith('users', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'query',
    field: 'viewer',
    needs: 'public',
    attempts: [
      {
        what: 'who is signed in (B, not A)',
        query: '{ viewer { id email role } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.viewer).toEqual({ id: w.b.id, email: w.b.email, role: 'USER' });
        },
      },
    ],
    anonymous: isNull('viewer'),
  },
  {
    type: 'mutation',
    field: 'changePassword',
    needs: 'session',
    attempts: [
      {
        what: "A's password as the current one",
        query:
          'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on ChangePasswordSuccess { data } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { currentPassword: A_PASSWORD, newPassword: 'b-would-like-this-one' } }),
        asB: typedError(
          'changePassword',
          'InvalidInputError',
          'INVALID_CREDENTIALS',
          'input.currentPassword',
        ),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createApiToken',
    needs: 'session',
    attempts: [
      {
        what: "a token of B's own",
        query:
          'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on CreatedApiToken { secret token { id scopes } } ... on Error { code message } } }',
        variables: () => ({ input: { name: 'b reads', scopes: ['read'] } }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createApiToken).toMatchObject({
            __typename: 'CreatedApiToken',
            token: { scopes: ['read'] },
          });
        },
        makesOwn: true,
      },
      {
        what: 'the admin scope',
        query:
          'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on CreatedApiToken { secret } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { name: 'b wants admin', scopes: ['read', 'admin'] } }),
        asB: typedError('createApiToken', 'InvalidInputError', 'FORBIDDEN', 'input.scopes'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createShareLink',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($input: CreateShareLinkInput!) { createShareLink(input: $input) { __typename ... on ShareLink { token } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { imageId: w.image.id } }),
        asB: noSuchImage('createShareLink', 'input.imageId'),
      },
      {
        what: "A's collection",
        query:
          'mutation($input: CreateShareLinkInput!) { createShareLink(input: $input) { __typename ... on ShareLink { token } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { collectionId: w.collection } }),
        asB: noSuchImage('createShareLink', 'input.collectionId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'revokeApiToken',
    needs: 'session',
    attempts: [
      {
        what: "A's token",
        query:
          'mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on ApiToken { id revokedAt } ... on Error { code message } } }',
        variables: () => ({ id: w.tokens.read.id }),
        asB: async (answer) => {
          notFound('revokeApiToken')(answer);
          const stillWorks = await gql(
            new HttpClient(url, { token: w.tokens.read.secret }),
            '{ viewer { id } }',
          );
          expect(stillWorks.data?.viewer).toEqual({ id: w.a.id });
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'revokeShareLink',
    needs: 'generate',
    attempts: [
      {
        what: "A's share link",
        query:
          'mutation($id: ID!) { revokeShareLink(id: $id) { __typename ... on ShareLink { revokedAt } ... on Error { code message } } }',
        variables: () => ({ id: w.link.id }),
        asB: async (answer) => {
          notFound('revokeShareLink')(answer);
          const opened = await gql(
            new HttpClient(url),
            'query($t: String!) { sharedImage(token: $t) { width } }',
            { t: w.link.token },
          );
          expect(opened.data?.sharedImage).toEqual({ width: 256 });
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setSignupEnabled',
    needs: 'admin',
    attempts: [
      {
        what: 'closing sign-up',
        query: 'mutation { setSignupEnabled(enabled: false) }',
        asB: refusedWith('setSignupEnabled', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setUserQuota',
    needs: 'admin',
    attempts: [
      {
        what: "A's quota",
        query:
          'mutation($input: SetUserQuotaInput!) { setUserQuota(input: $input) { __typename ... on Account { id } ... on Error { code } } }',
        variables: () => ({ input: { userId: w.a.id, maxImagesPerDay: 1, maxConcurrentJobs: 1 } }),
        asB: refusedWith('setUserQuota', 'FORBIDDEN'),
      },
      {
        what: "B's own quota",
        query:
          'mutation($input: SetUserQuotaInput!) { setUserQuota(input: $input) { __typename ... on Account { id } ... on Error { code } } }',
        variables: () => ({ input: { userId: w.b.id, maxImagesPerDay: 1_000_000 } }),
        asB: refusedWith('setUserQuota', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setup',
    needs: 'public',
    attempts: [
      {
        what: 'taking over the server',
        query:
          'mutation($input: SignUpInput!) { setup(input: $input) { __typename ... on Account { id role } ... on Error { code message } } }',
        variables: () => ({
          input: { email: 'takeover@example.test', password: 'a long enough password', displayName: 'Owner' },
        }),
        asB: typedError('setup', 'BaseError', 'INVALID_STATE'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'signIn',
    needs: 'public',
    attempts: [
      {
        what: "A's email with a wrong password",
        query:
          'mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on Account { id } ... on Error { code message } } }',
        variables: () => ({ input: { email: w.a.email, password: 'not the password at all' } }),
        asB: typedError('signIn', 'BaseError', 'INVALID_CREDENTIALS'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'signOut',
    needs: 'public',
    attempts: [
      {
        what: "B's own session (A's stays)",
        query: 'mutation { signOut }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.signOut).toBe(true);
        },
        freshBrowser: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'signUp',
    needs: 'public',
    attempts: [
      {
        what: "A's email, in capitals",
        query:
          'mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on Account { id } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({
          input: { email: w.a.email.toUpperCase(), password: 'another long password', displayName: 'Not A' },
        }),
        asB: typedError('signUp', 'InvalidInputError', 'CONFLICT', 'input.email'),
      },
    ],
  },
];

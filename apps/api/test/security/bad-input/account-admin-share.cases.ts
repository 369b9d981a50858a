import {
  anonymous,
  type Case,
  ChangePassword,
  coded,
  CreateToken,
  cursor,
  imageId,
  jobId,
  me,
  notFound,
  nothing,
  refused,
  SetQuota,
  Share,
  SignIn,
  signUp,
  typed,
} from '../support/bad-input';
import { gql } from '../support/http';

/* The cases of schema/modules/account.ts, admin.ts and share.ts. */

const jobGid = () => jobId;

const accounts: Case[] = [
  [
    'a malformed email',
    () => signUp({ email: 'not-an-email' }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'an email with two @',
    () => signUp({ email: 'person@@example.test' }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'an email with a space',
    () => signUp({ email: 'a person@example.test' }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'an email of 300 characters',
    () =>
      signUp({
        email: `${'e'.repeat(60)}.${'f'.repeat(60)}@${'d'.repeat(60)}.${'g'.repeat(60)}.${'h'.repeat(50)}.test`,
      }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'a display name of 81 characters',
    () => signUp({ displayName: 'n'.repeat(81) }),
    typed('signUp', 'INVALID_INPUT', 'input.displayName'),
  ],
  [
    'a display name of only spaces',
    () => signUp({ displayName: '    ' }),
    typed('signUp', 'INVALID_INPUT', 'input.displayName'),
  ],
  ['a display name with a NUL character', () => signUp({ displayName: 'Eve\u0000' }), coded('INVALID_INPUT')],
  [
    'a password of 9 characters',
    () => signUp({ password: 'short-pw!' }),
    typed('signUp', 'INVALID_INPUT', 'input.password'),
  ],
  [
    'a password of 257 characters',
    () => signUp({ password: 'p'.repeat(257) }),
    typed('signUp', 'INVALID_INPUT', 'input.password'),
  ],
  [
    'a sign-in password of 257 characters',
    () => gql(anonymous, SignIn, { input: { email: 'someone@example.test', password: 'p'.repeat(257) } }),
    typed('signIn', 'INVALID_INPUT', 'input.password'),
  ],
  [
    'a sign-in with a malformed email',
    () => gql(anonymous, SignIn, { input: { email: 'someone', password: 'whatever password' } }),
    typed('signIn', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'a new password of 9 characters',
    () =>
      gql(me, ChangePassword, {
        input: { currentPassword: 'correct horse battery staple', newPassword: 'short-pw!' },
      }),
    typed('changePassword', 'INVALID_INPUT', 'input.newPassword'),
  ],
  [
    'a new password of 257 characters',
    () =>
      gql(me, ChangePassword, {
        input: { currentPassword: 'correct horse battery staple', newPassword: 'p'.repeat(257) },
      }),
    typed('changePassword', 'INVALID_INPUT', 'input.newPassword'),
  ],
  [
    'an API token name of 81 characters',
    () => gql(me, CreateToken, { input: { name: 't'.repeat(81), scopes: ['read'] } }),
    typed('createApiToken', 'INVALID_INPUT', 'input.name'),
  ],
  [
    'an API token name with a NUL character',
    () => gql(me, CreateToken, { input: { name: 'ci\u0000bot', scopes: ['read'] } }),
    coded('INVALID_INPUT'),
  ],
  [
    'an API token with no scopes',
    () => gql(me, CreateToken, { input: { name: 'ci', scopes: [] } }),
    typed('createApiToken', 'INVALID_INPUT', 'input.scopes'),
  ],
  [
    'an API token with an unknown scope',
    () => gql(me, CreateToken, { input: { name: 'ci', scopes: ['root'] } }),
    refused(400),
  ],
  [
    'a daily quota of 0',
    () => gql(me, SetQuota, { input: { userId: 'unused', maxImagesPerDay: 0 } }),
    typed('setUserQuota', 'INVALID_INPUT', 'input.maxImagesPerDay'),
  ],
  [
    'a negative concurrency quota',
    () => gql(me, SetQuota, { input: { userId: 'unused', maxConcurrentJobs: -1 } }),
    typed('setUserQuota', 'INVALID_INPUT', 'input.maxConcurrentJobs'),
  ],
  [
    'a share link that expired before it was made',
    () => gql(me, Share, { input: { imageId, expiresAt: '2020-01-01T00:00:00Z' } }),
    typed('createShareLink', 'INVALID_INPUT', 'input.expiresAt'),
  ],
  [
    'a share link expiry that is not a date',
    () => gql(me, Share, { input: { imageId, expiresAt: 'tomorrow' } }),
    refused(400),
  ],
];

const ids: Case[] = [
  [
    'a share link for the id of a job',
    () => gql(me, Share, { input: { imageId: jobGid() } }),
    notFound('createShareLink'),
  ],
  [
    'revokeShareLink with an id that is not a UUID',
    () =>
      gql(me, 'mutation($id: ID!) { revokeShareLink(id: $id) { __typename ... on Error { code } } }', {
        id: 'x',
      }),
    notFound('revokeShareLink'),
  ],
  [
    'revokeApiToken with SQL for an id',
    () =>
      gql(me, 'mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on Error { code } } }', {
        id: "'; drop table api_token; --",
      }),
    notFound('revokeApiToken'),
  ],
  [
    'setUserQuota for an account id that is not a UUID',
    () => gql(me, SetQuota, { input: { userId: 'nobody', maxImagesPerDay: 5 } }),
    notFound('setUserQuota'),
  ],
  [
    'a users cursor with a date that is no date',
    () =>
      gql(me, 'query($c: String) { users(first: 5, after: $c) { edges { cursor } } }', {
        c: cursor('yesterday|6f1c8a8e-5b7d-4f7e-9a53-2f6d8f0b9c11'),
      }),
    coded('INVALID_INPUT'),
  ],
  [
    'a share token of 10,000 characters',
    () => gql(anonymous, 'query($t: String!) { sharedImage(token: $t) { url } }', { t: 'a'.repeat(10_000) }),
    nothing('sharedImage'),
  ],
  [
    'a share token with SQL in it',
    () => gql(anonymous, 'query($t: String!) { sharedImage(token: $t) { url } }', { t: "x' or '1'='1" }),
    nothing('sharedImage'),
  ],
];

export const accountAdminShareGroups: [string, Case[]][] = [
  ['accounts, tokens, quotas and links', accounts],
  ['ids, cursors and filters', ids],
];

import {
  type AccountRecord,
  type ApiTokenRecord,
  InvalidInputError,
  NotFoundError,
  type Scope,
  type Usage,
} from '@atelier/domain';
import { z } from 'zod';
import { builder } from '../builder';
import { nameText } from '../text';
import { requireViewer } from '../viewer';

const email = z
  .email('enter a valid email address')
  .max(254)
  .transform((value) => value.trim().toLowerCase());
// Long passphrases are welcome; the upper bound only stops hashing from becoming a denial of service.
export const password = z
  .string()
  .min(10, 'use at least 10 characters')
  .max(256, 'use at most 256 characters');
const displayName = nameText('name', 80);

export const RoleEnum = builder.enumType('Role', {
  description: 'What an account may do.',
  values: {
    ADMIN: { description: 'Manages users, quotas and sign-up, besides their own work.' },
    USER: { description: 'Their own work only.' },
  },
});

export const ScopeEnum = builder.enumType('Scope', {
  description: 'What an API token may do.',
  values: {
    read: { value: 'read', description: 'Read your images, jobs and the rest.' },
    generate: { value: 'generate', description: 'Make, change and delete: generate, edit, share, cancel.' },
    admin: { value: 'admin', description: 'Admin operations (admins only).' },
  } satisfies Record<Scope, { value: Scope; description: string }>,
});

export const UsageRef = builder.objectRef<Usage>('Usage').implement({
  description: 'How much an account has made.',
  fields: (t) => ({
    images: t.exposeInt('images', { description: 'Images kept.' }),
    imagesToday: t.exposeInt('imagesToday', {
      description: 'Images made today (UTC), including those being made.',
    }),
    activeJobs: t.exposeInt('activeJobs', { description: 'Jobs queued or running now.' }),
    jobs: t.exposeInt('jobs', { description: 'Jobs ever submitted.' }),
  }),
});

export const AccountRef = builder.objectRef<AccountRecord>('Account').implement({
  description: 'A person with an account.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Account id.' }),
    email: t.exposeString('email', { nullable: true, description: 'Sign-in address.' }),
    displayName: t.exposeString('displayName', { description: 'Name shown to people.' }),
    role: t.field({ type: RoleEnum, description: 'What the account may do.', resolve: (a) => a.role }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was created.',
      resolve: (a) => a.createdAt,
    }),
    mustChangePassword: t.exposeBoolean('mustChangePassword', {
      description: 'An admin set a temporary password: choose your own (changePassword) before going on.',
    }),
    disabled: t.exposeBoolean('disabled', {
      description:
        'Whether an admin disabled it: it cannot sign in, and its sessions and tokens do not work.',
    }),
    maxConcurrentJobs: t.exposeInt('maxConcurrentJobs', {
      nullable: true,
      description: 'Jobs at once; null: no limit.',
    }),
    maxImagesPerDay: t.exposeInt('maxImagesPerDay', {
      nullable: true,
      description: 'Images per UTC day; null: no limit.',
    }),
    usage: t.loadable({
      type: UsageRef,
      description: 'How much it has made.',
      load: (ids: string[], ctx) => ctx.services.accounts.usage(ids),
      resolve: (a) => a.id,
    }),
  }),
});

const ApiTokenRef = builder.objectRef<ApiTokenRecord>('ApiToken').implement({
  description: 'A token for a third-party client. Its secret is shown once, when created.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Token id (not the secret).' }),
    name: t.exposeString('name', { description: 'What it is for.' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to recognise it.' }),
    scopes: t.field({ type: [ScopeEnum], description: 'What it may do.', resolve: (k) => k.scopes }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was created.',
      resolve: (k) => k.createdAt,
    }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Last use (to the minute).',
      resolve: (k) => k.lastUsedAt,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked.',
      resolve: (k) => k.revokedAt,
    }),
  }),
});

const CreatedTokenRef = builder
  .objectRef<{ secret: string; token: ApiTokenRecord }>('CreatedApiToken')
  .implement({
    description: 'A new token. Copy the secret now: it is not stored and cannot be shown again.',
    fields: (t) => ({
      secret: t.exposeString('secret', { description: 'Send it as `Authorization: Bearer <secret>`.' }),
      token: t.field({ type: ApiTokenRef, description: 'The token.', resolve: (r) => r.token }),
    }),
  });

const InstanceRef = builder.objectRef<{ needsSetup: boolean; signupEnabled: boolean }>('Instance').implement({
  description: 'This Atelier server.',
  fields: (t) => ({
    needsSetup: t.exposeBoolean('needsSetup', {
      description: 'No account exists yet: the first one becomes admin (`setup`).',
    }),
    signupEnabled: t.exposeBoolean('signupEnabled', { description: 'Whether anyone may sign up.' }),
  }),
});

const SignUpInput = builder.inputType('SignUpInput', {
  description: 'A new account.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address.', validate: email }),
    password: t.string({
      required: true,
      description: 'Password, 10 to 256 characters.',
      validate: password,
    }),
    displayName: t.string({ required: true, description: 'Name shown to people.', validate: displayName }),
    invite: t.string({
      description: "The secret of an admin's invite link: signs up even while sign-up is closed (once).",
      validate: z.string().min(1).max(128),
    }),
  }),
});

const SignInInput = builder.inputType('SignInInput', {
  description: 'Email and password.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address.', validate: email }),
    password: t.string({ required: true, description: 'Password.', validate: z.string().min(1).max(256) }),
  }),
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  description: 'Your current password, and the new one.',
  fields: (t) => ({
    currentPassword: t.string({
      required: true,
      description: 'The password you sign in with now.',
      validate: z.string().min(1).max(256),
    }),
    newPassword: t.string({
      required: true,
      description: 'The new password, 10 to 256 characters.',
      validate: password,
    }),
  }),
});

const UpdateAccountInput = builder.inputType('UpdateAccountInput', {
  description: 'Your name and sign-in email; a field left out stays as it is.',
  fields: (t) => ({
    displayName: t.string({ description: 'Name shown to people.', validate: displayName }),
    email: t.string({ description: 'Email address you sign in with.', validate: email }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description: 'A new API token.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'What it is for.', validate: nameText('name', 80) }),
    scopes: t.field({
      type: [ScopeEnum],
      required: true,
      description: 'What it may do.',
      validate: z.array(z.string()).min(1, 'choose at least one scope'),
    }),
  }),
});

builder.queryFields((t) => ({
  instance: t.field({
    type: InstanceRef,
    description: 'Whether this server still needs its first account, and whether sign-up is open. Public.',
    resolve: (_root, _args, ctx) => ctx.services.accounts.instance(),
  }),
  viewer: t.field({
    type: AccountRef,
    nullable: true,
    description: 'The signed-in account, or null.',
    resolve: (_root, _args, ctx) => (ctx.viewer ? ctx.services.accounts.account(ctx.viewer) : null),
  }),
  apiTokens: t.field({
    type: [ApiTokenRef],
    authScopes: { session: true },
    description: 'Your API tokens, newest first.',
    resolve: (_root, _args, ctx) => ctx.services.accounts.tokens(requireViewer(ctx)),
  }),
}));

builder.mutationFields((t) => ({
  setup: t.field({
    type: AccountRef,
    errors: { types: [InvalidInputError], directResult: true },
    description:
      'Create the first account, which becomes admin and takes over the work made so far. Only while `instance.needsSetup`.',
    args: { input: t.arg({ type: SignUpInput, required: true, description: 'The account.' }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = await ctx.services.accounts.setup(input, ctx.session);
      return ctx.services.accounts.account(viewer);
    },
  }),
  signUp: t.field({
    type: AccountRef,
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Create an account and sign in (unless an admin turned sign-up off).',
    args: { input: t.arg({ type: SignUpInput, required: true, description: 'The account.' }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = await ctx.services.accounts.signUp(input, ctx.session);
      return ctx.services.accounts.account(viewer);
    },
  }),
  signIn: t.field({
    type: AccountRef,
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Sign in with email and password; sets a session cookie.',
    args: { input: t.arg({ type: SignInInput, required: true, description: 'Email and password.' }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = await ctx.services.accounts.signIn(input, ctx.session);
      return ctx.services.accounts.account(viewer);
    },
  }),
  signOut: t.boolean({
    description: 'End this browser session.',
    resolve: async (_root, _args, ctx) => {
      await ctx.services.accounts.signOut(ctx.session);
      return true;
    },
  }),
  changePassword: t.boolean({
    authScopes: { session: true },
    errors: {
      types: [InvalidInputError],
      dataField: { description: 'Always true: the password was changed.' },
    },
    description: 'Change your password; other sessions of yours are signed out.',
    args: {
      input: t.arg({ type: ChangePasswordInput, required: true, description: 'Current and new password.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      await ctx.services.accounts.changePassword(requireViewer(ctx), input, ctx.session);
      return true;
    },
  }),
  updateAccount: t.field({
    type: AccountRef,
    authScopes: { session: true },
    errors: { types: [InvalidInputError, NotFoundError], directResult: true },
    description: 'Change your name or sign-in email (an email belongs to one account only).',
    args: { input: t.arg({ type: UpdateAccountInput, required: true, description: 'What to change.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.accounts.updateProfile(requireViewer(ctx), {
        ...(input.displayName != null && { displayName: input.displayName }),
        ...(input.email != null && { email: input.email }),
      }),
  }),
  createApiToken: t.field({
    type: CreatedTokenRef,
    authScopes: { session: true },
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Create an API token. Its secret is in the answer and nowhere else.',
    args: { input: t.arg({ type: CreateApiTokenInput, required: true, description: 'Name and scopes.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.accounts.createToken(requireViewer(ctx), { name: input.name, scopes: input.scopes }),
  }),
  revokeApiToken: t.field({
    type: ApiTokenRef,
    authScopes: { session: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Revoke an API token at once.',
    args: { id: t.arg.id({ required: true, description: 'Token id.' }) },
    resolve: (_root, { id }, ctx) => ctx.services.accounts.revokeToken(requireViewer(ctx), String(id)),
  }),
}));

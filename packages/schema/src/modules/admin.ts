import { type AccountRecord, type InviteRecord, InvalidInputError, NotFoundError } from '@atelier/domain';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder';
import { requireViewer } from '../viewer';
import { AccountRef, password, RoleEnum } from './account';

const SetQuotaInput = builder.inputType('SetUserQuotaInput', {
  description: 'Limits for one account; null removes a limit.',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'Account id.' }),
    maxConcurrentJobs: t.int({
      description: 'Jobs queued or running at once; null: no limit.',
      validate: z.number().int().min(1).max(1000),
    }),
    maxImagesPerDay: t.int({
      description: 'Images per UTC day; null: no limit.',
      validate: z.number().int().min(1).max(1_000_000),
    }),
  }),
});

const SetUserRoleInput = builder.inputType('SetUserRoleInput', {
  description: "An account's new role.",
  fields: (t) => ({
    userId: t.id({ required: true, description: 'Account id (not your own).' }),
    role: t.field({ type: RoleEnum, required: true, description: 'The new role.' }),
  }),
});

const SetTemporaryPasswordInput = builder.inputType('SetTemporaryPasswordInput', {
  description: 'A password for another account, which its owner must replace when they sign in.',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'Account id (not your own).' }),
    password: t.string({
      required: true,
      description: 'The temporary password, 10 to 256 characters.',
      validate: password,
    }),
  }),
});

const SetUserDisabledInput = builder.inputType('SetUserDisabledInput', {
  description: 'Disable an account, or enable it again.',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'Account id (not your own).' }),
    disabled: t.boolean({ required: true, description: 'True disables it; false enables it again.' }),
  }),
});

const InviteRef = builder.objectRef<InviteRecord>('Invite').implement({
  description: 'A one-time link to sign up with, made by an admin.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Invite id (not its secret).' }),
    role: t.field({ type: RoleEnum, description: 'The role the new account gets.', resolve: (i) => i.role }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (i) => i.createdAt }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'When it stops working.',
      resolve: (i) => i.expiresAt,
    }),
    usedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When someone signed up with it.',
      resolve: (i) => i.usedAt,
    }),
  }),
});

const CreatedInviteRef = builder
  .objectRef<{ token: string; invite: InviteRecord }>('CreatedInvite')
  .implement({
    description: 'A new invite and its secret, shown this once.',
    fields: (t) => ({
      token: t.exposeString('token', { description: 'Open `/sign-up?invite=<token>` to sign up with it.' }),
      invite: t.field({ type: InviteRef, description: 'The invite.', resolve: (r) => r.invite }),
    }),
  });

const CreateInviteInput = builder.inputType('CreateInviteInput', {
  description: 'Who the invite is for.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: true, description: 'The role the new account gets.' }),
    expiresInDays: t.int({
      required: true,
      description: 'Days until it stops working, 1 to 30.',
      validate: z.number().int().min(1, 'at least 1 day').max(30, 'at most 30 days'),
    }),
  }),
});

builder.queryField('invites', (t) =>
  t.field({
    type: [InviteRef],
    authScopes: { admin: true },
    description: 'Invites not used yet and not expired, newest first. Admins only.',
    resolve: (_root, _args, ctx) => ctx.services.admin.invites(requireViewer(ctx)),
  }),
);

builder.queryField('users', (t) =>
  t.connection({
    type: AccountRef,
    authScopes: { admin: true },
    description: 'Every account, oldest first, with usage and quotas. Admins only.',
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (account: AccountRecord) => ctx.services.admin.cursorOf(account),
          defaultSize: 50,
          maxSize: 200,
        },
        ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
          ctx.services.admin.users(viewer, { before, after, limit, inverted }),
      );
    },
  }),
);

builder.mutationFields((t) => ({
  setUserQuota: t.field({
    type: AccountRef,
    authScopes: { admin: true },
    errors: { types: [InvalidInputError, NotFoundError], directResult: true },
    description: "Set an account's limits. Admins only.",
    args: { input: t.arg({ type: SetQuotaInput, required: true, description: 'Account and limits.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.admin.setQuota(requireViewer(ctx), String(input.userId), {
        maxConcurrentJobs: input.maxConcurrentJobs ?? null,
        maxImagesPerDay: input.maxImagesPerDay ?? null,
      }),
  }),
  createInvite: t.field({
    type: CreatedInviteRef,
    authScopes: { admin: true },
    errors: { types: [InvalidInputError], directResult: true },
    description:
      'Make a one-time invite link; it signs up one account even while sign-up is closed. Admins only.',
    args: { input: t.arg({ type: CreateInviteInput, required: true, description: 'Role and expiry.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.admin.createInvite(requireViewer(ctx), {
        role: input.role,
        expiresInDays: input.expiresInDays,
      }),
  }),
  revokeInvite: t.field({
    type: InviteRef,
    authScopes: { admin: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Withdraw an invite not used yet. Admins only.',
    args: { id: t.arg.id({ required: true, description: 'Invite id.' }) },
    resolve: (_root, { id }, ctx) => ctx.services.admin.revokeInvite(requireViewer(ctx), String(id)),
  }),
  setUserRole: t.field({
    type: AccountRef,
    authScopes: { admin: true },
    errors: { types: [InvalidInputError, NotFoundError], directResult: true },
    description:
      "Change another account's role; it applies to their sessions and tokens at once. Admins only.",
    args: { input: t.arg({ type: SetUserRoleInput, required: true, description: 'Account and role.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.admin.setRole(requireViewer(ctx), String(input.userId), input.role),
  }),
  setTemporaryPassword: t.field({
    type: AccountRef,
    authScopes: { admin: true },
    errors: { types: [InvalidInputError, NotFoundError], directResult: true },
    description:
      "Set another account's password to a temporary one: their sessions end, and they must choose their own at their next sign-in. Admins only.",
    args: {
      input: t.arg({ type: SetTemporaryPasswordInput, required: true, description: 'Account and password.' }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.admin.setTemporaryPassword(requireViewer(ctx), String(input.userId), input.password),
  }),
  setUserDisabled: t.field({
    type: AccountRef,
    authScopes: { admin: true },
    errors: { types: [InvalidInputError, NotFoundError], directResult: true },
    description:
      'Disable another account (it cannot sign in; its sessions end and its tokens stop at once), or enable it again. Admins only.',
    args: { input: t.arg({ type: SetUserDisabledInput, required: true, description: 'Account and state.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.admin.setDisabled(requireViewer(ctx), String(input.userId), input.disabled),
  }),
  setSignupEnabled: t.boolean({
    authScopes: { admin: true },
    description: 'Open or close sign-up. Admins only. Returns the new setting.',
    args: { enabled: t.arg.boolean({ required: true, description: 'Whether anyone may sign up.' }) },
    resolve: (_root, { enabled }, ctx) => ctx.services.admin.setSignupEnabled(requireViewer(ctx), enabled),
  }),
}));

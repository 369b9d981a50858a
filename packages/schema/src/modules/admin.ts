import { type AccountRecord, InvalidInputError, NotFoundError } from '@atelier/domain';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder';
import { requireViewer } from '../viewer';
import { AccountRef } from './account';

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
  setSignupEnabled: t.boolean({
    authScopes: { admin: true },
    description: 'Open or close sign-up. Admins only. Returns the new setting.',
    args: { enabled: t.arg.boolean({ required: true, description: 'Whether anyone may sign up.' }) },
    resolve: (_root, { enabled }, ctx) => ctx.services.admin.setSignupEnabled(requireViewer(ctx), enabled),
  }),
}));

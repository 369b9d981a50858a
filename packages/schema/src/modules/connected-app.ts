import { NotFoundError } from '@atelier/domain';
import { builder } from '../builder';
import type { ConnectedAppRecord } from '../ports';
import { requireViewer } from '../viewer';
import { ScopeEnum } from './account';

const ConnectedAppRef = builder.objectRef<ConnectedAppRecord>('ConnectedApp').implement({
  description:
    'An assistant (an MCP client) you let use Atelier through OAuth. Revoke it to end its access at once.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Connected app id.' }),
    clientId: t.exposeString('clientId', { description: 'The OAuth client id it registered.' }),
    name: t.exposeString('name', {
      nullable: true,
      description: 'The name it gave itself when it registered (not verified).',
    }),
    redirectHost: t.exposeString('redirectHost', {
      nullable: true,
      description: 'The host it receives sign-ins at: what really identifies it.',
    }),
    scopes: t.field({ type: [ScopeEnum], description: 'What you let it do.', resolve: (a) => a.scopes }),
    connectedAt: t.field({
      type: 'DateTime',
      description: 'When you first approved it.',
      resolve: (a) => a.connectedAt,
    }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Its last request (to the minute).',
      resolve: (a) => a.lastUsedAt,
    }),
  }),
});

builder.queryFields((t) => ({
  connectedApps: t.field({
    type: [ConnectedAppRef],
    authScopes: { session: true },
    description: 'Assistants you connected through OAuth, newest first.',
    resolve: (_root, _args, ctx) => ctx.services.connectedApps.list(requireViewer(ctx)),
  }),
}));

builder.mutationFields((t) => ({
  revokeConnectedApp: t.field({
    type: ConnectedAppRef,
    authScopes: { session: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Revoke a connected app: its tokens stop working at once.',
    args: { id: t.arg.id({ required: true, description: 'Connected app id.' }) },
    resolve: (_root, { id }, ctx) => ctx.services.connectedApps.revoke(requireViewer(ctx), String(id)),
  }),
}));

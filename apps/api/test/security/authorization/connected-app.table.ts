import { expect } from 'vitest';
import { notFound, type Row } from '../support/authorization';

/**
 * The rows of schema/modules/connected-app.ts (they run in accounts-and-collections.spec.ts). A
 * person's connected apps are made through the OAuth flow; test/mcp/oauth.mcp.spec.ts proves B
 * neither sees nor revokes A's.
 */
export const connectedAppRows: Row[] = [
  {
    type: 'query',
    field: 'connectedApps',
    needs: 'session',
    attempts: [
      {
        what: 'the list (B connected nothing)',
        query: '{ connectedApps { id name scopes } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.connectedApps).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'revokeConnectedApp',
    needs: 'session',
    attempts: [
      {
        what: 'an unknown connected app',
        query:
          'mutation($id: ID!) { revokeConnectedApp(id: $id) { __typename ... on ConnectedApp { id } ... on Error { code message } } }',
        variables: () => ({ id: 'no-such-grant' }),
        asB: notFound('revokeConnectedApp'),
      },
    ],
  },
];

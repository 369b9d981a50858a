import { expect } from 'vitest';
import { type Case, coded, me, refused, socketClosed, url } from '../support/bad-input';
import { gql, postRaw } from '../support/http';
import { rawSocket, type SocketOutcome } from '../support/ws';

/* GraphQL over HTTP and over WebSocket: limits and protocol errors of no one schema module. */

const aliased = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: instance { needsSetup }`).join(' ')} }`;
const nested = (depth: number) =>
  `{ images(first: 1) { edges { node { ${'parent { '.repeat(depth)}id${' }'.repeat(depth)} } } } }`;
const hugeFrame = (type: 'connection_init' | 'subscribe') =>
  type === 'connection_init'
    ? JSON.stringify({ type, payload: { filler: 'x'.repeat(70 * 1024) } })
    : JSON.stringify({
        id: '1',
        type,
        payload: { query: `{ instance { needsSetup } } # ${'x'.repeat(70 * 1024)}` },
      });

const protocol: Case[] = [
  ['a query 13 levels deep', () => gql(me, nested(10)), refused()],
  ['16 aliases', () => gql(me, aliased(16)), refused()],
  [
    '21 directives',
    () => gql(me, `{ instance { needsSetup ${'@include(if: true) '.repeat(21)} } }`),
    refused(),
  ],
  ['2,001 tokens', () => gql(me, `{ instance { ${'needsSetup '.repeat(2000)} } }`), refused()],
  [
    'a query over the cost limit',
    () =>
      gql(
        me,
        '{ images(first: 200) { edges { node { id url prompt width height thumbnails { url size } } } } }',
      ),
    refused(),
  ],
  ['a syntax error', () => gql(me, '{ instance { needsSetup '), coded('GRAPHQL_PARSE_FAILED')],
  ['a body that is not JSON', () => postRaw(me, '{"query": "{ instance { needsSetup } }"'), refused(400)],
  [
    'a batch of operations',
    () =>
      postRaw(me, JSON.stringify([{ query: '{ instance { needsSetup } }' }, { query: '{ viewer { id } }' }])),
    refused(400),
  ],
  [
    'an operation name that is not in the document',
    () => postRaw(me, JSON.stringify({ query: '{ instance { needsSetup } }', operationName: 'Steal' })),
    refused(400),
  ],
  [
    'a mutation over GET',
    async () => {
      const response = await fetch(`${url}/graphql?query=${encodeURIComponent('mutation { signOut }')}`, {
        headers: me.headers(),
      });
      return { status: response.status, executed: false, text: await response.text() };
    },
    refused(405),
  ],
  [
    'a GET without the CSRF header',
    async () => {
      const response = await fetch(`${url}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`, {
        headers: { cookie: me.cookie! },
      });
      return { status: response.status, executed: false, text: await response.text() };
    },
    refused(403),
  ],
  [
    'a form post without the CSRF header',
    async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { cookie: me.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=mutation%20%7B%20signOut%20%7D',
      });
      return { status: response.status, executed: false, text: await response.text() };
    },
    refused(403),
  ],
];

const sockets: Case[] = [
  [
    'a connection_init over 64 KB',
    () => rawSocket(url, { frames: [hugeFrame('connection_init')] }),
    socketClosed(1009),
  ],
  [
    'a subscribe message over 64 KB',
    () =>
      rawSocket(url, {
        frames: [JSON.stringify({ type: 'connection_init', payload: {} }), hugeFrame('subscribe')],
      }),
    socketClosed(1009),
  ],
  [
    'a socket from a foreign origin',
    () => rawSocket(url, { headers: { origin: 'https://evil.example', cookie: me.cookie! } }),
    (answer) => {
      const outcome = answer as SocketOutcome;
      expect(outcome.opened).toBe(false);
      expect(outcome.refusedWith).toBeGreaterThanOrEqual(400);
      expect(outcome.refusedWith).toBeLessThan(500);
    },
  ],
  [
    'a frame that is not JSON',
    () => rawSocket(url, { frames: ['{"type": "connection_init"'] }),
    socketClosed(4400),
  ],
  [
    'a subscribe before connection_init',
    () =>
      rawSocket(url, {
        frames: [JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ viewer { id } }' } })],
      }),
    socketClosed(4401),
  ],
];

export const transportGroups: [string, Case[]][] = [
  ['GraphQL over HTTP', protocol],
  ['WebSocket', sockets],
];

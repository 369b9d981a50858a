import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import { canonicalAddress } from './address-policy';
import { pinnedLookup } from './pinned-lookup';
import type { ResolvedAddress } from './resolve-target';
import type { Target } from './target-url';
import { UrlFetchError } from './url-fetch-error';

/**
 * A request that can reach only the checked `addresses`: its lookup is pinned to them, it takes a
 * fresh connection (a pooled socket would carry no proof of where it leads), and, belt and braces,
 * the peer it connected to must be one of them or the request is destroyed.
 */
export function pinnedRequest(
  { url, host }: Target,
  addresses: readonly ResolvedAddress[],
  options: { method: 'GET' | 'POST'; headers: Record<string, string>; signal: AbortSignal },
): ClientRequest {
  const request = (url.protocol === 'https:' ? https : http).request({
    protocol: url.protocol,
    hostname: host,
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    method: options.method,
    headers: options.headers,
    agent: false,
    lookup: pinnedLookup(addresses),
    signal: options.signal,
  });
  const checked = new Set(addresses.map(({ address }) => canonicalAddress(address)));
  request.once('socket', (socket) => {
    socket.once('connect', () => {
      if (!checked.has(canonicalAddress(socket.remoteAddress ?? ''))) {
        request.destroy(
          new UrlFetchError(
            'FORBIDDEN_ADDRESS',
            `connected to ${socket.remoteAddress}, which was not checked`,
          ),
        );
      }
    });
  });
  return request;
}

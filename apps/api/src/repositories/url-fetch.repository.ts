import { isIP } from 'node:net';
import { exchange } from './url-fetch/exchange';
import { formatDuration } from './url-fetch/format';
import {
  resolveTarget,
  systemResolver,
  type AddressPolicy,
  type ResolvedAddress,
  type Resolver,
} from './url-fetch/resolve-target';
import { type PostAnswer, postExchange } from './url-fetch/post';
import { parseTarget, type Target } from './url-fetch/target-url';
import { UrlFetchError } from './url-fetch/url-fetch-error';

export { UrlFetchError, type UrlFetchErrorReason } from './url-fetch/url-fetch-error';
export type { PostAnswer } from './url-fetch/post';

/** Where a POST may go: the same address rules as `fetch`, and its own deadline. */
export interface UrlPostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** How much of the answer's body to read. */
  excerptBytes: number;
  resolve?: Resolver;
  allowAddresses?: readonly string[];
}

export interface FetchedResource {
  bytes: Buffer;
  contentType: string | null;
  /** Where the bytes came from, after redirects. */
  finalUrl: string;
}

export interface UrlFetchOptions {
  maxBytes: number;
  /** One deadline for everything: resolving, connecting, every redirect, headers and body. */
  timeoutMs: number;
  /** @default 3 */
  maxRedirects?: number;
  /** Aborting rejects with the signal's reason, as `fetch` does. */
  signal?: AbortSignal;
  /** Tests only: resolve names (default node:dns lookup, all addresses). */
  resolve?: Resolver;
  /** Tests only: allow these exact addresses although they are private (so tests can serve from loopback). */
  allowAddresses?: readonly string[];
  /** Refuse plain http (except on `trustedHosts`): provider results come over https. */
  httpsOnly?: boolean;
  /**
   * Hosts (`name` or `name:port`, as in the URL) fetched although they resolve to special
   * addresses or speak plain http: an operator's own result host, or a loopback fake in tests.
   */
  trustedHosts?: readonly string[];
}

const defaultMaxRedirects = 3;

/**
 * Fetches URLs that people supply (importing an image from a URL) without letting them reach
 * anything but public hosts: every hop's host is resolved once, every answer checked, and the
 * connection pinned to the checked addresses.
 */
export class UrlFetchRepository {
  constructor(private readonly defaults: Partial<UrlFetchOptions> = {}) {}

  async fetch(url: string, options: Partial<UrlFetchOptions> = {}): Promise<FetchedResource> {
    const { maxBytes, timeoutMs, ...rest } = { ...this.defaults, ...options };
    if (maxBytes === undefined || timeoutMs === undefined) {
      throw new TypeError('UrlFetchRepository needs maxBytes and timeoutMs');
    }
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort(
        new UrlFetchError('TIMEOUT', `the URL did not finish loading within ${formatDuration(timeoutMs)}`),
      );
    }, timeoutMs);
    const signal = rest.signal ? AbortSignal.any([rest.signal, deadline.signal]) : deadline.signal;
    try {
      return await follow(url, {
        maxBytes,
        maxRedirects: rest.maxRedirects ?? defaultMaxRedirects,
        policy: { resolve: rest.resolve ?? systemResolver, allowAddresses: rest.allowAddresses ?? [] },
        httpsOnly: rest.httpsOnly ?? false,
        trustedHosts: new Set((rest.trustedHosts ?? []).map((host) => host.toLowerCase())),
        signal,
      });
    } catch (error) {
      if (error instanceof UrlFetchError) throw error;
      if (signal.aborted) throw signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * POSTs to a URL someone supplied (a webhook endpoint), under the same rules as `fetch`: the host
 * resolved once, every answer checked, the connection pinned to the checked addresses. Whatever
 * the endpoint answers (redirects included, never followed) comes back; only failing to get an
 * answer throws.
 */
export async function postTo(url: string, options: UrlPostOptions): Promise<PostAnswer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const target = parseTarget(url);
  const policy = { resolve: options.resolve ?? systemResolver, allowAddresses: options.allowAddresses ?? [] };
  try {
    const addresses = await untilAborted(resolveTarget(target, policy), deadline);
    return await postExchange({
      target,
      addresses,
      headers: options.headers,
      body: options.body,
      excerptBytes: options.excerptBytes,
      signal: deadline,
    });
  } catch (error) {
    if (error instanceof UrlFetchError) throw error;
    if (deadline.aborted) {
      throw new UrlFetchError('TIMEOUT', `no answer within ${formatDuration(options.timeoutMs)}`);
    }
    throw error;
  }
}

/** Checks that a URL leads to a public host (resolving it), as `fetch` and `postTo` would; throws UrlFetchError. */
export async function checkPublicUrl(
  url: string,
  options: Pick<UrlPostOptions, 'resolve' | 'allowAddresses'> & { timeoutMs: number },
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const target = parseTarget(url);
  const policy = { resolve: options.resolve ?? systemResolver, allowAddresses: options.allowAddresses ?? [] };
  const deadline = AbortSignal.timeout(options.timeoutMs);
  try {
    return { url: target.url, addresses: await untilAborted(resolveTarget(target, policy), deadline) };
  } catch (error) {
    if (deadline.aborted && !(error instanceof UrlFetchError)) {
      throw new UrlFetchError(
        'TIMEOUT',
        `the host ${target.host} did not resolve within ${formatDuration(options.timeoutMs)}`,
      );
    }
    throw error;
  }
}

interface FollowOptions {
  maxBytes: number;
  maxRedirects: number;
  policy: AddressPolicy;
  httpsOnly: boolean;
  trustedHosts: ReadonlySet<string>;
  signal: AbortSignal;
}

async function follow(
  url: string,
  { maxBytes, maxRedirects, policy, httpsOnly, trustedHosts, signal }: FollowOptions,
): Promise<FetchedResource> {
  let target = parseTarget(url);
  for (let redirects = 0; ; redirects++) {
    signal.throwIfAborted();
    const trusted = trustedHosts.has(target.url.host.toLowerCase());
    // Each hop is a new host to check: a public page may redirect anywhere.
    const addresses = await untilAborted(
      trusted ? resolveUnchecked(target, policy.resolve) : resolveTarget(target, policy),
      signal,
    );
    if (httpsOnly && !trusted && target.url.protocol !== 'https:') {
      throw new UrlFetchError('INVALID_URL', `only https URLs are allowed, not ${target.url.protocol}`);
    }
    const result = await exchange({ target, addresses, maxBytes, signal });
    if (result.kind === 'body') {
      return { bytes: result.bytes, contentType: result.contentType, finalUrl: target.url.href };
    }
    if (redirects >= maxRedirects) {
      throw new UrlFetchError(
        'TOO_MANY_REDIRECTS',
        maxRedirects === 0
          ? 'the URL redirects, and redirects are not followed'
          : `the URL redirected more than ${maxRedirects} time${maxRedirects === 1 ? '' : 's'}`,
      );
    }
    target = parseTarget(result.location, target.url);
  }
}

async function resolveUnchecked(target: Target, resolve: Resolver): Promise<ResolvedAddress[]> {
  if (target.literal) return [{ address: target.host, family: isIP(target.host) === 6 ? 6 : 4 }];
  return resolve(target.host);
}

// DNS lookups cannot be cancelled; stop waiting for one when the deadline passes.
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

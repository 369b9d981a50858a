import type { IncomingMessage } from 'node:http';
import { pinnedRequest } from './pinned-request';
import { readBody } from './read-body';
import type { ResolvedAddress } from './resolve-target';
import type { Target } from './target-url';
import { UrlFetchError } from './url-fetch-error';

// Nothing that identifies a person or Atelier beyond the user agent: no cookies, no auth.
const requestHeaders = {
  'User-Agent': 'Atelier/1.0 (+image import)',
  Accept: 'image/*',
  'Accept-Encoding': 'identity',
};

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export type Exchange =
  { kind: 'redirect'; location: string } | { kind: 'body'; bytes: Buffer; contentType: string | null };

export interface ExchangeOptions {
  target: Target;
  /** Checked addresses: the only ones this exchange may connect to. */
  addresses: readonly ResolvedAddress[];
  maxBytes: number;
  signal: AbortSignal;
}

/** One GET to one checked address. Redirects are returned, not followed. */
export async function exchange({ target, addresses, maxBytes, signal }: ExchangeOptions): Promise<Exchange> {
  const { host } = target;
  const request = pinnedRequest(target, addresses, { method: 'GET', headers: requestHeaders, signal });

  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      request.once('response', resolve);
      // Stays attached: errors after the response arrive through the response stream instead.
      request.on('error', reject);
      request.end();
    });
    return await answer(response, maxBytes, signal);
  } catch (error) {
    if (error instanceof UrlFetchError) throw error;
    throw signal.aborted ? signal.reason : networkError(host, error);
  } finally {
    request.destroy();
  }
}

async function answer(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Exchange> {
  const status = response.statusCode ?? 0;
  if (redirectStatuses.has(status)) {
    const location = response.headers.location;
    if (!location) throw httpError(response, 'without saying where to');
    return { kind: 'redirect', location };
  }
  if (status < 200 || status > 299) throw httpError(response);
  const bytes = await readBody(response, maxBytes, signal);
  return { kind: 'body', bytes, contentType: response.headers['content-type'] ?? null };
}

function httpError(response: IncomingMessage, detail?: string): UrlFetchError {
  const status = response.statusCode ?? 0;
  const text = [status, response.statusMessage, detail].filter(Boolean).join(' ');
  return new UrlFetchError('HTTP_ERROR', `the server answered ${text}`, status);
}

const networkMessages: Record<string, (host: string) => string> = {
  ECONNREFUSED: (host) => `${host} refused the connection`,
  ECONNRESET: (host) => `the connection to ${host} was reset`,
  EHOSTUNREACH: (host) => `${host} cannot be reached`,
  ENETUNREACH: (host) => `${host} cannot be reached`,
  ERR_STREAM_PREMATURE_CLOSE: () => 'the connection closed before the whole response arrived',
};

export function networkError(host: string, error: unknown): UrlFetchError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const known = networkMessages[code];
  if (known) return new UrlFetchError('NETWORK', known(host));
  if (/CERT|TLS|SSL|EPROTO/.test(code)) {
    return new UrlFetchError('NETWORK', `the secure connection to ${host} failed (${code})`);
  }
  const detail = code || (error instanceof Error ? error.message : 'unknown error');
  return new UrlFetchError('NETWORK', `could not fetch from ${host} (${detail})`);
}

import { ProviderError } from './errors';
import type { ImageMime } from './image-provider';

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, otherwise the text. */
  body: unknown;
}

// Errors that prove the request never reached the server: safe to send again.
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * fetch with a deadline and the caller's abort signal. Network failures become ProviderErrors whose
 * `details.sent` says whether the server may have received the request (so a paid submit is only
 * retried when it provably never left).
 */
export async function request(
  url: string,
  init: RequestInit & { timeoutMs: number; signal: AbortSignal; provider: string },
): Promise<HttpResponse> {
  const { timeoutMs, signal, provider, ...rest } = init;
  const deadline = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { ...rest, redirect: 'manual', signal: AbortSignal.any([signal, deadline]) });
  } catch (error) {
    throw networkError(error, { signal, deadline, provider, timeoutMs });
  }
  const text = await response.text().catch((error: unknown) => {
    throw networkError(error, { signal, deadline, provider, timeoutMs, sent: true });
  });
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

function networkError(
  error: unknown,
  context: {
    signal: AbortSignal;
    deadline: AbortSignal;
    provider: string;
    timeoutMs: number;
    sent?: boolean;
  },
): ProviderError {
  if (context.signal.aborted) return new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
  if (context.deadline.aborted) {
    return new ProviderError({
      code: 'TIMEOUT',
      message: `${context.provider} did not answer within ${Math.round(context.timeoutMs / 1000)} s`,
      retryable: true,
      details: { sent: true },
    });
  }
  const code = (error as { cause?: { code?: string } }).cause?.code;
  const sent = context.sent ?? !(code && neverSentCodes.has(code));
  return new ProviderError({
    code: 'PROVIDER_UNAVAILABLE',
    message: `Could not reach ${context.provider}${code ? ` (${code})` : ''}`,
    retryable: true,
    details: { sent, ...(code && { networkCode: code }) },
  });
}

/** The most useful message in an error body, whatever shape the provider used. */
export function errorMessage(body: unknown, fallback: string): string {
  if (typeof body === 'string') return body.trim().slice(0, 500) || fallback;
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const detail = record.detail;
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail)) {
      const parts = detail
        .map((item) => {
          const entry = item as { loc?: unknown[]; msg?: string };
          return `${Array.isArray(entry.loc) ? entry.loc.join('.') : '?'}: ${entry.msg ?? 'invalid'}`;
        })
        .join('; ');
      if (parts) return parts;
    }
    for (const key of ['error', 'message', 'title']) {
      if (typeof record[key] === 'string') return record[key];
    }
  }
  return fallback;
}

/**
 * Fetches a result link with no credentials, deciding itself which hosts are safe to reach (the
 * API passes its SSRF-safe fetcher: any public https host). Fails with a ProviderError; one with
 * `details.status` 403, 404 or 410 means the link is dead.
 */
export type ResultFetcher = (
  url: string,
  options: { maxBytes: number; timeoutMs: number; signal: AbortSignal; provider: string },
) => Promise<Buffer>;

export interface DownloadOptions {
  /** Hosts the URL may point at: exact names, or `*.example.com` for any subdomain (and host:port for tests). */
  allowedHosts: readonly string[];
  /** When given, fetches the link instead of the built-in fetch, and `allowedHosts` is not consulted. */
  fetcher?: ResultFetcher;
  maxBytes: number;
  timeoutMs: number;
  signal: AbortSignal;
  provider: string;
  /** At most this many redirects, each to an allowed host. */
  maxRedirects?: number;
}

export function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  return allowedHosts.some((pattern) =>
    pattern.startsWith('*.') ? url.hostname.endsWith(pattern.slice(1)) && !url.port : pattern === host,
  );
}

/**
 * Downloads a result image at once (provider links expire), only from allowed hosts, never sending
 * credentials, with a size cap, and checks that the bytes really are PNG, JPEG or WebP.
 */
export async function downloadImage(
  location: string,
  options: DownloadOptions,
): Promise<{ bytes: Buffer; mime: ImageMime }> {
  if (options.fetcher) return checkedImage(await options.fetcher(location, options), options.provider);
  let url = new URL(location);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw invalidResult(options.provider, `a result link with scheme ${url.protocol}`);
    }
    if (!hostAllowed(url, options.allowedHosts)) {
      throw invalidResult(options.provider, `a result link on an unexpected host (${url.host})`);
    }
    const deadline = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.any([options.signal, deadline]),
      });
    } catch (error) {
      throw networkError(error, { ...options, deadline, sent: true });
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      if (hop >= (options.maxRedirects ?? 3)) throw invalidResult(options.provider, 'too many redirects');
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    if (response.status === 403 || response.status === 404 || response.status === 410) {
      throw new ProviderError({
        code: 'API_ERROR',
        message: `${options.provider}'s result link no longer works (HTTP ${response.status}); it may have expired`,
        retryable: false,
        details: { status: response.status },
      });
    }
    if (!response.ok || !response.body) {
      throw new ProviderError({
        code: 'PROVIDER_UNAVAILABLE',
        message: `Downloading the result from ${options.provider} failed (HTTP ${response.status})`,
        retryable: true,
        details: { status: response.status },
      });
    }
    return checkedImage(
      await readCapped(response.body, options.maxBytes, options.provider),
      options.provider,
    );
  }
}

function checkedImage(bytes: Buffer, provider: string): { bytes: Buffer; mime: ImageMime } {
  const mime = sniffImage(bytes);
  if (!mime) throw invalidResult(provider, 'a result that is not a PNG, JPEG or WebP image');
  return { bytes, mime };
}

async function readCapped(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  provider: string,
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw invalidResult(provider, `a result larger than ${Math.round(maxBytes / 1_048_576)} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function invalidResult(provider: string, what: string): ProviderError {
  return new ProviderError({ code: 'API_ERROR', message: `${provider} returned ${what}`, retryable: false });
}

/** Recognises an image by its first bytes, never by a name or a declared type. */
export function sniffImage(bytes: Buffer): ImageMime | null {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('ascii', 0, 4) === 'RIFF' &&
    bytes.toString('ascii', 8, 12) === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

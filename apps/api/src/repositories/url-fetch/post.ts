import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { networkError } from './exchange';
import { pinnedRequest } from './pinned-request';
import type { ResolvedAddress } from './resolve-target';
import type { Target } from './target-url';
import { UrlFetchError } from './url-fetch-error';

/** What an endpoint answered, whatever the status: redirects are answers too, never followed. */
export interface PostAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first `excerptBytes` of the body; the rest is not read. */
  excerpt: Buffer;
}

export interface PostExchangeOptions {
  target: Target;
  /** Checked addresses: the only ones this exchange may connect to. */
  addresses: readonly ResolvedAddress[];
  headers: Record<string, string>;
  body: string;
  excerptBytes: number;
  signal: AbortSignal;
}

/** One POST to one checked address. */
export async function postExchange(options: PostExchangeOptions): Promise<PostAnswer> {
  const { target, addresses, signal } = options;
  const { host } = target;
  const body = Buffer.from(options.body);
  const request = pinnedRequest(target, addresses, {
    method: 'POST',
    headers: { ...options.headers, 'Content-Length': String(body.length), 'Accept-Encoding': 'identity' },
    signal,
  });
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      request.once('response', resolve);
      request.on('error', reject);
      request.end(body);
    });
    return {
      status: response.statusCode ?? 0,
      headers: response.headers,
      excerpt: await readExcerpt(response, options.excerptBytes),
    };
  } catch (error) {
    if (error instanceof UrlFetchError) throw error;
    throw signal.aborted ? signal.reason : networkError(host, error);
  } finally {
    request.destroy();
  }
}

async function readExcerpt(response: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= limit) break;
    }
  } catch {
    // The status is the answer; a body cut short only shortens the excerpt.
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

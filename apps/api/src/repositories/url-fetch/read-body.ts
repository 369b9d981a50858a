import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { formatBytes } from './format';
import { UrlFetchError } from './url-fetch-error';

/**
 * The body, never more than `maxBytes` of it. We ask for identity encoding; a server that
 * compresses anyway is decoded here, with the cap counted on the decoded bytes so a small gzip
 * bomb stops at `maxBytes` like any other large body. The wire bytes are capped too, so
 * compressed padding (empty gzip members) cannot stream forever either.
 */
export async function readBody(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) throw tooLarge(maxBytes, declared);

  const decoder = decoderFor(response.headers['content-encoding']);
  const chunks: Buffer[] = [];
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  };
  if (decoder) {
    await pipeline(response, capped(maxBytes), decoder, capped(maxBytes), collect, { signal });
  } else {
    await pipeline(response, capped(maxBytes), collect, { signal });
  }
  if (!response.complete) {
    throw new UrlFetchError('NETWORK', 'the connection closed before the whole response arrived');
  }
  return Buffer.concat(chunks);
}

function decoderFor(header: string | undefined): Transform | null {
  const encoding = header?.trim().toLowerCase() ?? 'identity';
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new UrlFetchError(
        'HTTP_ERROR',
        `the server sent the body encoded as "${encoding}", which is not supported`,
      );
  }
}

function capped(maxBytes: number) {
  return async function* (source: AsyncIterable<Buffer>) {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      yield chunk;
    }
  };
}

function tooLarge(maxBytes: number, declared?: number): UrlFetchError {
  const said = declared === undefined ? '' : ` (the server says ${formatBytes(declared)})`;
  return new UrlFetchError('TOO_LARGE', `the response is larger than ${formatBytes(maxBytes)}${said}`);
}

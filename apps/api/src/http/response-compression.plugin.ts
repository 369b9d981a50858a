import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Below this a JSON answer goes as it is: compressing it saves less than the work costs. */
export const COMPRESS_FROM_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/**
 * Compresses GraphQL JSON answers of 1 KB and more with brotli or gzip, as the client accepts.
 * Streams (SSE, multipart) are never touched: a compressor holds small events back. Written here
 * rather than taken from `@whatwg-node/server`'s `useContentEncoding`, which compresses answers of
 * any size and also inflates compressed request bodies past the request size limit.
 */
export function useResponseCompression(): Plugin {
  return {
    async onResponse(payload) {
      const { request, response, fetchAPI } = payload;
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json') || response.headers.has('content-encoding') || !response.body) return;
      const encoding = acceptedEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return;
      // Small answers say their size: leave them as they are, unread and uncopied.
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared < COMPRESS_FROM_BYTES) return void response.headers.append('vary', 'accept-encoding');
      const body = Buffer.from(await response.arrayBuffer());
      const headers = new fetchAPI.Headers(response.headers);
      headers.append('vary', 'accept-encoding');
      const answer = (bytes: Buffer) =>
        payload.setResponse(
          new fetchAPI.Response(new Uint8Array(bytes), {
            status: response.status,
            statusText: response.statusText,
            headers,
          }),
        );
      if (body.length < COMPRESS_FROM_BYTES) return answer(body);
      const compressed =
        encoding === 'br'
          ? await brotli(body, {
              params: {
                // Quality 4 keeps most of the saving at a fraction of the default's (11) time.
                [constants.BROTLI_PARAM_QUALITY]: 4,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            })
          : await gzipped(body, { level: 6 });
      headers.set('content-encoding', encoding);
      headers.set('content-length', String(compressed.length));
      answer(compressed);
    },
  };
}

/** The best encoding the client accepts (brotli over gzip), honouring `q=0` refusals. */
export function acceptedEncoding(header: string | null): Encoding | null {
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

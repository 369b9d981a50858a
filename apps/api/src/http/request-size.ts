import { GraphQLError, type Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_IMPORT_BYTES } from '../repositories/media.repository';

/**
 * A GraphQL document, over HTTP and WebSocket. The token limit (graphql-armor) ignores whitespace and
 * comments, so without this a document of megabytes of them was parsed. The web app's largest document
 * is under 2 KB; 2,000 tokens of ordinary, indented GraphQL fit too. Below the WebSocket message cap
 * (64 KiB), so an over-long document fails its operation, not the socket.
 */
export const MAX_DOCUMENT_BYTES = 32 * 1024;

/**
 * A JSON (or other non-multipart) request body. The schema's largest requests carry long text in
 * their variables: a 1,000,000-character style preset document to import, a batch of 100 prompts of
 * 4,000 characters with negative prompts. Those fit with room for UTF-8 and JSON escapes; the web app's
 * everyday requests are a few kilobytes.
 */
export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

/**
 * A multipart body (an upload): the largest file an operation takes (importImage's 20 MB) with room
 * for the form, so that a file a little over its own limit still gets that field's typed refusal.
 * Below graphql-yoga's own 25 MB cap, which would answer with a different code.
 */
export const MAX_MULTIPART_BODY_BYTES = MAX_IMPORT_BYTES + 2 * 1024 * 1024;

/**
 * Limits are not named in the message, as armor's are not. A body refused unread leaves its rest on
 * the socket: `Connection: close` keeps a client from sending its next request down that socket.
 */
function tooLarge(what: string, unreadBody = false): GraphQLError {
  return new GraphQLError(`The ${what} is too large`, {
    extensions: {
      code: 'REQUEST_TOO_LARGE',
      http: { status: 413, ...(unreadBody && { headers: { connection: 'close' } }) },
    },
  });
}

/** Caps request bodies in bytes (by content type) and GraphQL documents, with a typed 413. */
export function useRequestSizeLimits(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const multipart = request.headers.get('content-type')?.toLowerCase().startsWith('multipart/');
      const limit = multipart ? MAX_MULTIPART_BODY_BYTES : MAX_JSON_BODY_BYTES;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        // Node reads no further than the declared length; yoga refuses a malformed one.
        if (Number(declared) > limit) throw tooLarge('request body', true);
        return;
      }
      if (!request.body || !requestParser) return;
      setRequestParser(async (chunked) =>
        requestParser(
          new fetchAPI.Request(chunked.url, {
            method: chunked.method,
            headers: chunked.headers,
            body: await readAtMost(chunked, limit),
          }),
        ),
      );
    },
    onParse({ params }) {
      const { source } = params as { source: string | Source };
      const text = typeof source === 'string' ? source : source.body;
      if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw tooLarge('GraphQL document');
    },
  };
}

/** A body sent without a length, read until it passes `limit`. */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge('request body', true);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** How far an upload has gone, in bytes. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

type XhrConstructor = new () => XMLHttpRequest;

function headersOf(init: RequestInit | undefined): [string, string][] {
  return [...new Headers(init?.headers).entries()];
}

/**
 * A `fetch` for one request that reports how much of the body has been sent (fetch cannot tell
 * that), so urql can send an upload through it and still cache the answer as any other mutation's.
 */
export function progressFetch(
  onProgress: (progress: UploadProgress) => void,
  Xhr: XhrConstructor = XMLHttpRequest,
): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new Xhr();
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      xhr.open(init?.method ?? 'GET', url);
      xhr.withCredentials = init?.credentials === 'include' || init?.credentials === 'same-origin';
      for (const [name, value] of headersOf(init)) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
      });
      xhr.addEventListener('load', () => {
        const headers = new Headers();
        const type = xhr.getResponseHeader('content-type');
        if (type) headers.set('content-type', type);
        const retryAfter = xhr.getResponseHeader('retry-after');
        if (retryAfter) headers.set('retry-after', retryAfter);
        resolve(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
      });
      xhr.addEventListener('error', () => reject(new TypeError('Network request failed')));
      xhr.addEventListener('abort', () => reject(new DOMException('The upload was stopped.', 'AbortError')));
      init?.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send((init?.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}

/**
 * The image origin (the fake "ideogram.ai"): serves the PNGs behind their signed, expiring links.
 * Downloads that carry API credentials are recorded as leaks, and refused in strict mode.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdeogramFakeState } from './fake-state';

export function serveImage(state: IdeogramFakeState, req: IncomingMessage, res: ServerResponse): void {
  state.downloads++;
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const leaked = ['api-key', 'authorization'].filter((name) => req.headers[name] !== undefined);
  for (const name of leaked) state.keyLeaks.push({ path: url.pathname, header: name });
  const plain = (status: number, text: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(text);
  };
  if (leaked.length > 0 && state.options.strictImageHost) {
    return plain(400, 'Credentials must not be sent to the image host');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Method Not Allowed');
  const match = /^\/api\/images\/ephemeral\/([A-Za-z0-9_-]+)\.png$/.exec(url.pathname);
  if (!match) return plain(404, 'Not Found');
  const id = match[1]!;
  const exp = Number(url.searchParams.get('exp'));
  if (!state.links.verify(id, exp, url.searchParams.get('sig') ?? '')) {
    return plain(403, 'Forbidden: invalid signature');
  }
  if (state.now() / 1000 > exp) {
    return plain(state.options.expiredLinkStatus ?? 403, 'Forbidden: the link has expired');
  }
  const image = state.links.get(id);
  if (!image) return plain(404, 'Not Found');
  if (image.failing) return plain(503, 'Service Unavailable');
  res.writeHead(200, {
    'content-type': 'image/png',
    'content-length': image.png.length,
    'cache-control': 'private, max-age=86400',
  });
  res.end(req.method === 'HEAD' ? undefined : image.png);
}

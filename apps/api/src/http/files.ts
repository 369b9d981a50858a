import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Viewer } from '@atelier/domain';
import type { DownloadService } from '../services/download.service';
import type { ImageService } from '../services/image.service';
import type { SharingService } from '../services/sharing.service';
import { attachment } from './content-disposition';

export const FILES_PREFIX = '/files/';

/**
 * Serves stored files to the owner of an image that uses them (with the `read` scope, when signed in
 * with an API token); to anyone else they do not exist. `?download=1` sends them as an attachment
 * named after the prompt, date and seed; `?format=webp` sends a full-size WebP copy instead.
 */
export function createFilesHandler(
  images: ImageService,
  sharing: SharingService,
  downloads: DownloadService,
  resolveViewer: (req: IncomingMessage) => Promise<Viewer | null>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const key = decodeURIComponent(url.pathname.slice(FILES_PREFIX.length));
    // Through a share link (?share=<token>) only while the link is valid; otherwise only to the owner.
    const share = url.searchParams.get('share');
    const viewer = share === null ? await resolveViewer(req) : null;
    const mayRead = viewer?.scopes.includes('read') ?? false;
    const opened =
      share !== null
        ? await sharing.openFile(share, key)
        : mayRead
          ? await images.openFile(viewer!, key)
          : null;
    const webp = url.searchParams.get('format') === 'webp';
    const file = opened && webp ? await downloads.webpOf(key, opened) : opened;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const download = url.searchParams.get('download') === '1';
    const name = !download
      ? null
      : share !== null
        ? await downloads.sharedFileName(share, key, file.mime)
        : await downloads.ownedFileName(viewer!, key, file.mime);
    const headers = {
      ...(name !== null && { 'content-disposition': attachment(name) }),
      // Files never change (content-addressed), but only their owner may see them: browser cache only.
      // A shared file must stop being served when its link is revoked: revalidate every time.
      'cache-control': share === null ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      etag: file.etag,
      'content-type': file.mime,
      'x-content-type-options': 'nosniff',
    };
    if (req.headers['if-none-match'] === file.etag) {
      file.stream.destroy();
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': file.bytes });
    if (req.method === 'HEAD') {
      file.stream.destroy();
      res.end();
      return;
    }
    await pipeline(file.stream, res);
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Viewer } from '@atelier/domain';
import { describeKey } from '../repositories/storage.repository';
import type { DownloadService } from '../services/download.service';
import type { ImageService } from '../services/image.service';
import type { SharingService } from '../services/sharing.service';
import { attachment } from './content-disposition';

export const FILES_PREFIX = '/files/';

/**
 * Serves stored files to the owner of an image that uses them (with the `read` scope, when signed in
 * with an API token); to anyone else they do not exist. `?download=1` sends them as an attachment
 * named after the prompt, date and seed; `?format=webp` sends a full-size WebP copy instead.
 * With presigned delivery (S3), a GET is answered by a redirect to a short-lived URL of the bucket,
 * made only after the same checks, and living no longer than the share link that allowed it.
 */
export function createFilesHandler(
  images: ImageService,
  sharing: SharingService,
  downloads: DownloadService,
  resolveViewer: (req: IncomingMessage) => Promise<Viewer | null>,
) {
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
    const webp = url.searchParams.get('format') === 'webp';
    const download = url.searchParams.get('download') === '1';
    // A presigned URL signs one method and one object: HEAD and the WebP copy are streamed.
    if (req.method === 'GET' && !webp && downloads.deliversPresigned()) {
      const access =
        share !== null
          ? await sharing.fileAccess(share, key)
          : mayRead && (await images.mayReadFile(viewer!, key))
            ? { until: null }
            : null;
      if (!access) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const mime = describeKey(key)?.mime ?? 'image/png';
      const name = !download
        ? null
        : share !== null
          ? await downloads.sharedFileName(share, key, mime)
          : await downloads.ownedFileName(viewer!, key, mime);
      const location = await downloads.presignedUrl(key, {
        ...(access.until && { maxSeconds: Math.floor((access.until.getTime() - Date.now()) / 1000) }),
        ...(name !== null && { contentDisposition: attachment(name) }),
      });
      if (location) {
        // Never kept: each request checks access again, so a revoked link gets no new URL.
        res.writeHead(302, { location, 'cache-control': 'private, no-store' }).end();
        return;
      }
      // No URL short enough for what is left of the link: stream it, as below.
    }
    const opened =
      share !== null
        ? await sharing.openFile(share, key)
        : mayRead
          ? await images.openFile(viewer!, key)
          : null;
    const file = opened && webp ? await downloads.webpOf(key, opened) : opened;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
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
  // A bucket that is away is a ServiceUnavailableError: server.ts answers it with 503 and Retry-After.
  return serve;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Viewer } from '@atelier/schema/context';
import type { ImageService } from '../services/image.service';

export const FILES_PREFIX = '/files/';

/** Serves stored files to the owner of an image that uses them; to anyone else they do not exist. */
export function createFilesHandler(
  images: ImageService,
  resolveViewer: (req: IncomingMessage) => Promise<Viewer | null>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(FILES_PREFIX.length));
    const viewer = await resolveViewer(req);
    const file = viewer ? await images.openFile(viewer, key) : null;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const headers = {
      'cache-control': 'public, max-age=31536000, immutable',
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

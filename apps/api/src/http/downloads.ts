import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidInputError, type Viewer } from '@atelier/domain';
import { ZipFile } from 'yazl';
import type { DownloadService, ZipPlan } from '../services/download.service';
import { attachment } from './content-disposition';

export const DOWNLOADS_PREFIX = '/downloads/';

const routes: [
  RegExp,
  (downloads: DownloadService, viewer: Viewer, id: string, url: URL) => Promise<ZipPlan | null>,
][] = [
  [
    /^images\.zip$/,
    (d, viewer, _, url) =>
      d.zipOfImages(
        viewer,
        (url.searchParams.get('ids') ?? '')
          .split(',')
          .filter(Boolean)
          .map((id) => localId('Image', id)),
      ),
  ],
  [/^collections\/([^/]+)\.zip$/, (d, viewer, id) => d.zipOfCollection(viewer, localId('Collection', id))],
  [/^batches\/([^/]+)\.zip$/, (d, viewer, id) => d.zipOfBatch(viewer, localId('Batch', id))],
];
const shared = /^shared\/([^/]+)\.zip$/;

/**
 * Zips streamed as they are read from storage, never held whole: a selection
 * (`images.zip?ids=a,b`), a collection, a batch, or what a collection share link shows. Each holds
 * the files named after their prompt, date and seed, and a `manifest.json` of how each was made.
 */
export function createDownloadsHandler(
  downloads: DownloadService,
  resolveViewer: (req: IncomingMessage) => Promise<Viewer | null>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    // Matched before decoding: a global id may hold a `/` (base64).
    const path = url.pathname.slice(DOWNLOADS_PREFIX.length);
    try {
      const plan = await planFor(downloads, path, url, req, resolveViewer);
      if (plan === 'unauthenticated') {
        refuse(res, 401, 'UNAUTHENTICATED', 'Sign in, or send an API token with the read scope');
      } else if (!plan) {
        refuse(res, 404, 'NOT_FOUND', 'Not found');
      } else {
        await streamZip(plan, res);
      }
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      refuse(res, 400, error.code, error.message, error.issues);
    }
  };
}

async function planFor(
  downloads: DownloadService,
  path: string,
  url: URL,
  req: IncomingMessage,
  resolveViewer: (req: IncomingMessage) => Promise<Viewer | null>,
): Promise<ZipPlan | null | 'unauthenticated'> {
  const token = shared.exec(path);
  if (token) return downloads.zipOfSharedCollection(decoded(token[1]!));
  const route = routes.find(([pattern]) => pattern.test(path));
  if (!route) return null;
  const viewer = await resolveViewer(req);
  if (!viewer?.scopes.includes('read')) return 'unauthenticated';
  return route[1](downloads, viewer, decoded(route[0].exec(path)![1] ?? ''), url);
}

async function streamZip(plan: ZipPlan, res: ServerResponse): Promise<void> {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  let reading: Readable | null = null;
  zip.on('error', (error: Error) => output.destroy(error));
  res.on('close', () => reading?.destroy());
  const mtime = new Date();
  zip.addBuffer(plan.manifest, 'manifest.json', { mtime });
  for (const entry of plan.entries) {
    // Images are compressed already: stored as they are, and opened one at a time as the zip reaches them.
    zip.addReadStreamLazy(entry.name, { compress: false, mtime }, (done) => {
      entry.open().then(
        (file) => {
          reading = file?.stream ?? null;
          if (file) done(null, file.stream);
          else done(new Error(`stored file of ${entry.name} is missing`), undefined as never);
        },
        (error: unknown) => done(error, undefined as never),
      );
    });
  }
  zip.end();
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': attachment(plan.name),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  await pipeline(output, res);
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** Takes ids as the GraphQL API gives them (global ids) or bare; a wrong type names nothing. */
function localId(type: string, id: string): string {
  if (/^[0-9a-f-]{36}$/i.test(id)) return id;
  const decoded = Buffer.from(id, 'base64').toString();
  return decoded.startsWith(`${type}:`) ? decoded.slice(type.length + 1) : '';
}

function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  issues: { path: (string | number)[]; message: string }[] = [],
): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(
    JSON.stringify({
      error: {
        code,
        message,
        fields: issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      },
    }),
  );
}

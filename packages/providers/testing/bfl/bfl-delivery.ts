/**
 * The delivery host: serves `result.sample` behind an opaque, expiring signed query string
 * (Azure-blob style 403 XML once expired or tampered with), with no CORS headers. A request that
 * carries `x-key` is recorded as a key leak, and refused in strict mode.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypes, insetFor, renderImage, type RenderedImage } from './bfl-images';
import type { BflRequestRecord } from './bfl-http';
import type { BflFakeTask } from './bfl-tasks';

export interface DeliveryOptions {
  signingKey: Buffer;
  now: () => number;
  ttlMs: () => number;
  strict: () => boolean;
  keyLeaks: BflRequestRecord[];
}

const blobError = (code: string, message: string) =>
  `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

export function createDelivery(options: DeliveryOptions) {
  const byPath = new Map<string, BflFakeTask>();
  const renders = new Map<string, Promise<RenderedImage>>();
  const signature = (value: string) =>
    createHmac('sha256', options.signingKey).update(value).digest('base64');

  /**
   * Starts painting a task's image as soon as it is submitted, as the real service works while the
   * task is pending: a download then costs only the transfer, not the rendering.
   */
  function render(task: BflFakeTask): Promise<RenderedImage> {
    let rendering = renders.get(task.id);
    if (!rendering) {
      const inset = insetFor(task.model, task.body, task.outputSize, task.renderScale);
      rendering = renderImage(task.prompt, task.seed, task.outputSize, task.outputFormat, inset);
      rendering.catch(() => undefined);
      renders.set(task.id, rendering);
    }
    return rendering;
  }

  /** Gives a Ready task its signed sample URL on `origin`, valid for the TTL from now. */
  function sign(task: BflFakeTask, origin: string): void {
    const blob = createHmac('sha256', options.signingKey).update(task.id).digest('hex').slice(0, 16);
    const extension = task.outputFormat === 'jpeg' ? 'jpg' : task.outputFormat;
    task.samplePath = `/results/${task.id.slice(0, 2)}/${blob}/${task.id}/sample.${extension}`;
    task.sampleExpiresAt = (task.terminalAt ?? options.now()) + options.ttlMs();
    const se = new Date(task.sampleExpiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = `se=${encodeURIComponent(se)}&sp=r&sv=2024-08-04&sr=b`;
    const sig = signature(`${task.samplePath}?${query}`);
    task.sample = `${origin}${task.samplePath}?${query}&sig=${encodeURIComponent(sig)}`;
    byPath.set(task.samplePath, task);
  }

  async function serve(
    req: IncomingMessage,
    url: URL,
    record: BflRequestRecord,
    res: ServerResponse,
  ): Promise<'sent' | 'reset'> {
    const text = (status: number, body: string, type = 'application/xml') => {
      record.status = status;
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return 'sent' as const;
    };
    if (record.key !== null) {
      options.keyLeaks.push(record);
      if (options.strict()) return text(400, 'x-key must not be sent to the delivery host', 'text/plain');
    }
    const task = byPath.get(url.pathname);
    if (req.method !== 'GET' || !task || task.sampleExpiresAt === null) {
      return text(404, blobError('BlobNotFound', 'The specified blob does not exist.'));
    }
    const given = Buffer.from(url.searchParams.get('sig') ?? '');
    const expected = Buffer.from(
      signature(`${url.pathname}?${url.search.slice(1).replace(/&sig=[^&]*$/, '')}`),
    );
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return text(403, blobError('AuthenticationFailed', 'Server failed to authenticate the request.'));
    }
    const now = options.now();
    if (now > task.sampleExpiresAt) {
      const window = `Expiry [${new Date(task.sampleExpiresAt).toUTCString()}] - Current [${new Date(now).toUTCString()}]`;
      return text(
        403,
        blobError('AuthenticationFailed', `Signature not valid in the specified time frame: ${window}`),
      );
    }
    task.downloads++;
    if (task.downloadFaultsLeft > 0 && task.scenario.downloadFault !== null) {
      task.downloadFaultsLeft--;
      if (task.scenario.downloadFault === 'reset') return 'reset';
      return text(task.scenario.downloadFault, blobError('ServerBusy', 'The server is busy.'));
    }
    const { bytes, renderer } = await render(task);
    task.renderer = renderer;
    record.status = 200;
    res.writeHead(200, {
      'content-type': contentTypes[task.outputFormat],
      'content-length': bytes.length,
      'cache-control': 'private, max-age=600',
    });
    res.end(bytes);
    return 'sent';
  }

  return { render, sign, serve };
}

/** HTTP plumbing of the fake: FastAPI-style JSON answers, body reading, the request log's shape. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BflHostRole } from './bfl-tasks';
import type { ValidationIssue } from './bfl-validation';

export interface BflRequestRecord {
  host: BflHostRole;
  method: string;
  path: string;
  query: URLSearchParams;
  /** The `x-key` sent, if any. */
  key: string | null;
  /** HTTP status answered, or `reset` when the connection was dropped. */
  status: number | 'reset' | null;
  at: number;
}

export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const detail = (status: number, message: string, headers?: Record<string, string>): Reply =>
  new Reply(status, { detail: message }, headers);
export const unprocessable = (issues: ValidationIssue[]): Reply => new Reply(422, { detail: issues });
export const notFound = (): Reply => detail(404, 'Not Found');
export const methodNotAllowed = (): Reply => detail(405, 'Method Not Allowed');
/** A 429, with `Retry-After` unless the fake is set to send none. */
export const tooManyRequests = (message: string, retryAfterSeconds: number | null): Reply =>
  detail(429, message, retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) });

export function sendJson(res: ServerResponse, record: BflRequestRecord, reply: Reply): void {
  record.status = reply.status;
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

const MAX_BODY_BYTES = 40 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) resolve(null);
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The parsed JSON body, or the answer FastAPI gives when it is too large or not JSON. */
export async function readJson(req: IncomingMessage): Promise<{ value: unknown } | Reply> {
  const raw = await readBody(req);
  if (raw === null) return detail(413, 'Request Entity Too Large');
  try {
    return { value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch (error) {
    return unprocessable([
      {
        type: 'json_invalid',
        loc: ['body', 0],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: error instanceof Error ? error.message : 'Expecting value' },
      },
    ]);
  }
}

/** mulberry32: small, seedable, good enough for ids and seeds. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function uuid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

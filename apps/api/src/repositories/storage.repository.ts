import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ServiceUnavailableError } from '@atelier/domain';

export type StoredMime = 'image/png' | 'image/jpeg' | 'image/webp';

const extensions: Record<StoredMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};
const mimeOf: Record<string, StoredMime> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };
const keyPattern = /^([0-9a-f]{2})\/([0-9a-f]{64})\.(png|jpg|webp)$/;

export interface StoredFile {
  stream: Readable;
  bytes: number;
  mime: StoredMime;
  /** The content hash: the same key always has the same bytes. */
  etag: string;
}

/** Where image bytes live. Keys are content addresses, so writes are idempotent and files immutable. */
export interface Storage {
  put(bytes: Buffer, mime: StoredMime): Promise<string>;
  open(key: string): Promise<StoredFile | null>;
  read(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  /** A rendition of the file at `key` (e.g. `webp`), kept beside it until the file is deleted. */
  openRendition(key: string, variant: RenditionVariant): Promise<StoredFile | null>;
  putRendition(key: string, variant: RenditionVariant, bytes: Buffer): Promise<void>;
  /** Whether a file can be written now (for readiness checks); never throws. */
  checkWritable(): Promise<boolean>;
  /**
   * A URL that fetches the file directly from the storage for `expiresInSeconds`, when the
   * storage can make one (S3); null when files can only be streamed through this server (disk).
   */
  presignedGet(key: string, options: PresignOptions): Promise<string | null>;
}

export interface PresignOptions {
  expiresInSeconds: number;
  /** A `Content-Disposition` for the response (a download's name). */
  contentDisposition?: string;
}

/** How long to tell a client to wait before trying again when the storage is away. */
const STORAGE_RETRY_SECONDS = 30;

/**
 * The storage could not be reached or refused the operation (not: the file is missing). Worth
 * retrying: a request meets it as a typed SERVICE_UNAVAILABLE (nothing done, try again), a job as a
 * retryable STORAGE_ERROR. `detail` (bucket and reason) is for the log, never for the client.
 */
export class StorageUnavailableError extends ServiceUnavailableError {
  readonly detail: string;

  constructor(detail: string, options?: { cause?: unknown }) {
    super(STORAGE_RETRY_SECONDS, 'The file storage');
    this.name = 'StorageUnavailableError';
    this.detail = detail;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export type RenditionVariant = 'webp';
export const renditionMime: Record<RenditionVariant, StoredMime> = { webp: 'image/webp' };
export const renditionVariants = Object.keys(renditionMime) as RenditionVariant[];

export function isStorageKey(key: string): boolean {
  return keyPattern.test(key);
}

/** The content address of `bytes`: `ab/<sha256>.<ext>`. */
export function contentKey(bytes: Buffer, mime: StoredMime): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  return `${hash.slice(0, 2)}/${hash}.${extensions[mime]}`;
}

/** What a key says about its file: its type and its ETag (the content hash), or null for a bad key. */
export function describeKey(key: string): { mime: StoredMime; etag: string } | null {
  const match = keyPattern.exec(key);
  if (!match) return null;
  return { mime: mimeOf[match[3] ?? ''] ?? 'image/png', etag: `"${match[2]}"` };
}

/**
 * Where a rendition of the file at `key` lives, relative to the storage's root (a path on disk, an
 * object key in a bucket): addressed by the source's content hash, since the same source always
 * has the same rendition.
 */
export function renditionKeyOf(key: string, variant: RenditionVariant): string | null {
  const match = keyPattern.exec(key);
  if (!match) return null;
  return `renditions/${match[1]}/${match[2]}.${variant}`;
}

export function renditionEtag(key: string, variant: RenditionVariant): string {
  return `"${keyPattern.exec(key)![2]}-${variant}"`;
}

/** The file a disk storage writes to answer `checkWritable` (not a stored file: never copied). */
export const DISK_WRITABLE_CHECK = '.writable-check';

export class DiskStorage implements Storage {
  constructor(private readonly root: string) {}

  async put(bytes: Buffer, mime: StoredMime): Promise<string> {
    const key = contentKey(bytes, mime);
    const path = join(this.root, key);
    if (await exists(path)) return key;
    await writeAtomically(path, bytes);
    return key;
  }

  async open(key: string): Promise<StoredFile | null> {
    const facts = describeKey(key);
    if (!facts) return null;
    const path = join(this.root, key);
    const info = await stat(path).catch(() => null);
    if (!info) return null;
    return { stream: createReadStream(path), bytes: info.size, ...facts };
  }

  async read(key: string): Promise<Buffer | null> {
    if (!isStorageKey(key)) return null;
    return readFile(join(this.root, key)).catch(() => null);
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await rm(join(this.root, key), { force: true });
    await Promise.all(
      renditionVariants.map((variant) => rm(this.renditionPath(key, variant), { force: true })),
    );
  }

  private renditionPath(key: string, variant: RenditionVariant): string {
    return join(this.root, renditionKeyOf(key, variant)!);
  }

  async openRendition(key: string, variant: RenditionVariant): Promise<StoredFile | null> {
    if (!isStorageKey(key)) return null;
    const path = this.renditionPath(key, variant);
    const info = await stat(path).catch(() => null);
    if (!info) return null;
    return {
      stream: createReadStream(path),
      bytes: info.size,
      mime: renditionMime[variant],
      etag: renditionEtag(key, variant),
    };
  }

  async putRendition(key: string, variant: RenditionVariant, bytes: Buffer): Promise<void> {
    if (!isStorageKey(key)) return;
    await writeAtomically(this.renditionPath(key, variant), bytes);
  }

  async checkWritable(): Promise<boolean> {
    try {
      await writeAtomically(join(this.root, DISK_WRITABLE_CHECK), Buffer.from(new Date().toISOString()));
      return true;
    } catch {
      return false;
    }
  }

  /** Files on disk are only ever streamed through this server. */
  async presignedGet(): Promise<string | null> {
    return null;
  }
}

// Write aside, flush, then rename: a reader never sees half a file, even after a crash.
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type StoredMime = 'image/png' | 'image/jpeg' | 'image/webp';

const extensions: Record<StoredMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};
const mimeOf: Record<string, StoredMime> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };
const keyPattern = /^([0-9a-f]{2})\/([0-9a-f]{64})\.(png|jpg|webp)$/;

export interface StoredFile {
  stream: ReadStream;
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
}

export type RenditionVariant = 'webp';
const renditionMime: Record<RenditionVariant, StoredMime> = { webp: 'image/webp' };

export function isStorageKey(key: string): boolean {
  return keyPattern.test(key);
}

export class DiskStorage implements Storage {
  constructor(private readonly root: string) {}

  async put(bytes: Buffer, mime: StoredMime): Promise<string> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const key = `${hash.slice(0, 2)}/${hash}.${extensions[mime]}`;
    const path = join(this.root, key);
    if (await exists(path)) return key;
    await writeAtomically(path, bytes);
    return key;
  }

  async open(key: string): Promise<StoredFile | null> {
    const match = keyPattern.exec(key);
    if (!match) return null;
    const path = join(this.root, key);
    const info = await stat(path).catch(() => null);
    if (!info) return null;
    return {
      stream: createReadStream(path),
      bytes: info.size,
      mime: mimeOf[match[3] ?? ''] ?? 'image/png',
      etag: `"${match[2]}"`,
    };
  }

  async read(key: string): Promise<Buffer | null> {
    if (!isStorageKey(key)) return null;
    return readFile(join(this.root, key)).catch(() => null);
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await rm(join(this.root, key), { force: true });
    await Promise.all(
      (Object.keys(renditionMime) as RenditionVariant[]).map((variant) =>
        rm(this.renditionPath(key, variant), { force: true }),
      ),
    );
  }

  // Addressed by the source's content hash: the same source always has the same rendition.
  private renditionPath(key: string, variant: RenditionVariant): string {
    const [, prefix, hash] = keyPattern.exec(key)!;
    return join(this.root, 'renditions', prefix!, `${hash}.${variant}`);
  }

  async openRendition(key: string, variant: RenditionVariant): Promise<StoredFile | null> {
    const match = keyPattern.exec(key);
    if (!match) return null;
    const path = this.renditionPath(key, variant);
    const info = await stat(path).catch(() => null);
    if (!info) return null;
    return {
      stream: createReadStream(path),
      bytes: info.size,
      mime: renditionMime[variant],
      etag: `"${match[2]}-${variant}"`,
    };
  }

  async putRendition(key: string, variant: RenditionVariant, bytes: Buffer): Promise<void> {
    if (!isStorageKey(key)) return;
    await writeAtomically(this.renditionPath(key, variant), bytes);
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

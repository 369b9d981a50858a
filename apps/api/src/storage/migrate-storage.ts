import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { S3Storage } from '../repositories/s3-storage.repository';
import { describeKey, DISK_WRITABLE_CHECK } from '../repositories/storage.repository';

/** Files copied at once. */
const PARALLEL_COPIES = 4;

export interface MigrationTotals {
  files: number;
  bytes: number;
}

export interface MigrationReport {
  /** Every stored file found on disk. */
  found: MigrationTotals;
  /** Copied to the bucket (with --dry-run: would be copied). */
  copied: MigrationTotals;
  /** Already in the bucket with the same size and SHA-256: left as they are. */
  present: MigrationTotals;
  /** Not copied, or copied but not read back whole: the migration is not finished. */
  failed: { key: string; reason: string }[];
}

export interface MigrationOptions {
  /** The disk storage's root: `<data dir>/files`. */
  sourceDir: string;
  target: S3Storage;
  dryRun: boolean;
  /** Called after each file, for a progress line. */
  onFile?(key: string, outcome: 'copied' | 'present' | 'failed'): void;
}

/**
 * Copies every file of a disk storage (originals, thumbnails, renditions: everything under its
 * root) to a bucket under the same keys. Files already there with the same size and SHA-256 are
 * skipped, so a run that stopped can be run again. Each copy is read back and its SHA-256 compared
 * with the file's; a content-addressed file whose bytes do not match its own name is refused, not
 * copied. Nothing is deleted on either side, and nothing switches storage.
 */
export async function migrateDiskToS3(options: MigrationOptions): Promise<MigrationReport> {
  const report: MigrationReport = {
    found: { files: 0, bytes: 0 },
    copied: { files: 0, bytes: 0 },
    present: { files: 0, bytes: 0 },
    failed: [],
  };
  const keys = await storedKeys(options.sourceDir);
  let next = 0;
  const copyNext = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++]!;
      const outcome = await copyOne(options, key, report).catch((error: unknown) => {
        report.failed.push({ key, reason: error instanceof Error ? error.message : String(error) });
        return 'failed' as const;
      });
      options.onFile?.(key, outcome);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_COPIES }, copyNext));
  report.failed.sort((a, b) => a.key.localeCompare(b.key));
  return report;
}

async function copyOne(
  options: MigrationOptions,
  key: string,
  report: MigrationReport,
): Promise<'copied' | 'present' | 'failed'> {
  const bytes = await readFile(join(options.sourceDir, key));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const add = (totals: MigrationTotals) => {
    totals.files += 1;
    totals.bytes += bytes.length;
  };
  add(report.found);
  const named = describeKey(key);
  if (named && named.etag !== `"${sha256}"`) {
    report.failed.push({
      key,
      reason: 'the file on disk does not match its content hash (damaged): not copied',
    });
    return 'failed';
  }
  const there = await options.target.head(key);
  if (there && there.bytes === bytes.length && there.sha256 === sha256) {
    add(report.present);
    return 'present';
  }
  if (options.dryRun) {
    add(report.copied);
    return 'copied';
  }
  // An object there without the right recorded hash is written again: only a hash is proof.
  await options.target.write(key, bytes, contentTypeOf(key), { overwrite: true });
  const readBack = await options.target.readObject(key);
  if (!readBack || createHash('sha256').update(readBack).digest('hex') !== sha256) {
    report.failed.push({ key, reason: 'the copy read back from the bucket differs from the file' });
    return 'failed';
  }
  add(report.copied);
  return 'copied';
}

/** Every file under `root` as a storage key (`/`-separated), leaving out temporaries and the writability probe. */
export async function storedKeys(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((key) => key !== DISK_WRITABLE_CHECK && !key.endsWith('.tmp'))
    .sort();
}

function contentTypeOf(key: string): string {
  if (key.endsWith('.png')) return 'image/png';
  if (key.endsWith('.jpg')) return 'image/jpeg';
  if (key.endsWith('.webp')) return 'image/webp';
  return 'application/octet-stream';
}

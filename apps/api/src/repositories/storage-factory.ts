import { join } from 'node:path';
import { S3Storage, type S3Settings } from './s3-storage.repository';
import { DiskStorage, type Storage } from './storage.repository';

/** Where image bytes go: files under the data directory (default), or an S3-compatible bucket. */
export type StorageSettings = { kind: 'disk' } | ({ kind: 's3' } & S3Settings);

/** How owners receive files at /files: streamed through this server, or redirected to a short-lived presigned URL. */
export type FilesDelivery = { mode: 'stream' } | { mode: 'presigned'; seconds: number };

export function createStorage(
  settings: StorageSettings,
  dataDir: string,
): Storage & { close?(): Promise<void> } {
  return settings.kind === 's3' ? new S3Storage(settings) : new DiskStorage(diskFilesDir(dataDir));
}

/** Where a disk storage keeps its files: `files/` under the data directory. */
export function diskFilesDir(dataDir: string): string {
  return join(dataDir, 'files');
}

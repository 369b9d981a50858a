import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3Storage } from '../src/repositories/s3-storage.repository';
import { DiskStorage } from '../src/repositories/storage.repository';
import { migrateDiskToS3 } from '../src/storage/migrate-storage';
import { startS3Server, type S3TestServer } from './support/s3-server';

const run = promisify(execFile);

let s3: S3TestServer;
let dataDir: string;
let disk: DiskStorage;
let bucket: S3Storage;

beforeEach(async () => {
  s3 = await startS3Server();
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-migrate-'));
  disk = new DiskStorage(join(dataDir, 'files'));
  bucket = new S3Storage({
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: s3.bucket,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
  });
});
afterEach(async () => {
  await bucket.close();
  await s3.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A data directory as a server leaves it: originals, thumbnails, a WebP rendition, a probe, a temporary. */
async function storedFiles(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const [text, mime] of [
    ['an original png', 'image/png'],
    ['an original jpeg', 'image/jpeg'],
    ['a thumbnail', 'image/webp'],
  ] as const) {
    const bytes = Buffer.from(text.repeat(50));
    files.set(await disk.put(bytes, mime), bytes);
  }
  const [original] = files.keys();
  const rendition = Buffer.from('a full-size webp copy');
  await disk.putRendition(original!, 'webp', rendition);
  files.set(`renditions/${original!.slice(0, 2)}/${original!.slice(3, 67)}.webp`, rendition);
  expect(await disk.checkWritable()).toBe(true);
  await writeFile(join(dataDir, 'files', `${original!}.abc123.tmp`), 'half a write');
  return files;
}

const total = (files: Map<string, Buffer>) =>
  [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0);

describe('storage:migrate --to s3', () => {
  it('says what a dry run would copy, and copies nothing', async () => {
    const files = await storedFiles();

    const report = await migrateDiskToS3({ sourceDir: join(dataDir, 'files'), target: bucket, dryRun: true });

    expect(report.found).toEqual({ files: files.size, bytes: total(files) });
    expect(report.copied).toEqual({ files: files.size, bytes: total(files) });
    expect(report.failed).toEqual([]);
    expect(await s3.listObjects()).toEqual([]);
  });

  it('copies every stored file under its key, verified, and the bucket serves them', async () => {
    const files = await storedFiles();

    const report = await migrateDiskToS3({
      sourceDir: join(dataDir, 'files'),
      target: bucket,
      dryRun: false,
    });

    expect(report.copied).toEqual({ files: files.size, bytes: total(files) });
    expect(report.failed).toEqual([]);
    const objects = await s3.listObjects();
    expect(objects.map((object) => object.key).sort()).toEqual([...files.keys()].sort());
    for (const [key, bytes] of files) expect((await bucket.readObject(key))!.equals(bytes)).toBe(true);
    const [original] = files.keys();
    const rendition = await bucket.openRendition(original!, 'webp');
    expect(rendition).toMatchObject({ mime: 'image/webp', bytes: 'a full-size webp copy'.length });
    rendition!.stream.destroy();
  });

  it('resumes: skips what is already there with the same hash, copies the rest', async () => {
    const files = await storedFiles();
    const sourceDir = join(dataDir, 'files');
    await migrateDiskToS3({ sourceDir, target: bucket, dryRun: false });
    const [, second] = files.keys();
    await bucket.delete(second!);

    const again = await migrateDiskToS3({ sourceDir, target: bucket, dryRun: false });

    expect(again.copied).toEqual({ files: 1, bytes: files.get(second!)!.length });
    expect(again.present.files).toBe(files.size - 1);
    expect((await bucket.read(second!))!.equals(files.get(second!)!)).toBe(true);
    const third = await migrateDiskToS3({ sourceDir, target: bucket, dryRun: true });
    expect(third.copied.files).toBe(0);
  });

  it('replaces an object of the right size but other bytes, and refuses a damaged file on disk', async () => {
    const files = await storedFiles();
    const sourceDir = join(dataDir, 'files');
    const [first, second] = files.keys();
    // Same key and size in the bucket, other bytes, no recorded hash: as a failed tool might leave it.
    const wrong = Buffer.alloc(files.get(first!)!.length, 0x21);
    await s3Put(first!, wrong);
    // On disk, bytes that no longer match the content address in their name.
    await writeFile(join(sourceDir, second!), 'bit rot');

    const report = await migrateDiskToS3({ sourceDir, target: bucket, dryRun: false });

    expect((await bucket.read(first!))!.equals(files.get(first!)!)).toBe(true);
    expect(report.failed).toEqual([
      { key: second!, reason: expect.stringMatching(/does not match its content hash/) },
    ]);
    expect(await bucket.read(second!)).toBeNull();
  });

  it('runs as a command, refusing a missing --to and naming a missing variable', async () => {
    await storedFiles();
    const cli = join(import.meta.dirname, '../src/storage/migrate-storage.cli.ts');
    const tsx = join(import.meta.dirname, '../node_modules/.bin/tsx');
    const env = {
      PATH: process.env.PATH, // eslint-disable-line no-process-env -- the child needs to find node
      ATELIER_DATA_DIR: dataDir,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: s3.region,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: '1',
    };

    const dry = await run(tsx, [cli, '--to', 's3', '--dry-run'], { env });
    expect(dry.stdout).toMatch(/Would copy: 4 files/);
    const copy = await run(tsx, [cli, '--to', 's3'], { env });
    expect(copy.stdout).toMatch(/Copied and verified \(SHA-256 read back\): 4 files/);
    expect(copy.stdout).toMatch(/Nothing was switched: set ATELIER_STORAGE=s3/);
    expect((await s3.listObjects()).length).toBe(4);

    await expect(run(tsx, [cli], { env })).rejects.toMatchObject({ code: 2, stderr: /--to must be s3/ });
    const { S3_BUCKET: _bucket, ...withoutBucket } = env;
    await expect(run(tsx, [cli, '--to', 's3'], { env: withoutBucket })).rejects.toMatchObject({
      code: 2,
      stderr: /S3_BUCKET: required when ATELIER_STORAGE=s3/,
    });
  }, 60_000);
});

/** An object written behind Atelier's back (no recorded hash). */
async function s3Put(key: string, bytes: Buffer): Promise<void> {
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: true,
  });
  await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: bytes }));
  client.destroy();
  expect(
    createHash('sha256')
      .update(await readFile(join(dataDir, 'files', key)))
      .digest('hex'),
  ).not.toBe(createHash('sha256').update(bytes).digest('hex'));
}

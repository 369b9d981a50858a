import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageRecord, Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import type { App } from '../../src/app';

let counter = 0;

export interface ImageOverrides {
  prompt?: string;
  provider?: string;
  model?: string;
  tags?: string[];
  createdAt?: Date;
  blobKey?: string;
  starred?: boolean;
  operation?: ImageRecord['operation'];
  /** The real size and type of the file `blobKey` names, when it names one. */
  width?: number;
  height?: number;
  mime?: string;
}

/** An image row as if generated earlier (no job); its blob key points nowhere unless given. */
export async function newImage(
  app: App,
  owner: Viewer,
  overrides: ImageOverrides = {},
): Promise<ImageRecord> {
  counter += 1;
  const hash = counter.toString(16).padStart(64, '0');
  const row = await app.db
    .insertInto('image')
    .values({
      ownerId: owner.id,
      blobKey: overrides.blobKey ?? `${hash.slice(0, 2)}/${hash}.png`,
      width: overrides.width ?? 512,
      height: overrides.height ?? 512,
      mime: overrides.mime ?? 'image/png',
      bytes: 1000,
      prompt: overrides.prompt ?? `factory image ${counter}`,
      provider: overrides.provider ?? 'local',
      model: overrides.model ?? 'procedural-v1',
      params: JSON.stringify({}),
      seed: counter,
      tags: overrides.tags ?? [],
      ...(overrides.createdAt && { createdAt: overrides.createdAt }),
      ...(overrides.starred && { starred: true }),
      ...(overrides.operation && { operation: overrides.operation }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [image] = await app.services.images.loadMany(owner, [row.id]);
  return image!;
}

/** Rows and stored files that a rejected request must not leave behind. */
export async function countRows(
  app: App,
  dataDir?: string,
): Promise<{ jobs: number; images: number; files: number }> {
  const { rows } = await sql<{ jobs: number; images: number }>`
    select (select count(*) from job)::int as jobs, (select count(*) from image)::int as images`.execute(
    app.db,
  );
  return { ...rows[0]!, files: dataDir ? countFiles(join(dataDir, 'files')) : 0 };
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).length;
}

export function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64');
}

export function localId(globalJobOrImageId: string): string {
  return Buffer.from(globalJobOrImageId, 'base64').toString().split(':')[1] ?? '';
}

export async function taskExists(app: App, jobId: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from graphile_worker._private_jobs where key = ${`job:${jobId}`}`.execute(
    app.db,
  );
  return rows[0]!.n > 0;
}

/** A finished batch of the owner's that made `images` (item i made images[i]). */
export async function newBatch(app: App, owner: Viewer, images: readonly ImageRecord[]): Promise<string> {
  const batch = await app.db
    .insertInto('batch')
    .values({
      ownerId: owner.id,
      kind: 'PROMPTS',
      title: 'factory batch',
      input: JSON.stringify({ items: [] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, image] of images.entries()) {
    const job = await app.db
      .insertInto('job')
      .values({
        ownerId: owner.id,
        kind: 'GENERATE',
        provider: image.provider,
        input: JSON.stringify({ prompt: image.prompt }),
        status: 'SUCCEEDED',
        batchId: batch.id,
        batchIndex: index,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.db.updateTable('image').set({ jobId: job.id }).where('id', '=', image.id).execute();
  }
  return batch.id;
}

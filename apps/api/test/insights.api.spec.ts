import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';

/*
 * Insights against jobs and images made by factories: each figure, the filters, who sees what.
 * Ranges of 24 hours read raw rows, longer ones the daily rollup the job-ended trigger keeps: the
 * same figures must come out of both.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});

afterAll(async () => {
  await stack?.close();
});

interface AttemptSpec {
  provider: string;
  model?: string;
  outcome: string;
  latencyMs: number;
  costUsd?: number | null;
}

interface JobSpec {
  provider: string;
  model: string;
  kind?: string;
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELED';
  queueMs?: number;
  totalMs?: number;
  attempts?: AttemptSpec[];
  errorCode?: string;
  images?: number;
  origin?: string;
  presetId?: string;
  templateId?: string;
  prompt?: string;
  batchId?: string;
  /** How long ago it was asked for. */
  agoMs?: number;
}

let batchIndex = 0;

/** A minute ago, but never before today's UTC midnight: the tests count today's rows. */
function recently(): Date {
  const now = Date.now();
  return new Date(Math.max(now - 60_000, now - (now % 86_400_000)));
}

/** A job that ended, with its images, as a worker would leave it (the trigger sees it end). */
async function endedJob(owner: Viewer, spec: JobSpec): Promise<{ id: string; imageIds: string[] }> {
  const createdAt = spec.agoMs === undefined ? recently() : new Date(Date.now() - spec.agoMs);
  const queueMs = spec.queueMs ?? 100;
  const totalMs = spec.totalMs ?? 1000;
  const attempts = (
    spec.attempts ?? [
      {
        provider: spec.provider,
        outcome: spec.status === 'SUCCEEDED' ? 'SUCCEEDED' : (spec.errorCode ?? 'API_ERROR'),
        latencyMs: totalMs - queueMs,
      },
    ]
  ).map((attempt) => ({
    provider: attempt.provider,
    model: attempt.model ?? spec.model,
    outcome: attempt.outcome,
    message: null,
    startedAt: createdAt.toISOString(),
    finishedAt: createdAt.toISOString(),
    latencyMs: attempt.latencyMs,
    costUsd: attempt.costUsd ?? null,
    withheld: 0,
  }));
  const job = await stack.app.db
    .insertInto('job')
    .values({
      ownerId: owner.id,
      kind: spec.kind ?? 'GENERATE',
      provider: spec.provider,
      origin: spec.origin ?? 'WEB',
      batchId: spec.batchId ?? null,
      batchIndex: spec.batchId ? (batchIndex += 1) : null,
      input: JSON.stringify({
        prompt: spec.prompt ?? 'a lighthouse',
        provider: attempts[0]?.provider ?? spec.provider,
        model: spec.model,
        ...(spec.presetId && { presetId: spec.presetId }),
        ...(spec.templateId && { template: { id: spec.templateId, version: 1, values: {} } }),
      }),
      createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const imageIds: string[] = [];
  for (let i = 0; i < (spec.images ?? (spec.status === 'SUCCEEDED' ? 1 : 0)); i += 1) {
    const image = await newImage(stack.app, owner, {
      provider: spec.provider,
      model: spec.model,
      prompt: spec.prompt ?? 'a lighthouse',
    });
    await stack.app.db
      .updateTable('image')
      .set({ jobId: job.id, createdAt, ...(spec.templateId && { templateId: spec.templateId }) })
      .where('id', '=', image.id)
      .execute();
    imageIds.push(image.id);
  }
  await stack.app.db
    .updateTable('job')
    .set({
      status: spec.status,
      attempts: JSON.stringify(attempts),
      startedAt: new Date(createdAt.getTime() + queueMs),
      finishedAt: new Date(createdAt.getTime() + totalMs),
      ...(spec.status === 'FAILED' && {
        error: JSON.stringify({
          code: spec.errorCode ?? 'API_ERROR',
          message: 'no',
          retryable: false,
          details: {},
        }),
      }),
    })
    .where('id', '=', job.id)
    .execute();
  return { id: job.id, imageIds };
}

const FIGURES = /* GraphQL */ `
  query ($range: InsightsRangeInput!, $filter: InsightsFilterInput, $scope: InsightsScope) {
    insights(range: $range, filter: $filter, scope: $scope) {
      scope
      from
      until
      volume {
        day
        provider
        operation
        jobs
        images
      }
      speed {
        provider
        model
        jobs
        queueWaitP50Ms
        queueWaitP95Ms
        providerP50Ms
        providerP95Ms
        totalP50Ms
        totalP95Ms
      }
      speedOverTime {
        day
        provider
        totalP50Ms
        totalP95Ms
      }
      reliability {
        provider
        model
        jobs
        succeeded
        failed
        canceled
        successRate
        retries
        fallbacks
      }
      failures {
        code
        count
      }
      fallbackFinishers {
        firstProvider
        finishedBy
        jobs
      }
      cost {
        day
        provider
        model
        costUsd
        images
      }
      costSummary {
        totalUsd
        perImageUsd
        monthToDateUsd
        projectedMonthUsd
      }
      costByPerson {
        userId
        name
        costUsd
        images
      }
      keepRate {
        dimension
        key
        label
        images
        starred
        tagged
        collected
        downloaded
        shared
        reused
        trashed
        keepRate
      }
      topPrompts {
        prompt
        uses
        keepRate
      }
      topTemplates {
        id
        name
        uses
        keepRate
      }
      topPresets {
        id
        name
        uses
        keepRate
      }
      batchComparisons {
        batchId
        provider
        jobs
        totalP50Ms
        costUsd
        keepRate
      }
    }
  }
`;

async function insights(viewer: Viewer, variables: Record<string, unknown>) {
  const answer = await stack.graphql(viewer, FIGURES, variables);
  expect(answer.errors ?? []).toEqual([]);
  return answer.data.insights;
}

const RAW = { preset: 'LAST_24_HOURS' };
const ROLLUP = { preset: 'LAST_7_DAYS' };
const today = () => `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
/**
 * Speed percentiles come from histograms of log-spaced buckets (≤ 20 ms, then ×1.3 each): the
 * precision promised is one bucket, so an estimate is at most the width of the bucket holding the
 * true value away from it (±30% of that bucket's lower bound).
 */
const bucketWidth = (ms: number) => {
  const b = ms <= 20 ? 0 : Math.ceil(Math.log(ms / 20) / Math.log(1.3));
  return b === 0 ? 20 : 20 * 1.3 ** b - 20 * 1.3 ** (b - 1);
};
const near = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(bucketWidth(expected));
};

describe('insights of one person', () => {
  let me: Viewer;

  beforeAll(async () => {
    me = await stack.newUser('Figures');
    // Twenty local jobs of 100…2000 ms in all, each waiting 50 ms, each making 2 images.
    for (let i = 1; i <= 20; i += 1) {
      await endedJob(me, {
        provider: 'local',
        model: 'procedural-v1',
        status: 'SUCCEEDED',
        queueMs: 50,
        totalMs: 100 * i,
        images: 2,
      });
    }
    await endedJob(me, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'SUCCEEDED',
      attempts: [{ provider: 'flux', outcome: 'SUCCEEDED', latencyMs: 900, costUsd: 0.025 }],
    });
    await endedJob(me, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'SUCCEEDED',
      kind: 'VARIATION',
      attempts: [{ provider: 'flux', outcome: 'SUCCEEDED', latencyMs: 900, costUsd: 0.035 }],
    });
    await endedJob(me, { provider: 'flux', model: 'flux-dev', status: 'FAILED', errorCode: 'RATE_LIMIT' });
    await endedJob(me, { provider: 'flux', model: 'flux-dev', status: 'FAILED', errorCode: 'RATE_LIMIT' });
    await endedJob(me, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'FAILED',
      errorCode: 'CONTENT_FILTER',
    });
    await endedJob(me, { provider: 'flux', model: 'flux-dev', status: 'CANCELED', images: 0 });
    // Flux refused twice (one retry), then the chain moved to Ideogram, which finished it.
    await endedJob(me, {
      provider: 'ideogram',
      model: 'V_3',
      status: 'SUCCEEDED',
      origin: 'API',
      attempts: [
        { provider: 'flux', model: 'flux-dev', outcome: 'API_ERROR', latencyMs: 100, costUsd: null },
        { provider: 'flux', model: 'flux-dev', outcome: 'API_ERROR', latencyMs: 100, costUsd: null },
        { provider: 'ideogram', outcome: 'SUCCEEDED', latencyMs: 700, costUsd: 0.08 },
      ],
    });
  });

  it.each([
    ['raw rows', RAW],
    ['the daily rollup', ROLLUP],
  ])('counts jobs and images per day, provider and operation (%s)', async (_source, range) => {
    const figures = await insights(me, { range });
    expect(figures.scope).toBe('PERSON');
    expect(figures.volume).toEqual([
      { day: today(), provider: 'flux', operation: 'GENERATE', jobs: 5, images: 1 },
      { day: today(), provider: 'flux', operation: 'VARIATION', jobs: 1, images: 1 },
      { day: today(), provider: 'ideogram', operation: 'GENERATE', jobs: 1, images: 1 },
      { day: today(), provider: 'local', operation: 'GENERATE', jobs: 20, images: 40 },
    ]);
  });

  it.each([
    ['raw rows', RAW],
    ['the daily rollup', ROLLUP],
  ])('estimates p50 and p95 of queue wait, provider time and total time (%s)', async (_source, range) => {
    const figures = await insights(me, { range });
    const local = figures.speed.find((row: { provider: string }) => row.provider === 'local');
    expect(local.jobs).toBe(20);
    near(local.queueWaitP50Ms, 50);
    near(local.totalP50Ms, 1000);
    near(local.totalP95Ms, 1900);
    near(local.providerP50Ms, 950);
    near(local.providerP95Ms, 1850);
    const overTime = figures.speedOverTime.find((point: { provider: string }) => point.provider === 'local');
    near(overTime.totalP50Ms, 1000);
  });

  it('tells success rate, retries, fallbacks, failures by code and who finished after a fallback', async () => {
    const figures = await insights(me, { range: ROLLUP });
    const flux = figures.reliability.find((row: { provider: string }) => row.provider === 'flux');
    expect(flux).toMatchObject({ model: 'flux-dev', jobs: 6, succeeded: 2, failed: 3, canceled: 1 });
    expect(flux.successRate).toBeCloseTo(2 / 6, 6);
    const ideogram = figures.reliability.find((row: { provider: string }) => row.provider === 'ideogram');
    expect(ideogram).toMatchObject({ jobs: 1, succeeded: 1, retries: 1, fallbacks: 1, successRate: 1 });
    expect(figures.failures).toEqual([
      { code: 'RATE_LIMIT', count: 2 },
      { code: 'CONTENT_FILTER', count: 1 },
    ]);
    expect(figures.fallbackFinishers).toEqual([{ firstProvider: 'flux', finishedBy: 'ideogram', jobs: 1 }]);
  });

  it('sums cost per day, provider and model, per image, for the month and at its pace', async () => {
    const figures = await insights(me, { range: ROLLUP });
    const flux = figures.cost.find((row: { provider: string }) => row.provider === 'flux');
    expect(flux.costUsd).toBeCloseTo(0.06, 9);
    expect(flux.images).toBe(2);
    const { costSummary } = figures;
    expect(costSummary.totalUsd).toBeCloseTo(0.14, 9);
    expect(costSummary.perImageUsd).toBeCloseTo(0.14 / 43, 9);
    expect(costSummary.monthToDateUsd).toBeCloseTo(0.14, 9);
    const now = new Date();
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    const expected = 0.14 / ((now.getTime() - start) / (end - start));
    expect(Math.abs(costSummary.projectedMonthUsd - expected) / expected).toBeLessThan(0.01);
    expect(figures.costByPerson).toEqual([]);
  });

  it('narrows every figure by provider, operation and origin', async () => {
    const flux = await insights(me, { range: ROLLUP, filter: { providers: ['flux'] } });
    expect(flux.volume.map((v: { provider: string }) => v.provider)).toEqual(['flux', 'flux']);
    expect(flux.costSummary.totalUsd).toBeCloseTo(0.06, 9);
    const variations = await insights(me, { range: RAW, filter: { operations: ['VARIATION'] } });
    expect(variations.volume).toEqual([
      { day: today(), provider: 'flux', operation: 'VARIATION', jobs: 1, images: 1 },
    ]);
    const api = await insights(me, { range: ROLLUP, filter: { origins: ['API'] } });
    expect(api.reliability.map((r: { provider: string }) => r.provider)).toEqual(['ideogram']);
    expect(
      api.keepRate
        .filter((k: { dimension: string }) => k.dimension === 'PROVIDER')
        .map((k: { key: string }) => k.key),
    ).toEqual(['ideogram']);
  });
});

describe('keep rate', () => {
  it('counts starred, tagged, collected, downloaded, shared and re-used images as kept, trashed ones never', async () => {
    const me = await stack.newUser('Keeper');
    const { imageIds } = await endedJob(me, {
      provider: 'ideogram',
      model: 'V_3',
      status: 'SUCCEEDED',
      images: 8,
      prompt: 'a red fox',
    });
    const [starred, tagged, collected, downloaded, shared, reused, trashed, plain] = imageIds as [
      string,
      ...string[],
    ];
    const db = stack.app.db;
    await db.updateTable('image').set({ starred: true }).where('id', 'in', [starred, trashed!]).execute();
    await db
      .updateTable('image')
      .set({ tags: ['keep'] })
      .where('id', '=', tagged!)
      .execute();
    await db.updateTable('image').set({ deletedAt: new Date() }).where('id', '=', trashed!).execute();
    const collection = await db
      .insertInto('collection')
      .values({ ownerId: me.id, name: 'Best' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('collectionImage')
      .values({ collectionId: collection.id, imageId: collected!, position: 1 })
      .execute();
    const [file] = await db
      .selectFrom('image')
      .select(['blobKey', 'mime'])
      .where('id', '=', downloaded!)
      .execute();
    await stack.app.downloads.ownedFileName(me, file!.blobKey, file!.mime);
    await stack.app.services.sharing.create(me, {
      imageId: shared!,
      collectionId: null,
      expiresAt: null,
      hideParams: false,
    });
    const child = await newImage(stack.app, me, { operation: 'VARIATION' });
    await db.updateTable('image').set({ parentImageId: reused! }).where('id', '=', child.id).execute();
    await stack.app.repositories.imageEvents.flush();

    const figures = await insights(me, { range: RAW, filter: { providers: ['ideogram'] } });
    const row = figures.keepRate.find((k: { dimension: string }) => k.dimension === 'PROVIDER');
    expect(row).toEqual({
      dimension: 'PROVIDER',
      key: 'ideogram',
      label: 'ideogram',
      images: 8,
      starred: 2,
      tagged: 1,
      collected: 1,
      downloaded: 1,
      shared: 1,
      reused: 1,
      trashed: 1,
      keepRate: 6 / 8,
    });
    expect(plain).toBeDefined();
    expect(figures.topPrompts).toEqual([{ prompt: 'a red fox', uses: 1, keepRate: 6 / 8 }]);

    const inCollection = await insights(me, {
      range: ROLLUP,
      filter: { collectionId: globalId('Collection', collection.id) },
    });
    expect(inCollection.volume).toEqual([
      { day: today(), provider: 'ideogram', operation: 'GENERATE', jobs: 1, images: 8 },
    ]);
    expect(inCollection.keepRate.find((k: { dimension: string }) => k.dimension === 'PROVIDER').images).toBe(
      1,
    );
  });

  it('records an opened share link as an event of the image', async () => {
    const me = await stack.newUser('Sharer');
    const image = await newImage(stack.app, me);
    const link = await stack.app.services.sharing.create(me, {
      imageId: image.id,
      collectionId: null,
      expiresAt: null,
      hideParams: false,
    });
    await stack.app.services.sharing.open(link.token);
    await stack.app.repositories.imageEvents.flush();
    const { rows } = await sql<{ kind: string; ownerId: string }>`
      select kind, owner_id from image_event where image_id = ${image.id}`.execute(stack.app.db);
    expect(rows).toEqual([{ kind: 'SHARE_OPEN', ownerId: me.id }]);
  });
});

describe('top lists and compare batches', () => {
  it('ranks templates and presets by use with their keep rate, and sums compare batches per provider', async () => {
    const me = await stack.newUser('Ranker');
    const db = stack.app.db;
    const template = await db
      .insertInto('promptTemplate')
      .values({ ownerId: me.id, name: 'Portrait' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const preset = await db
      .insertInto('stylePreset')
      .values({ ownerId: me.id, name: 'Noir', settings: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const batch = await db
      .insertInto('batch')
      .values({ ownerId: me.id, kind: 'COMPARE', title: 'compare', input: JSON.stringify({ items: [] }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await endedJob(me, {
      provider: 'local',
      model: 'procedural-v1',
      status: 'SUCCEEDED',
      templateId: template.id,
      batchId: batch.id,
      origin: 'BATCH',
      totalMs: 1000,
      attempts: [{ provider: 'local', outcome: 'SUCCEEDED', latencyMs: 900, costUsd: 0 }],
    });
    await endedJob(me, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'SUCCEEDED',
      templateId: template.id,
      batchId: batch.id,
      origin: 'BATCH',
      totalMs: 3000,
      attempts: [{ provider: 'flux', outcome: 'SUCCEEDED', latencyMs: 2900, costUsd: 0.04 }],
    });
    await endedJob(me, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'SUCCEEDED',
      presetId: preset.id,
      images: 2,
    });
    await db.updateTable('image').set({ starred: true }).where('id', '=', a.imageIds[0]!).execute();

    const figures = await insights(me, { range: ROLLUP });
    expect(figures.topTemplates).toEqual([
      { id: globalId('PromptTemplate', template.id), name: 'Portrait', uses: 2, keepRate: 0.5 },
    ]);
    expect(figures.topPresets).toEqual([
      { id: globalId('StylePreset', preset.id), name: 'Noir', uses: 1, keepRate: 0 },
    ]);
    expect(figures.keepRate.find((k: { dimension: string }) => k.dimension === 'PRESET')).toMatchObject({
      key: globalId('StylePreset', preset.id),
      label: 'Noir',
      images: 2,
    });
    expect(figures.batchComparisons).toEqual([
      {
        batchId: globalId('Batch', batch.id),
        provider: 'flux',
        jobs: 1,
        totalP50Ms: 3000,
        costUsd: 0.04,
        keepRate: 0,
      },
      {
        batchId: globalId('Batch', batch.id),
        provider: 'local',
        jobs: 1,
        totalP50Ms: 1000,
        costUsd: 0,
        keepRate: 1,
      },
    ]);
    const presetOnly = await insights(me, {
      range: ROLLUP,
      filter: { presetIds: [globalId('StylePreset', preset.id)] },
    });
    expect(presetOnly.volume).toEqual([
      { day: today(), provider: 'flux', operation: 'GENERATE', jobs: 1, images: 2 },
    ]);
    const batchOnly = await insights(me, {
      range: RAW,
      filter: { origins: ['BATCH'], templateIds: [globalId('PromptTemplate', template.id)] },
    });
    expect(batchOnly.volume.map((v: { jobs: number }) => v.jobs)).toEqual([1, 1]);
  });
});

describe('who sees what', () => {
  let alice: Viewer;
  let bob: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    alice = await stack.newUser('Alice');
    bob = await stack.newUser('Bob');
    admin = await stack.newUser('Admin');
    admin.role = 'ADMIN';
    await endedJob(alice, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'SUCCEEDED',
      attempts: [{ provider: 'flux', outcome: 'SUCCEEDED', latencyMs: 500, costUsd: 0.5 }],
    });
    await endedJob(bob, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'SUCCEEDED',
      images: 3,
      attempts: [{ provider: 'flux', outcome: 'SUCCEEDED', latencyMs: 500, costUsd: 1.25 }],
    });
  });

  it("never counts another person's jobs", async () => {
    const figures = await insights(alice, { range: ROLLUP });
    expect(figures.costSummary.totalUsd).toBeCloseTo(0.5, 9);
    expect(figures.volume).toEqual([
      { day: today(), provider: 'flux', operation: 'GENERATE', jobs: 1, images: 1 },
    ]);
  });

  it('refuses the whole instance to a person who is not an admin', async () => {
    const answer = await stack.graphql(alice, FIGURES, { range: ROLLUP, scope: 'INSTANCE' });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(answer.data).toBeNull();
  });

  it('shows an admin everyone, and the spend per person', async () => {
    const figures = await insights(admin, {
      range: ROLLUP,
      scope: 'INSTANCE',
      filter: { providers: ['flux'], models: ['flux-dev'] },
    });
    expect(figures.scope).toBe('INSTANCE');
    const byPerson = new Map(
      figures.costByPerson.map((p: { name: string; costUsd: number; images: number }) => [p.name, p]),
    );
    expect(byPerson.get('Alice')).toMatchObject({ userId: alice.id, costUsd: 0.5, images: 1 });
    expect(byPerson.get('Bob')).toMatchObject({ userId: bob.id, costUsd: 1.25, images: 3 });
    const mine = await insights(admin, { range: ROLLUP });
    expect(mine.volume).toEqual([]);
  });
});

/** A person's rollup rows of today, and the whole instance's, in a stable order. */
async function rollupRows(owner: Viewer) {
  const day = new Date().toISOString().slice(0, 10);
  const mine = await stack.app.db
    .selectFrom('insightsDaily')
    .selectAll()
    .where('ownerId', '=', owner.id)
    .where('day', '=', new Date(day))
    .orderBy(['provider', 'model', 'operation', 'origin', 'firstProvider', 'errorCode'])
    .execute();
  const { rows: everyone } = await sql`
    select * from insights_daily_all where day = ${day}::date
    order by provider, model, operation, origin, preset_id, template_id, first_provider, error_code`.execute(
    stack.app.db,
  );
  return { mine, everyone };
}

describe('the daily rollup', () => {
  it('adds each ended job once, and the rollup task recomputing the day finds the same figures', async () => {
    const me = await stack.newUser('Incremental');
    const first = await endedJob(me, {
      provider: 'local',
      model: 'procedural-v1',
      status: 'SUCCEEDED',
      totalMs: 400,
      images: 2,
    });
    await endedJob(me, { provider: 'local', model: 'procedural-v1', status: 'SUCCEEDED', totalMs: 3000 });
    await endedJob(me, {
      provider: 'flux',
      model: 'flux-dev',
      status: 'FAILED',
      errorCode: 'RATE_LIMIT',
      attempts: [{ provider: 'flux', outcome: 'RATE_LIMIT', latencyMs: 300, costUsd: 0.01 }],
    });
    // Later updates of an ended job (a worker releasing it, say) must not count it again.
    await stack.app.db.updateTable('job').set({ stage: 'released' }).where('id', '=', first.id).execute();

    const added = await rollupRows(me);
    const local = added.mine.find((row) => row.provider === 'local')!;
    expect(local).toMatchObject({ jobs: 2, images: 3, succeeded: 2 });
    expect(local.totalHist.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(added.mine.find((row) => row.provider === 'flux')).toMatchObject({
      jobs: 1,
      failed: 1,
      errorCode: 'RATE_LIMIT',
      costUsd: '0.01',
    });

    const day = new Date().toISOString().slice(0, 10);
    await stack.app.repositories.insights.refreshDays(day, day);
    expect(await rollupRows(me)).toEqual(added);

    // A job ending after the recompute adds to the recomputed row, and a second recompute agrees.
    await endedJob(me, { provider: 'local', model: 'procedural-v1', status: 'SUCCEEDED', totalMs: 500 });
    const again = await rollupRows(me);
    expect(again.mine.find((row) => row.provider === 'local')).toMatchObject({ jobs: 3, images: 4 });
    await stack.app.repositories.insights.refreshDays(day, day);
    expect(await rollupRows(me)).toEqual(again);
  });

  it("keeps the whole instance's rollup equal to the sum of everyone's", async () => {
    const ann = await stack.newUser('Ann');
    const ben = await stack.newUser('Ben');
    await endedJob(ann, {
      provider: 'ideogram',
      model: 'V_3',
      status: 'SUCCEEDED',
      origin: 'MCP',
      images: 2,
    });
    await endedJob(ben, {
      provider: 'ideogram',
      model: 'V_3',
      status: 'SUCCEEDED',
      origin: 'MCP',
      images: 1,
    });
    const day = new Date().toISOString().slice(0, 10);
    const { rows } = await sql<{ differing: number }>`
      select count(*)::int as differing from (
        select provider, model, operation, origin, preset_id, template_id, first_provider, error_code,
          sum(jobs)::int as jobs, sum(images)::int as images, sum(cost_usd) as cost_usd
        from insights_daily where day = ${day}::date
        group by provider, model, operation, origin, preset_id, template_id, first_provider, error_code
        except
        select provider, model, operation, origin, preset_id, template_id, first_provider, error_code, jobs, images, cost_usd
        from insights_daily_all where day = ${day}::date
      ) d`.execute(stack.app.db);
    expect(rows[0]!.differing).toBe(0);
    const { rows: mcp } = await sql<{ jobs: number; images: number }>`
      select sum(jobs)::int as jobs, sum(images)::int as images from insights_daily_all
      where day = ${day}::date and provider = 'ideogram' and origin = 'MCP'`.execute(stack.app.db);
    expect(mcp[0]).toEqual({ jobs: 2, images: 3 });
  });

  it('reads keep signals from the rollup once the task has run, and a change after it at once', async () => {
    const me = await stack.newUser('Rolled keeper');
    const admin = await stack.newUser('Rollup admin');
    admin.role = 'ADMIN';
    const { imageIds } = await endedJob(me, {
      provider: 'flux',
      model: 'flux-crane',
      status: 'SUCCEEDED',
      images: 4,
      prompt: 'a paper crane',
    });
    const db = stack.app.db;
    await db.updateTable('image').set({ starred: true }).where('id', '=', imageIds[0]!).execute();
    const keepRow = async () => {
      const figures = await insights(me, { range: ROLLUP });
      return {
        provider: figures.keepRate.find((k: { dimension: string }) => k.dimension === 'PROVIDER'),
        prompts: figures.topPrompts,
      };
    };
    const dirty = async () =>
      (
        await db
          .selectFrom('insightsKeepDirty')
          .select('day')
          .distinct()
          .where('ownerId', '=', me.id)
          .execute()
      ).length;

    expect(await dirty()).toBe(1);
    const raw = await keepRow();
    expect(raw.provider).toMatchObject({ key: 'flux', images: 4, starred: 1, keepRate: 0.25 });
    expect(raw.prompts).toEqual([{ prompt: 'a paper crane', uses: 1, keepRate: 0.25 }]);

    // The whole instance reads the keep rollup as the task left it.
    const instance = async () => {
      const figures = await insights(admin, {
        range: ROLLUP,
        scope: 'INSTANCE',
        filter: { models: ['flux-crane'] },
      });
      return figures.keepRate.find((k: { dimension: string }) => k.dimension === 'PROVIDER');
    };
    expect(await instance()).toBeUndefined();

    while ((await stack.app.repositories.insights.refreshKeep(100)) > 0);
    expect(await dirty()).toBe(0);
    expect(await keepRow()).toEqual(raw);
    expect(await instance()).toEqual(raw.provider);

    await db.updateTable('image').set({ deletedAt: new Date() }).where('id', '=', imageIds[0]!).execute();
    await db
      .updateTable('image')
      .set({ tags: ['best'] })
      .where('id', 'in', [imageIds[1]!, imageIds[2]!])
      .execute();
    expect(await dirty()).toBe(1);
    expect((await keepRow()).provider).toMatchObject({ starred: 1, tagged: 2, trashed: 1, keepRate: 0.5 });
    expect(await instance()).toEqual(raw.provider);
    while ((await stack.app.repositories.insights.refreshKeep(100)) > 0);
    expect((await keepRow()).provider).toMatchObject({ starred: 1, tagged: 2, trashed: 1, keepRate: 0.5 });
    expect(await instance()).toEqual((await keepRow()).provider);
  });

  it('is healed by the rollup task from the raw rows', async () => {
    const me = await stack.newUser('Healed');
    await endedJob(me, { provider: 'local', model: 'procedural-v1', status: 'SUCCEEDED', images: 3 });
    await stack.app.db.deleteFrom('insightsDaily').where('ownerId', '=', me.id).execute();
    expect((await insights(me, { range: ROLLUP })).volume).toEqual([]);
    const day = new Date().toISOString().slice(0, 10);
    await stack.app.repositories.insights.refreshDays(day, day);
    expect((await insights(me, { range: ROLLUP })).volume).toEqual([
      { day: today(), provider: 'local', operation: 'GENERATE', jobs: 1, images: 3 },
    ]);
  });
});

describe('ranges', () => {
  it.each([
    ['a preset and from', { preset: 'LAST_7_DAYS', from: '2026-01-01T00:00:00Z' }, 'range.preset'],
    ['neither', {}, 'range.preset'],
    ['from without until', { from: '2026-01-01T00:00:00Z' }, 'range.until'],
    ['until before from', { from: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 'range.until'],
    ['more than 366 days', { from: '2024-01-01T00:00:00Z', until: '2025-06-01T00:00:00Z' }, 'range.until'],
  ])('refuses %s, naming the field', async (_what, range, path) => {
    const me = await stack.newUser();
    const answer = await stack.graphql(me, FIGURES, { range });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(answer.errors?.[0])).toContain(path);
  });

  it('takes a custom range', async () => {
    const me = await stack.newUser();
    await endedJob(me, {
      provider: 'local',
      model: 'procedural-v1',
      status: 'SUCCEEDED',
      agoMs: 3 * 24 * 3_600_000,
    });
    const from = new Date(Date.now() - 4 * 24 * 3_600_000).toISOString();
    const until = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString();
    const figures = await insights(me, { range: { from, until } });
    expect(figures.volume.map((v: { jobs: number }) => v.jobs)).toEqual([1]);
    expect(figures.from).toBe(from);
  });
});

describe('origin', () => {
  it('records a job asked for in the web app as WEB', async () => {
    const me = await stack.newUser();
    const answer = await stack.graphql(
      me,
      `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { ... on Job { id } } }`,
      { input: { prompt: 'a quiet harbour', provider: 'local', count: 1, width: 256, height: 256 } },
    );
    const id = Buffer.from(answer.data.generateImages.id, 'base64').toString().split(':')[1]!;
    const job = await stack.app.db
      .selectFrom('job')
      .select('origin')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(job.origin).toBe('WEB');
  });
});

import {
  DomainError,
  type FieldIssue,
  type ImageOperation,
  type InsightsDimension,
  type InsightsFilter,
  type InsightsRangeInput,
  type InsightsRecord,
  type InsightsScope,
  InvalidInputError,
  type Viewer,
} from '@atelier/domain';
import type { InsightsRepository, KeepCountsRow } from '../repositories/insights.repository';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRESET_SPAN: Record<NonNullable<InsightsRangeInput['preset']>, number> = {
  LAST_24_HOURS: DAY,
  LAST_7_DAYS: 7 * DAY,
  LAST_30_DAYS: 30 * DAY,
  LAST_90_DAYS: 90 * DAY,
};
const MAX_SPAN = 366 * DAY;
/** Ranges longer than this read the daily rollup (whole UTC days); shorter ones every job. */
const ROLLUP_FROM = 2 * DAY;

/** Bounds of histogram bucket `b` (see the insights migration: ×1.3 from 20 ms). */
function bucketBounds(b: number): [number, number] {
  return b === 0 ? [0, 20] : [20 * 1.3 ** (b - 1), 20 * 1.3 ** b];
}

/** The `p` quantile of a bucketed histogram, interpolated inside its bucket; null when empty. */
export function quantileOf(hist: readonly number[] | null, p: number): number | null {
  if (!hist) return null;
  const total = hist.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = p * total;
  let before = 0;
  for (const [b, count] of hist.entries()) {
    if (count > 0 && before + count >= rank) {
      const [lo, hi] = bucketBounds(b);
      return Math.round(lo + ((hi - lo) * Math.max(0, rank - before)) / count);
    }
    before += count;
  }
  return null;
}

const rate = (kept: number, images: number) => (images === 0 ? 0 : kept / images);

/**
 * Insights: what each provider, model, preset and template costs, how fast and how good it is.
 * A person sees their own jobs and images; an admin may ask for the whole instance.
 */
export class InsightsService {
  constructor(private readonly deps: { insights: InsightsRepository; now?: () => Date }) {}

  async insights(
    viewer: Viewer,
    range: InsightsRangeInput,
    filter: InsightsFilter,
    scope: InsightsScope,
  ): Promise<InsightsRecord> {
    if (scope === 'INSTANCE' && viewer.role !== 'ADMIN') {
      throw new DomainError('FORBIDDEN', 'Only an admin sees the whole instance');
    }
    const now = this.deps.now?.() ?? new Date();
    const { from, until } = resolveRange(range, now);
    const window = {
      ownerId: scope === 'PERSON' ? viewer.id : null,
      from,
      until,
      filter,
      rollup: until.getTime() - from.getTime() > ROLLUP_FROM && !filter.collectionId,
    };
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const [jobs, images] = await Promise.all([
      this.deps.insights.jobFigures(window, monthStart),
      this.deps.insights.imageFigures(window),
    ]);
    const labels = await this.labels(images.keep);
    const elapsed = (now.getTime() - monthStart.getTime()) / (monthEnd.getTime() - monthStart.getTime());
    return {
      scope,
      from,
      until,
      volume: jobs.volume.map((v) => ({
        ...v,
        day: new Date(v.day),
        operation: v.operation as ImageOperation,
      })),
      speed: jobs.speed.map((s) => ({
        provider: s.provider,
        model: s.model,
        jobs: s.jobs,
        queueWaitP50Ms: quantileOf(s.queueHist, 0.5),
        queueWaitP95Ms: quantileOf(s.queueHist, 0.95),
        providerP50Ms: quantileOf(s.providerHist, 0.5),
        providerP95Ms: quantileOf(s.providerHist, 0.95),
        totalP50Ms: quantileOf(s.totalHist, 0.5),
        totalP95Ms: quantileOf(s.totalHist, 0.95),
      })),
      speedOverTime: jobs.speedOverTime.map((s) => ({
        day: new Date(s.day),
        provider: s.provider,
        totalP50Ms: quantileOf(s.totalHist, 0.5),
        totalP95Ms: quantileOf(s.totalHist, 0.95),
      })),
      reliability: jobs.reliability.map((r) => ({ ...r, successRate: rate(r.succeeded, r.jobs) })),
      failures: jobs.failures,
      fallbackFinishers: jobs.fallbackFinishers,
      cost: jobs.cost.map((c) => ({ ...c, day: new Date(c.day) })),
      costSummary: {
        totalUsd: jobs.totals.costUsd,
        perImageUsd: jobs.totals.images === 0 ? null : jobs.totals.costUsd / jobs.totals.images,
        monthToDateUsd: jobs.monthUsd,
        projectedMonthUsd: elapsed > 0 ? jobs.monthUsd / elapsed : jobs.monthUsd,
      },
      costByPerson: jobs.costByPerson,
      keepRate: images.keep.map((k) => ({
        ...counts(k),
        dimension: k.dimension as InsightsDimension,
        key: k.key,
        label: labels.get(`${k.dimension}:${k.key}`) ?? k.key,
      })),
      topPrompts: images.topPrompts.map((p) => ({
        prompt: p.prompt,
        uses: p.uses,
        keepRate: rate(p.kept, p.images),
      })),
      topTemplates: images.topTemplates.map((t) => ({
        id: t.id,
        name: t.name,
        uses: t.uses,
        keepRate: rate(t.kept, t.images),
      })),
      topPresets: images.topPresets.map((t) => ({
        id: t.id,
        name: t.name,
        uses: t.uses,
        keepRate: rate(t.kept, t.images),
      })),
      batchComparisons: images.batches.map((b) => ({
        batchId: b.batchId,
        provider: b.provider,
        jobs: b.jobs,
        totalP50Ms: b.totalP50Ms,
        costUsd: b.costUsd,
        keepRate: rate(b.kept, b.images),
      })),
    };
  }

  /** Names of the presets and templates keep-rate rows are keyed by. */
  private async labels(keep: { dimension: string; key: string }[]): Promise<Map<string, string>> {
    const of = (dimension: string) => keep.filter((k) => k.dimension === dimension).map((k) => k.key);
    const presets = of('PRESET');
    const templates = of('TEMPLATE');
    if (presets.length === 0 && templates.length === 0) return new Map();
    const rows = await this.deps.insights.names(presets, templates);
    return new Map(rows.map((row) => [`${row.kind}:${row.id}`, row.name]));
  }
}

function counts(row: KeepCountsRow) {
  const { images, starred, tagged, collected, downloaded, shared, reused, trashed, kept } = row;
  return {
    images,
    starred,
    tagged,
    collected,
    downloaded,
    shared,
    reused,
    trashed,
    keepRate: rate(kept, images),
  };
}

/** A preset range ends now; a custom one is [from, until), at most 366 days. */
export function resolveRange(range: InsightsRangeInput, now: Date): { from: Date; until: Date } {
  const issues: FieldIssue[] = [];
  const custom = range.from !== null || range.until !== null;
  if (range.preset !== null && custom) {
    issues.push({ path: ['range', 'preset'], message: 'give either a preset or from/until, not both' });
  } else if (range.preset !== null) {
    return { from: new Date(now.getTime() - PRESET_SPAN[range.preset]), until: now };
  } else if (!custom) {
    issues.push({ path: ['range', 'preset'], message: 'give a preset or from and until' });
  } else if (range.from === null) {
    issues.push({ path: ['range', 'from'], message: 'give from with until' });
  } else if (range.until === null) {
    issues.push({ path: ['range', 'until'], message: 'give until with from' });
  } else if (range.until.getTime() <= range.from.getTime()) {
    issues.push({ path: ['range', 'until'], message: 'until must be after from' });
  } else if (range.until.getTime() - range.from.getTime() > MAX_SPAN) {
    issues.push({ path: ['range', 'until'], message: 'a range spans at most 366 days' });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  return { from: range.from!, until: range.until! };
}

import { parseCronItems } from 'graphile-worker';
import { z } from 'zod';
import type { InsightsRepository } from '../repositories/insights.repository';
import { defineTask, implementTask } from './kit';

/** Cron runs carry graphile-worker's `_cron` facts, which this task does not need. */
/** Pairs per transaction: short enough that a change to one of them rarely waits on it. */
const KEEP_PAIRS_PER_STEP = 200;

export const InsightsRollup = defineTask('insights-rollup', z.object({}));

/**
 * Every 10 minutes, yesterday and today (UTC) are recomputed from the raw rows: the job-ended
 * trigger keeps the rollup current, this heals what it missed (rows changed without a status change).
 * Then the keep signals of every (person, day) that changed since are rolled up (Insights reads
 * those raw until then).
 */
export const insightsRollupSchedule = parseCronItems([
  {
    task: InsightsRollup.name,
    match: '*/10 * * * *',
    identifier: InsightsRollup.name,
    options: { backfillPeriod: 0 },
  },
]);

export function insightsRollupTasks(insights: InsightsRepository) {
  return [
    implementTask(InsightsRollup, async () => {
      const today = new Date();
      const yesterday = new Date(today.getTime() - 24 * 3_600_000);
      await insights.refreshDays(yesterday.toISOString().slice(0, 10), today.toISOString().slice(0, 10));
      while ((await insights.refreshKeep(KEEP_PAIRS_PER_STEP)) > 0);
    }),
  ];
}

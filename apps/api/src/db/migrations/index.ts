import type { Migration } from 'kysely';
import * as foundation from './2026-11-25T1500-foundation';
import * as operations from './2026-11-25T1700-operations';
import * as accounts from './2026-11-25T1900-accounts';
import * as library from './2026-11-25T2100-library';
import * as history from './2026-11-25T2210-history';
import * as starterPresets from './2026-11-25T2230-starter-presets';
import * as batchItems from './2026-11-25T2240-batch-items';
import * as libraryEvents from './2026-11-25T2300-library-events';
import * as signInFailures from './2026-11-25T2330-sign-in-failures';
import * as jobRuns from './2026-12-06T2300-job-runs';
import * as cpuTaskName from './2026-12-07T0100-cpu-task-name';
import * as oauth from './2026-12-07T0300-oauth';
import * as invites from './2026-12-07T0431-invites';
import * as endedJobsReleased from './2026-12-07T0600-ended-jobs-released';
import * as imageEdits from './2026-12-07T1600-image-edits';
import * as insights from './2026-12-07T1700-insights';
import * as insightsIncremental from './2026-12-07T1900-insights-incremental';
import * as insightsKeep from './2026-12-07T1910-insights-keep';
import * as webhooks from './2026-12-07T2000-webhooks';
import * as imageCreatedIndex from './2026-12-08T0000-image-created-index';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T1500-foundation': foundation,
  '2026-11-25T1700-operations': operations,
  '2026-11-25T1900-accounts': accounts,
  '2026-11-25T2100-library': library,
  '2026-11-25T2210-history': history,
  '2026-11-25T2230-starter-presets': starterPresets,
  '2026-11-25T2240-batch-items': batchItems,
  '2026-11-25T2300-library-events': libraryEvents,
  '2026-11-25T2330-sign-in-failures': signInFailures,
  '2026-12-06T2300-job-runs': jobRuns,
  '2026-12-07T0100-cpu-task-name': cpuTaskName,
  '2026-12-07T0300-oauth': oauth,
  '2026-12-07T0431-invites': invites,
  '2026-12-07T0600-ended-jobs-released': endedJobsReleased,
  '2026-12-07T1600-image-edits': imageEdits,
  '2026-12-07T1700-insights': insights,
  '2026-12-07T1900-insights-incremental': insightsIncremental,
  '2026-12-07T1910-insights-keep': insightsKeep,
  '2026-12-07T2000-webhooks': webhooks,
  '2026-12-08T0000-image-created-index': imageCreatedIndex,
};

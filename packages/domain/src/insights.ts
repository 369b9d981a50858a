import type { ImageOperation } from './images';

export type InsightsScope = 'PERSON' | 'INSTANCE';
export type JobOrigin = 'WEB' | 'API' | 'MCP' | 'BATCH';
export type InsightsRangePreset = 'LAST_24_HOURS' | 'LAST_7_DAYS' | 'LAST_30_DAYS' | 'LAST_90_DAYS';
export type InsightsDimension = 'PROVIDER' | 'MODEL' | 'PRESET' | 'TEMPLATE';

export interface InsightsRangeInput {
  preset: InsightsRangePreset | null;
  from: Date | null;
  until: Date | null;
}

export interface InsightsFilter {
  providers: string[] | null;
  models: string[] | null;
  operations: ImageOperation[] | null;
  presetIds: string[] | null;
  templateIds: string[] | null;
  collectionId: string | null;
  origins: JobOrigin[] | null;
}

export interface InsightsVolumePoint {
  day: Date;
  provider: string;
  operation: ImageOperation;
  jobs: number;
  images: number;
}

export interface InsightsSpeedRow {
  provider: string;
  model: string;
  jobs: number;
  queueWaitP50Ms: number | null;
  queueWaitP95Ms: number | null;
  providerP50Ms: number | null;
  providerP95Ms: number | null;
  totalP50Ms: number | null;
  totalP95Ms: number | null;
}

export interface InsightsSpeedPoint {
  day: Date;
  provider: string;
  totalP50Ms: number | null;
  totalP95Ms: number | null;
}

export interface InsightsReliabilityRow {
  provider: string;
  model: string;
  jobs: number;
  succeeded: number;
  failed: number;
  canceled: number;
  successRate: number;
  retries: number;
  fallbacks: number;
}

export interface InsightsFailureRow {
  code: string;
  count: number;
}

export interface InsightsFallbackRow {
  firstProvider: string;
  finishedBy: string;
  jobs: number;
}

export interface InsightsCostPoint {
  day: Date;
  provider: string;
  model: string;
  costUsd: number;
  images: number;
}

export interface InsightsCostSummary {
  totalUsd: number;
  perImageUsd: number | null;
  monthToDateUsd: number;
  projectedMonthUsd: number;
}

export interface InsightsPersonCost {
  userId: string;
  name: string;
  costUsd: number;
  images: number;
}

export interface InsightsKeepCounts {
  images: number;
  starred: number;
  tagged: number;
  collected: number;
  downloaded: number;
  shared: number;
  reused: number;
  trashed: number;
  keepRate: number;
}

export interface InsightsKeepRow extends InsightsKeepCounts {
  dimension: InsightsDimension;
  key: string;
  label: string;
}

export interface InsightsTopPrompt {
  prompt: string;
  uses: number;
  keepRate: number;
}

export interface InsightsTopEntry {
  id: string;
  name: string;
  uses: number;
  keepRate: number;
}

export interface InsightsBatchRow {
  batchId: string;
  provider: string;
  jobs: number;
  totalP50Ms: number | null;
  costUsd: number;
  keepRate: number;
}

export interface InsightsRecord {
  scope: InsightsScope;
  from: Date;
  until: Date;
  volume: InsightsVolumePoint[];
  speed: InsightsSpeedRow[];
  speedOverTime: InsightsSpeedPoint[];
  reliability: InsightsReliabilityRow[];
  failures: InsightsFailureRow[];
  fallbackFinishers: InsightsFallbackRow[];
  cost: InsightsCostPoint[];
  costSummary: InsightsCostSummary;
  costByPerson: InsightsPersonCost[];
  keepRate: InsightsKeepRow[];
  topPrompts: InsightsTopPrompt[];
  topTemplates: InsightsTopEntry[];
  topPresets: InsightsTopEntry[];
  batchComparisons: InsightsBatchRow[];
}

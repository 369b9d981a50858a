/**
 * The shape of the `insights` query's answer the sections draw from. The generated types match it
 * structurally; the sections take these so they render from fixtures too.
 */
export type InsightsScope = 'PERSON' | 'INSTANCE';
export type InsightsOperation = 'GENERATE' | 'VARIATION' | 'ENHANCE' | 'RESTYLE' | 'EDIT' | 'OUTPAINT';
export type JobOrigin = 'WEB' | 'API' | 'MCP' | 'BATCH';
export type KeepDimension = 'PROVIDER' | 'MODEL' | 'PRESET' | 'TEMPLATE';

export interface VolumePoint {
  day: string;
  provider: string;
  operation: string;
  jobs: number;
  images: number;
}

export interface SpeedRow {
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

export interface SpeedPoint {
  day: string;
  provider: string;
  totalP50Ms: number | null;
  totalP95Ms: number | null;
}

export interface ReliabilityRow {
  provider: string;
  model: string;
  jobs: number;
  succeeded: number;
  failed: number;
  canceled: number;
  successRate: number | null;
  retries: number;
  fallbacks: number;
}

export interface FailureRow {
  code: string;
  count: number;
}

export interface FallbackRow {
  firstProvider: string;
  finishedBy: string;
  jobs: number;
}

export interface CostPoint {
  day: string;
  provider: string;
  model: string;
  costUsd: number;
  images: number;
}

export interface CostSummary {
  totalUsd: number;
  perImageUsd: number | null;
  monthToDateUsd: number;
  projectedMonthUsd: number | null;
}

export interface PersonCost {
  userId: string;
  name: string;
  costUsd: number;
  images: number;
}

export interface KeepRow {
  dimension: KeepDimension;
  key: string;
  label: string;
  images: number;
  starred: number;
  tagged: number;
  collected: number;
  downloaded: number;
  shared: number;
  reused: number;
  trashed: number;
  keepRate: number | null;
}

export interface TopPrompt {
  prompt: string;
  uses: number;
  keepRate: number | null;
}

export interface TopEntry {
  id: string;
  name: string;
  uses: number;
  keepRate: number | null;
}

export interface BatchRow {
  batchId: string;
  provider: string;
  jobs: number;
  totalP50Ms: number | null;
  costUsd: number;
  keepRate: number | null;
}

export interface InsightsData {
  scope: InsightsScope;
  from: string;
  until: string;
  volume: readonly VolumePoint[];
  speed: readonly SpeedRow[];
  speedOverTime: readonly SpeedPoint[];
  reliability: readonly ReliabilityRow[];
  failures: readonly FailureRow[];
  fallbackFinishers: readonly FallbackRow[];
  cost: readonly CostPoint[];
  costSummary: CostSummary;
  costByPerson: readonly PersonCost[];
  keepRate: readonly KeepRow[];
  topPrompts: readonly TopPrompt[];
  topTemplates: readonly TopEntry[];
  topPresets: readonly TopEntry[];
  batchComparisons: readonly BatchRow[];
}

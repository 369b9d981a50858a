/** Keyset page request: `after`/`before` are opaque cursors, `inverted` walks backwards. */
export interface PageRequest {
  after?: string | null;
  before?: string | null;
  limit: number;
  inverted: boolean;
}

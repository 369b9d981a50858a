import pg from 'pg';
import type { Logger } from '../logger';
import { isDatabaseUnavailable } from './connection-errors';
import { migrations } from './migrations/index';

export interface DatabaseHealthOptions {
  logger: Logger;
  /** Resolves when the database answers; by default a fresh connection runs `select 1`. */
  probe: () => Promise<void>;
  /** Backoff between probes during an outage: from `baseMs`, doubling to `capMs`, with jitter. */
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

/**
 * What this process knows of its database: up, or down since when. Every adapter that meets a
 * connection failure reports it here; the first report of an outage logs once and starts probing
 * with capped, jittered backoff until the database answers, which logs once more and tells the
 * listeners (the event bus resubscribes, subscribers resync). Queries never wait on this: a pool
 * reconnects by itself on the next query; this only watches, counts and announces.
 */
export class DatabaseHealth {
  private downSince: number | null = null;
  private nextProbeAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly restoredListeners = new Set<() => void>();
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly random: () => number;

  constructor(private readonly options: DatabaseHealthOptions) {
    this.baseMs = options.baseMs ?? 250;
    this.capMs = options.capMs ?? 5_000;
    this.random = options.random ?? Math.random;
  }

  get available(): boolean {
    return this.downSince === null;
  }

  /** What to tell a client to wait before trying again: the time to the next probe, 1–30 s. */
  retryAfterSeconds(): number {
    if (this.downSince === null) return 1;
    return Math.min(30, Math.max(1, Math.ceil((this.nextProbeAt - Date.now()) / 1000)));
  }

  /**
   * Records `error` when it says the database is unreachable (and returns true); anything else is
   * not this class's business (returns false).
   */
  reportFailure(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (this.downSince === null && !this.stopped) {
      this.downSince = Date.now();
      this.options.logger.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'database unreachable: requests that need it answer SERVICE_UNAVAILABLE until it is back',
      );
      this.scheduleProbe(0);
    }
    return true;
  }

  /** Asks the database now (for a readiness check): true when it answers; a failure is recorded. */
  async check(): Promise<boolean> {
    try {
      await this.options.probe();
      return true;
    } catch (error) {
      this.reportFailure(error);
      return false;
    }
  }

  /** Calls `listener` each time the database answers again after an outage. */
  onRestored(listener: () => void): () => void {
    this.restoredListeners.add(listener);
    return () => this.restoredListeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private scheduleProbe(attempt: number): void {
    if (this.stopped) return;
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** attempt);
    const delay = Math.round(ceiling * (0.5 + this.random() / 2));
    this.nextProbeAt = Date.now() + delay;
    this.timer = setTimeout(() => void this.probe(attempt), delay);
    this.timer.unref();
  }

  private async probe(attempt: number): Promise<void> {
    try {
      await this.options.probe();
    } catch (error) {
      this.options.logger.debug({ err: error, attempt }, 'database still unreachable');
      this.scheduleProbe(attempt + 1);
      return;
    }
    if (this.stopped || this.downSince === null) return;
    const downMs = Date.now() - this.downSince;
    this.downSince = null;
    this.options.logger.info({ downMs, probes: attempt + 1 }, 'database is back');
    for (const listener of this.restoredListeners) listener();
  }
}

/**
 * Runs `work` on a connection of its own (never one of a pool's), so that what it finds answers for
 * the server itself: a pool whose every connection is busy must not make a ready process look unready.
 */
async function onOwnConnection<T>(
  connectionString: string,
  timeoutMs: number,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A probe that opens its own connection, so it answers for the server itself. */
export function connectionProbe(connectionString: string, timeoutMs = 2_000): () => Promise<void> {
  return () =>
    onOwnConnection(connectionString, timeoutMs, async (client) => void (await client.query('select 1')));
}

/** The newest migration this code has: names sort in the order they run. */
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

/**
 * Whether the database has applied this code's latest migration (a process started against a
 * database that another, older deployment migrated, or that a failed migration left behind, has not).
 */
export function latestMigrationApplied(connectionString: string, timeoutMs = 2_000): Promise<boolean> {
  return onOwnConnection(connectionString, timeoutMs, async (client) => {
    const { rows } = await client.query('select 1 from kysely_migration where name = $1', [LATEST_MIGRATION]);
    return rows.length > 0;
  });
}

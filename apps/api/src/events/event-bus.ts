import type { ImageEvent, JobEvent, LibraryEvent } from '@atelier/domain';
import pg from 'pg';
import type { DatabaseHealth } from '../db/database-health';
import { EVENTS_CHANNEL } from '../db/notify-channel';
import type { Logger } from '../logger';
import { SharedReads } from './shared-reads';
import { TopicChannels } from './topic-channels';

/** Published after the event connection came back: events since `since` (database time) may be lost. */
export interface Resync {
  since: Date;
}

// Reconnect backoff: from the first retry at about BASE, doubling to CAP, each with jitter.
const RECONNECT_BASE_MS = 250;
const RECONNECT_CAP_MS = 5_000;
// Notifications sent shortly before the connection was seen to fail may be lost too.
const MISSED_MARGIN_MS = 5_000;

export function isResync(event: object): event is Resync {
  return 'since' in event;
}

type Topics = {
  job: [jobId: string, event: JobEvent];
  /** One of the batch's item jobs changed (the same events as `job`, by batch). */
  batch: [batchId: string, event: JobEvent];
  /** One of the owner's images was added or changed (a database trigger notifies). */
  image: [ownerId: string, event: ImageEvent];
  /** Something in the owner's library (collections, prompts, templates, presets, batches) changed (a trigger notifies). */
  library: [ownerId: string, event: LibraryEvent];
  /** The connection was lost and is back: listeners reload state, since events may have been missed. */
  resync: [event: Resync];
};

/**
 * Brings Postgres NOTIFY into this process: a job changed by a worker anywhere reaches every
 * subscriber of every API process. Payloads carry ids and seq only; readers load the state.
 */
export class EventBus {
  /** Each event goes to its own topic's subscribers; one too slow for them is told to resync. */
  readonly pubsub = new TopicChannels<Topics, Resync>((firstMissedAt) => ({
    since: new Date(firstMissedAt + this.clockOffsetMs - MISSED_MARGIN_MS),
  }));
  /** Subscribers woken by one event read its data once between them. */
  readonly reads = new SharedReads();
  private readonly credentialListeners = new Set<(userId: string | null) => void>();
  private readonly cancelListeners = new Set<(requestKey: string) => void>();
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Database clock minus ours, measured at each connect, to say "since" in the database's time. */
  private clockOffsetMs = 0;
  /** Told, for each event stamped with when it was sent (`sentAt`, database time), how long it took to arrive. */
  private lagObserver: ((lagMs: number) => void) | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
    private readonly health?: DatabaseHealth,
  ) {}

  /** How many subscriptions in this process listen to `topic` (of one job, batch or person). */
  listeners(topic: keyof Topics, id?: string): number {
    return this.pubsub.count(id === undefined ? topic : `${topic}:${id}`);
  }

  /**
   * Calls `listener` when a person's sessions, tokens or account change anywhere (a database
   * trigger notifies), with null when events may have been missed and everything must be forgotten.
   */
  onCredentialsChanged(listener: (userId: string | null) => void): void {
    this.credentialListeners.add(listener);
  }

  /**
   * Calls `listener` when any API process announces that a client cancelled one of its requests
   * (e.g. an MCP `notifications/cancelled`, which may reach another process than the request did).
   */
  onRequestCancelled(listener: (requestKey: string) => void): void {
    this.cancelListeners.add(listener);
  }

  /** Tells every API process, this one included, that the request known by `requestKey` was cancelled. */
  async announceRequestCancelled(requestKey: string): Promise<void> {
    const client = this.client;
    if (!client) {
      // Without the connection, only this process can hear it.
      for (const listener of this.cancelListeners) listener(requestKey);
      return;
    }
    await client.query('select pg_notify($1, $2)', [
      EVENTS_CHANNEL,
      JSON.stringify({ cancelledRequest: requestKey }),
    ]);
  }

  /** Calls `observer` with the NOTIFY-to-delivery lag of each stamped event (for metrics). */
  observeLag(observer: ((lagMs: number) => void) | null): void {
    this.lagObserver = observer;
  }

  /** Whether the LISTEN connection is up (events from other processes arrive). */
  get connected(): boolean {
    return this.client !== null;
  }

  async start(): Promise<void> {
    this.client = await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('Connection terminated')));
    try {
      await client.connect();
      const { rows } = await client.query<{ now: Date }>(`select now()`);
      this.clockOffsetMs = rows[0]!.now.getTime() - Date.now();
      await client.query(`listen ${EVENTS_CHANNEL}`);
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** The LISTEN connection failed: reconnect with backoff, then tell everyone to resync. */
  private lost(failed: pg.Client, error: Error): void {
    if (this.stopped || this.client !== failed) return;
    this.client = null;
    failed.end().catch(() => undefined);
    if (!this.health?.reportFailure(error)) {
      this.logger.warn({ error: error.message }, 'event listener connection failed; reconnecting');
    }
    const since = new Date(Date.now() + this.clockOffsetMs - MISSED_MARGIN_MS);
    this.reconnect(since, 0);
  }

  private reconnect(since: Date, attempt: number): void {
    const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** attempt);
    this.reconnectTimer = setTimeout(
      () => {
        this.connect()
          .then((client) => {
            if (this.stopped) return void client.end().catch(() => undefined);
            this.client = client;
            this.logger.info({ attempts: attempt + 1 }, 'event listener reconnected; subscribers resync');
            for (const listener of this.credentialListeners) listener(null);
            this.pubsub.publish('resync', { since });
          })
          .catch((error: unknown) => {
            this.health?.reportFailure(error);
            this.logger.debug({ err: error, attempt }, 'event listener reconnect failed');
            if (!this.stopped) this.reconnect(since, attempt + 1);
          });
      },
      Math.round(ceiling * (0.5 + Math.random() / 2)),
    );
  }

  private dispatch(payload: string | undefined): void {
    try {
      const { sentAt, ...event } = JSON.parse(payload ?? '') as JobEvent & {
        credentialsOf?: unknown;
        imageOf?: unknown;
        libraryOf?: unknown;
        cancelledRequest?: unknown;
        sentAt?: unknown;
      };
      if (typeof sentAt === 'number' && this.lagObserver) {
        this.lagObserver(Math.max(0, Date.now() + this.clockOffsetMs - sentAt));
      }
      if (typeof event.cancelledRequest === 'string') {
        for (const listener of this.cancelListeners) listener(event.cancelledRequest);
      } else if (typeof event.credentialsOf === 'string') {
        for (const listener of this.credentialListeners) listener(event.credentialsOf);
      } else if (
        typeof event.jobId === 'string' &&
        typeof event.seq === 'number' &&
        typeof event.status === 'string'
      ) {
        this.pubsub.publish('job', event.jobId, event);
        if (typeof event.batchId === 'string') this.pubsub.publish('batch', event.batchId, event);
      } else if (typeof event.imageOf === 'string') {
        const image = event as unknown as ImageEvent & { imageOf: string };
        this.pubsub.publish('image', image.imageOf, { imageId: image.imageId, change: image.change });
      } else if (typeof event.libraryOf === 'string') {
        const item = event as unknown as LibraryEvent & { libraryOf: string };
        this.pubsub.publish('library', item.libraryOf, {
          kind: item.kind,
          itemId: item.itemId,
          removed: item.removed,
        });
      }
    } catch {
      this.logger.warn({ payload }, 'ignored a malformed event');
    }
  }
}

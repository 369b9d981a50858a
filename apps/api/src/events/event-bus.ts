import type { ImageEvent, JobEvent, LibraryEvent } from '@atelier/schema/context';
import { getEventListeners, setMaxListeners } from 'node:events';
import { createPubSub } from 'graphql-yoga';
import pg from 'pg';
import type { Logger } from '../logger';

export const EVENTS_CHANNEL = 'atelier_events';

type Topics = {
  job: [jobId: string, event: JobEvent];
  /** One of the batch's item jobs changed (the same events as `job`, by batch). */
  batch: [batchId: string, event: JobEvent];
  /** One of the owner's images was added or changed (a database trigger notifies). */
  image: [ownerId: string, event: ImageEvent];
  /** Something in the owner's library (collections, prompts, templates, presets, batches) changed (a trigger notifies). */
  library: [ownerId: string, event: LibraryEvent];
  /** The connection was lost and is back: listeners reload state, since events may have been missed. */
  resync: [];
};

/**
 * Brings Postgres NOTIFY into this process: a job changed by a worker anywhere reaches every
 * subscriber of every API process. Payloads carry ids and seq only; readers load the state.
 */
export class EventBus {
  private readonly target = new EventTarget();
  readonly pubsub = createPubSub<Topics>({ eventTarget: this.target });
  private readonly credentialListeners = new Set<(userId: string | null) => void>();
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {
    // One listener per open subscription: a person with many tabs and clients is not a leak.
    setMaxListeners(1_000, this.target);
  }

  /** How many subscriptions in this process listen to `topic` (of one job, batch or person). */
  listeners(topic: keyof Topics, id?: string): number {
    return getEventListeners(this.target, id === undefined ? topic : `${topic}:${id}`).length;
  }

  /**
   * Calls `listener` when a person's sessions, tokens or account change anywhere (a database
   * trigger notifies), with null when events may have been missed and everything must be forgotten.
   */
  onCredentialsChanged(listener: (userId: string | null) => void): void {
    this.credentialListeners.add(listener);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ error: error.message }, 'event listener connection failed; reconnecting');
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    await client.query(`listen ${EVENTS_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(failed: pg.Client, delayMs = 500): void {
    if (this.stopped || this.client !== failed) return;
    this.client = null;
    failed.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.connect()
        .then(() => {
          for (const listener of this.credentialListeners) listener(null);
          this.pubsub.publish('resync');
        })
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'event listener reconnect failed');
          this.client = failed;
          this.scheduleReconnect(failed, Math.min(delayMs * 2, 10_000));
        });
    }, delayMs);
  }

  private dispatch(payload: string | undefined): void {
    try {
      const event = JSON.parse(payload ?? '') as JobEvent & {
        credentialsOf?: unknown;
        imageOf?: unknown;
        libraryOf?: unknown;
      };
      if (typeof event.credentialsOf === 'string') {
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

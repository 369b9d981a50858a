import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What one subscriber received for one job, across every socket it had. */
export interface JobWatch {
  seqs: number[];
  statuses: string[];
  /** The URLs of the images and thumbnails of the last state received. */
  fileUrls: string[];
  /** Completed by the server (it does so after the terminal state). */
  completed: boolean;
  /** GraphQL errors the server answered with, and early completions (never expected). */
  errors: string[];
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);

const JobUpdated = /* GraphQL */ `
  subscription Topology($id: ID!, $afterSeq: Int) {
    jobUpdated(id: $id, afterSeq: $afterSeq) {
      id
      status
      seq
      images {
        url
        thumbnails {
          url
        }
      }
    }
  }
`;

interface JobState {
  id: string;
  status: string;
  seq: number;
  images: { url: string; thumbnails: { url: string }[] }[];
}

/**
 * One browser tab over nginx: a graphql-ws socket that carries a jobUpdated subscription per job.
 * When the socket closes (an API shutting down sends 1001), it opens a new one and subscribes again
 * to every unfinished job from the last `seq` it received, as the web app does
 * (apps/web/src/lib/subscription-resume.ts). graphql-ws's own retry would resend the old variables.
 */
export class ResumingSubscriber {
  readonly watches = new Map<string, JobWatch>();
  /** Close codes of the sockets it lost. */
  readonly closeCodes: number[] = [];
  /** SERVICE_UNAVAILABLE answers it got (and retried after the time they asked for, as the web app does). */
  readonly refusals: { at: number; message: string }[] = [];
  private client: Client;
  private readonly active = new Map<string, () => void>();
  private reconnecting = false;
  private stopped = false;
  /** Bumped with every new client: the sinks of an old one are ignored from then on. */
  private generation = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {
    this.client = this.connect();
  }

  watch(jobId: string): void {
    if (!this.watches.has(jobId)) {
      this.watches.set(jobId, { seqs: [], statuses: [], fileUrls: [], completed: false, errors: [] });
    }
    this.subscribe(jobId);
  }

  /** Every watched job has reached a terminal state and the server completed its subscription. */
  finished(): boolean {
    return [...this.watches.values()].every((watch) => watch.completed);
  }

  async close(): Promise<void> {
    this.stopped = true;
    for (const unsubscribe of this.active.values()) unsubscribe();
    this.active.clear();
    await this.client.dispose();
  }

  private connect(): Client {
    const cookie = this.cookie;
    // The session cookie goes on the upgrade request, as a browser sends it.
    class CookieWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    }
    return createClient({
      url: `${this.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: CookieWebSocket,
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const code = (event as { code?: number } | undefined)?.code;
          if (code !== undefined && code !== 1000) this.closeCodes.push(code);
        },
      },
    });
  }

  private subscribe(jobId: string): void {
    const watch = this.watches.get(jobId)!;
    const afterSeq = watch.seqs.at(-1) ?? null;
    const generation = this.generation;
    const current = () => generation === this.generation && !this.stopped;
    // A refusal for now (SERVICE_UNAVAILABLE) comes as a result with errors, then `complete`.
    let refusedFor: number | null = null;
    const unsubscribe = this.client.subscribe<{ jobUpdated: JobState }>(
      { query: JobUpdated, variables: { id: jobId, afterSeq } },
      {
        next: (result) => {
          if (!current()) return;
          refusedFor = this.refusal(result.errors);
          if (refusedFor !== null) return;
          if (result.errors?.length) {
            watch.errors.push(...result.errors.map((error) => error.message));
            return;
          }
          const job = result.data!.jobUpdated;
          watch.seqs.push(job.seq);
          watch.statuses.push(job.status);
          watch.fileUrls = job.images.flatMap((image) => [
            image.url,
            ...image.thumbnails.map((thumb) => thumb.url),
          ]);
        },
        error: (error) => {
          if (!current()) return;
          this.active.delete(jobId);
          if (!Array.isArray(error)) return this.resumeSoon(); // the socket went away: resume on a new one
          const retryAfter = this.refusal(error);
          if (retryAfter !== null) return this.retryLater(jobId, retryAfter);
          watch.errors.push(...error.map((item: { message: string }) => item.message));
        },
        complete: () => {
          if (!current()) return;
          this.active.delete(jobId);
          if (refusedFor !== null) this.retryLater(jobId, refusedFor);
          else if (TERMINAL.has(watch.statuses.at(-1) ?? '')) watch.completed = true;
          else {
            watch.errors.push(`completed at ${watch.statuses.at(-1) ?? 'no state'}`);
            this.resumeSoon();
          }
        },
      },
    );
    this.active.set(jobId, unsubscribe);
  }

  /** The seconds a SERVICE_UNAVAILABLE refusal asks to wait (recorded), or null for anything else. */
  private refusal(errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined) {
    const refusal = errors?.find((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');
    if (!refusal) return null;
    this.refusals.push({ at: Date.now(), message: refusal.message });
    const seconds = refusal.extensions?.retryAfterSeconds;
    return typeof seconds === 'number' && seconds > 0 ? seconds : 5;
  }

  /** Subscribes to the job again once the server said to, as the web app does (lib/urql.ts). */
  private retryLater(jobId: string, seconds: number): void {
    const generation = this.generation;
    setTimeout(
      () => {
        if (generation !== this.generation || this.stopped || this.active.has(jobId)) return;
        this.subscribe(jobId);
      },
      seconds * 1000 * (1 + Math.random() * 0.2),
    );
  }

  /** Once per lost socket: a fresh client, and every unfinished job subscribed again from its last seq. */
  private resumeSoon(): void {
    if (this.reconnecting || this.stopped) return;
    this.reconnecting = true;
    setTimeout(
      () => {
        this.reconnecting = false;
        if (this.stopped) return;
        const old = this.client;
        this.generation += 1;
        for (const unsubscribe of this.active.values()) unsubscribe();
        this.active.clear();
        void old.dispose();
        this.client = this.connect();
        for (const [jobId, watch] of this.watches) if (!watch.completed) this.subscribe(jobId);
      },
      100 + Math.random() * 400,
    );
  }
}

import { randomUUID } from 'node:crypto';
import {
  DomainError,
  type ImageRecord,
  InvalidInputError,
  type JobRecord,
  NotFoundError,
  terminalJobStatuses,
  type Viewer,
} from '@atelier/domain';
import { readOnceAvailable } from '../db/when-available';
import { Repeater } from '@repeaterjs/repeater';
import type { Database } from '../db/database';
import { closable } from '../events/closable';
import type { EventBus } from '../events/event-bus';
import type { ImageRepository } from '../repositories/image.repository';
import type { JobFilter, JobRepository } from '../repositories/job.repository';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { QueueRepository } from '../repositories/queue.repository';
import { jobTask, jobTaskKey } from '../jobs/run-job/job-task';
import { originOf } from './job-origin';
import type { QuotaService } from './quota.service';

/** How long a watcher waits for a canceled job's run to keep its finished images, at most. */
const CANCELED_RUN_SETTLES_MS = 15_000;
/** How long `cancelJob` waits for the same before it answers anyway. */
const CANCEL_ANSWER_WAITS_MS = 5_000;

export interface JobDeps {
  db: Database;
  jobs: JobRepository;
  images: ImageRepository;
  queue: QueueRepository;
  events: EventBus;
  quota: QuotaService;
}

export class JobService {
  constructor(private readonly deps: JobDeps) {}

  async loadMany(viewer: Viewer, ids: readonly string[]): Promise<(JobRecord | null)[]> {
    const found = new Map(
      (await this.deps.jobs.findManyForOwner(viewer.id, ids)).map((job) => [job.id, job]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  list(viewer: Viewer, filter: JobFilter | null, page: KeysetPage): Promise<JobRecord[]> {
    const { createdFrom, createdUntil } = filter ?? {};
    if (createdFrom && createdUntil && createdFrom >= createdUntil) {
      throw new InvalidInputError([{ path: ['createdUntil'], message: 'must be after createdFrom' }]);
    }
    return this.deps.jobs.listForOwner(viewer.id, filter ?? {}, page);
  }

  /**
   * Queues a new job with the stored input of one of the viewer's finished jobs (its seed
   * included), under the same quota as any new job. The images it works on must still exist.
   */
  async retry(viewer: Viewer, id: string): Promise<JobRecord> {
    const [job] = await this.deps.jobs.findManyForOwner(viewer.id, [id]);
    if (!job) throw new NotFoundError('Job');
    if (!terminalJobStatuses.includes(job.status)) {
      throw new DomainError('INVALID_STATE', 'The job is still running; cancel it first or wait for it');
    }
    const { input } = job;
    const sources = [input.sourceImageId, input.styleReferenceImageId].filter((s): s is string => !!s);
    const found = await this.deps.images.findManyForOwner(viewer.id, sources);
    if (found.length < new Set(sources).size) {
      throw new InvalidInputError(
        [{ path: ['id'], message: 'an image this job works on no longer exists' }],
        'NOT_FOUND',
      );
    }
    const newId = randomUUID();
    const again = {
      id: newId,
      ownerId: viewer.id,
      kind: job.kind,
      provider: input.provider,
      input,
      origin: originOf(viewer),
    };
    const task = this.deps.queue.enqueue(jobTask(job.kind, input.provider, newId));
    return this.deps.quota.admitOne(viewer, input.count, {
      unlimited: () => this.deps.jobs.insertWithTaskUnlessLimited(again, task),
      limited: (trx) => this.deps.jobs.insertWithTask(again, task, trx),
    });
  }

  cursorOf(job: JobRecord): string {
    return encodeCursor(job);
  }

  imagesOf(viewer: Viewer, jobIds: readonly string[]): Promise<ImageRecord[][]> {
    return this.deps.images.imagesOfJobs(viewer.id, jobIds);
  }

  /**
   * Reads in flight, by person, job and state: a read for `seq` N starts only once someone has seen
   * the job at N (committed with its images in one transaction), so sharing it never hands anyone
   * images older than the state they are resolving. Kept only while in flight: nothing goes stale.
   */
  private readonly imageReads = new Map<string, Promise<ImageRecord[]>>();

  imagesAtSeq(viewer: Viewer, jobs: readonly { id: string; seq: number }[]): Promise<ImageRecord[][]> {
    const keyOf = (job: { id: string; seq: number }) => `${viewer.id}:${job.id}@${job.seq}`;
    const unread = jobs.filter((job) => !this.imageReads.has(keyOf(job)));
    if (unread.length > 0) {
      const reading = this.deps.images.imagesOfJobs(
        viewer.id,
        unread.map((job) => job.id),
      );
      unread.forEach((job, index) => {
        const key = keyOf(job);
        const read = reading.then((lists) => lists[index] ?? []);
        this.imageReads.set(key, read);
        const forget = () => this.imageReads.delete(key);
        read.then(forget, forget);
      });
    }
    return Promise.all(jobs.map((job) => this.imageReads.get(keyOf(job))!));
  }

  async queuePosition(viewer: Viewer, job: JobRecord): Promise<number | null> {
    if (job.status !== 'QUEUED' || job.ownerId !== viewer.id) return null;
    return this.deps.jobs.queuePosition(job);
  }

  /** Cancels a queued job outright, or flags a running one; its worker aborts the provider call. */
  async cancel(viewer: Viewer, id: string): Promise<JobRecord> {
    const [job] = await this.deps.jobs.findManyForOwner(viewer.id, [id]);
    if (!job) throw new NotFoundError('Job');
    const canceled = await this.deps.db.transaction().execute(async (trx) => {
      const changed = await this.deps.jobs.transition(
        id,
        ['QUEUED', 'RUNNING'],
        { status: 'CANCELED', stage: null, preview: null, finishedAt: 'now' },
        { executor: trx },
      );
      if (changed) await this.deps.queue.remove(trx, jobTaskKey(id));
      return changed;
    });
    if (!canceled) {
      throw new DomainError(
        'INVALID_STATE',
        `The job has already ${job.status === 'CANCELED' ? 'been canceled' : 'finished'}`,
      );
    }
    return canceled.held ? this.settled(viewer, canceled) : canceled;
  }

  /**
   * A running job just canceled, once its run has kept the images it had finished (a moment: the
   * provider call stops at its next step), so the answer shows them; as it is, after a while.
   */
  private async settled(viewer: Viewer, canceled: JobRecord): Promise<JobRecord> {
    const updates = this.watch(viewer, canceled.id, canceled.seq);
    let latest = canceled;
    const follow = (async () => {
      for await (const job of updates) latest = job;
    })();
    // A failure to follow (the database away) only means answering with what is known.
    await withDeadline(
      follow.then(
        () => true,
        () => false,
      ),
      CANCEL_ANSWER_WAITS_MS,
    );
    await updates.return?.();
    return latest;
  }

  /**
   * The job's state now (unless the client already has it), then every change, ending at a
   * terminal status. Subscribes before reading so that no change can fall between the two.
   */
  watch(viewer: Viewer, id: string, afterSeq: number): AsyncIterableIterator<JobRecord> {
    const { events, jobs } = this.deps;
    const wakeups = Repeater.merge([events.pubsub.subscribe('job', id), events.pubsub.subscribe('resync')]);
    return closable(wakeups, async function* () {
      // A repeater listens only once asked for its first value: ask before reading the job, so a
      // change published between the read and the wait (a job that fails at once) still wakes this.
      let wakeup = wakeups.next();
      let woken = false;
      /** What woke this watcher last: the watchers it woke too read the job once between them. */
      let wokenBy: object | null = null;
      const nextWakeup = async () => {
        const event = await wakeup;
        wakeup = wakeups.next();
        woken = true;
        if (!event.done) wokenBy = event.value;
        return !event.done;
      };
      const load = () => jobs.findManyForOwner(viewer.id, [id]);
      // A subscriber who comes while the database is away waits for it rather than missing the end.
      const read = () =>
        readOnceAvailable(
          () => (wokenBy ? events.reads.read(wokenBy, `job:${viewer.id}:${id}`, load) : load()),
          nextWakeup,
        );
      const found = await read();
      if (!found) return;
      const [first] = found;
      if (!first) throw new NotFoundError('Job');
      let job: JobRecord = first;
      let lastSeq = afterSeq;
      while (true) {
        if (job.seq > lastSeq) {
          lastSeq = job.seq;
          yield job;
        }
        // A canceled job's run may still keep what it had finished; a run that died never will.
        const settling = job.status === 'CANCELED' && job.held;
        if (terminalJobStatuses.includes(job.status) && !settling) return;
        if (!woken) {
          const wakeup = nextWakeup();
          if (!(await (settling ? withDeadline(wakeup, CANCELED_RUN_SETTLES_MS) : wakeup))) return;
        }
        woken = false;
        const [latest] = (await read()) ?? [];
        if (!latest) return;
        job = latest;
      }
    });
  }
}

/** `wakeup`'s answer, or false once `ms` have passed without one. */
function withDeadline(wakeup: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([wakeup, deadline]).finally(() => clearTimeout(timer));
}

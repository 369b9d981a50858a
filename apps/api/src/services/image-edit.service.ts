import { randomUUID } from 'node:crypto';
import {
  type ApplyImageEditsInput,
  type FieldIssue,
  InvalidInputError,
  type JobRecord,
  type Viewer,
} from '@atelier/domain';
import {
  type EditOperation,
  type EditProblem,
  finalSize,
  normalizeOperation,
  validateOperations,
} from '@atelier/image-edits';
import { EDITOR_PROVIDER, jobTask } from '../jobs/run-job/job-task';
import type { ImageRepository } from '../repositories/image.repository';
import type { JobRepository } from '../repositories/job.repository';
import type { QueueRepository } from '../repositories/queue.repository';
import { emptyInput } from './job-input';
import { originOf } from './job-origin';
import type { QuotaService } from './quota.service';

export interface ImageEditDeps {
  images: ImageRepository;
  jobs: JobRepository;
  queue: QueueRepository;
  quota: QuotaService;
}

/**
 * Saves what the editor did: checks the operation list against the source image and queues an
 * ADJUST job, which a worker runs with sharp on the full-size original (no provider). The source
 * is never changed; the new image links back to it and records the list.
 */
export class ImageEditService {
  constructor(private readonly deps: ImageEditDeps) {}

  async apply(viewer: Viewer, request: ApplyImageEditsInput): Promise<JobRecord> {
    const [source] = await this.deps.images.findManyForOwner(viewer.id, [request.imageId]);
    if (!source) {
      throw new InvalidInputError([{ path: ['input', 'imageId'], message: 'no such image' }], 'NOT_FOUND');
    }
    const problems = validateOperations(request.operations, source);
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((problem) => issueOf(problem, request.operations)));
    }
    const operations = request.operations.map(normalizeOperation);
    const size = finalSize(operations, source);
    const id = randomUUID();
    const job = {
      id,
      ownerId: viewer.id,
      kind: 'ADJUST' as const,
      provider: EDITOR_PROVIDER,
      origin: originOf(viewer),
      input: {
        ...emptyInput(),
        prompt: source.prompt,
        provider: EDITOR_PROVIDER,
        width: size.width,
        height: size.height,
        sourceImageId: source.id,
        editOperations: operations,
      },
    };
    const task = this.deps.queue.enqueue(jobTask('ADJUST', EDITOR_PROVIDER, id));
    return this.deps.quota.admitOne(viewer, 1, {
      unlimited: () => this.deps.jobs.insertWithTaskUnlessLimited(job, task),
      limited: (trx) => this.deps.jobs.insertWithTask(job, task, trx),
    });
  }
}

/**
 * The GraphQL path of a problem: `input.operations.2.crop.width`, named after the input's fields
 * (an adjust operation's sliders are fields of `adjust` itself, not of a `values` object).
 */
function issueOf(problem: EditProblem, operations: readonly EditOperation[]): FieldIssue {
  const path = ['input', 'operations'];
  if (problem.index !== null) {
    path.push(String(problem.index));
    const type = operations[problem.index]?.type;
    if (problem.field !== 'type' && type) path.push(type);
    if (problem.field) path.push(...problem.field.split('.').filter((part) => part !== 'values'));
  }
  return { path, message: problem.message };
}

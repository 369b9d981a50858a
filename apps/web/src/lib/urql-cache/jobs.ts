import type { Cache, UpdateResolver } from '@urql/exchange-graphcache';
import type { ImageOperation, JobStatus } from '../../gql/graphql';
import { cachedConnections, isFirstPage, prependEdges, removeEdges, type Result } from './connections';
import { addChildren, prependImages, type ImageLike } from './images';

export interface JobLike {
  __typename?: string;
  id: string;
  status: JobStatus;
  kind?: ImageOperation;
  provider?: string;
  createdAt?: string;
  images?: readonly ImageLike[] | null;
  /** The image a variation, enhance, restyle or edit job works on. */
  input?: { sourceImage?: { id: string } | null } | null;
}

/** Whether a list with these `jobs` arguments admits the job (a field the job lacks is not held against it). */
function admits(args: Record<string, unknown> | null | undefined, job: JobLike): boolean {
  const listed = (name: string, value: string | undefined) => {
    const allowed = args?.[name] as string[] | null | undefined;
    return !allowed?.length || value === undefined || allowed.includes(value);
  };
  const from = args?.createdFrom as string | null | undefined;
  const until = args?.createdUntil as string | null | undefined;
  const at = job.createdAt ? new Date(job.createdAt).getTime() : null;
  return (
    listed('statuses', job.status) &&
    listed('providers', job.provider) &&
    listed('kinds', job.kind) &&
    (at === null || !from || at >= new Date(from).getTime()) &&
    (at === null || !until || at < new Date(until).getTime())
  );
}

/** A job sits in exactly the cached job lists whose filters admit it as it is now. */
export function placeJob(cache: Cache, job: JobLike): void {
  const key = cache.keyOfEntity({ __typename: 'Job', id: job.id });
  for (const { args, connection } of cachedConnections(cache, 'jobs')) {
    const belongs = admits(args, job);
    if (!belongs) removeEdges(cache, connection, key);
    else if (isFirstPage(args)) prependEdges(cache, connection, 'Job', [job]);
  }
}

type JobMutation =
  | 'generateImages'
  | 'createVariations'
  | 'enhanceImage'
  | 'restyleImage'
  | 'editImage'
  | 'outpaintImage'
  | 'applyImageEdits'
  | 'retryJob';

/** Every mutation that queues a job: the job is listed as active at once, before any event. */
export function queuesJob(field: JobMutation): UpdateResolver<Result<JobMutation, JobLike>> {
  return (result, _args, cache) => {
    const outcome = result[field];
    if (outcome?.__typename === 'Job') placeJob(cache, outcome);
  };
}

export const cancelJob: UpdateResolver<Result<'cancelJob', JobLike>> = (result, _args, cache) => {
  const outcome = result.cancelJob;
  if (outcome?.__typename === 'Job') placeJob(cache, outcome);
};

export const jobUpdated: UpdateResolver<Result<'jobUpdated', JobLike>> = (result, _args, cache) => {
  const job = result.jobUpdated;
  if (!job) return;
  placeJob(cache, job);
  if (job.status === 'SUCCEEDED' && job.images) {
    prependImages(cache, job.images);
    const source = job.input?.sourceImage?.id;
    if (source) addChildren(cache, source, job.images);
  }
};

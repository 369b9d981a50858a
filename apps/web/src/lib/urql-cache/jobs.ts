import type { Cache, UpdateResolver } from '@urql/exchange-graphcache';
import type { JobStatus } from '../../gql/graphql';
import { cachedConnections, isFirstPage, prependEdges, removeEdges, type Result } from './connections';
import { addChildren, prependImages, type ImageLike } from './images';

export interface JobLike {
  __typename?: string;
  id: string;
  status: JobStatus;
  images?: readonly ImageLike[] | null;
  /** The image a variation, enhance, restyle or edit job works on. */
  input?: { sourceImage?: { id: string } | null } | null;
}

/** A job sits in exactly the cached job lists whose `statuses` admit its current status. */
export function placeJob(cache: Cache, job: JobLike): void {
  const key = cache.keyOfEntity({ __typename: 'Job', id: job.id });
  for (const { args, connection } of cachedConnections(cache, 'jobs')) {
    const statuses = args?.statuses as JobStatus[] | null | undefined;
    const belongs = !statuses || statuses.includes(job.status);
    if (!belongs) removeEdges(cache, connection, key);
    else if (isFirstPage(args)) prependEdges(cache, connection, 'Job', [job]);
  }
}

type JobMutation = 'generateImages' | 'createVariations' | 'enhanceImage' | 'restyleImage' | 'editImage';

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

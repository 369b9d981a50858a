import { type ImageRecord, type JobRecord, terminalJobStatuses, type Viewer } from '@atelier/domain';
import type { App } from '../app';
import { follow } from '../http/follow-updates';
import { failedJobError, OpenAiError } from './openai-errors';
import { mimeOfFormat } from './openai-requests';

export interface ImagesAnswer {
  created: number;
  data: ({ url: string; revised_prompt: string } | { b64_json: string; revised_prompt: string })[];
  output_format: string;
  size: string;
}

/** Follows the job until it ends, `ms` passes or `signal` aborts (the caller hung up); the job as last seen. */
export function waitForEnd(
  app: App,
  viewer: Viewer,
  job: JobRecord,
  ms: number,
  signal: AbortSignal,
): Promise<JobRecord> {
  return follow(job, app.services.jobs.watch(viewer, job.id, job.seq), {
    pick: (update) => update,
    done: (latest) => terminalJobStatuses.includes(latest.status),
    ms,
    signal,
    onUpdate: async () => undefined,
  });
}

/**
 * OpenAI's answer for a finished job: each image as a URL (an Atelier file URL, readable with the same
 * token) or inline base64, with the prompt actually sent; a job that did not succeed as its error.
 */
export async function imagesAnswer(
  app: App,
  viewer: Viewer,
  job: JobRecord,
  options: {
    baseUrl: string;
    format: 'url' | 'b64_json';
    outputFormat: keyof typeof mimeOfFormat | undefined;
  },
): Promise<ImagesAnswer> {
  if (job.status !== 'SUCCEEDED') {
    if (terminalJobStatuses.includes(job.status)) throw failedJobError(job);
    throw new OpenAiError(
      504,
      'server_error',
      `The job is still ${job.status.toLowerCase()} (${Math.round(job.progress * 100)}%); it goes on and its images will be in the gallery (job ${job.id}).`,
      'timeout',
    );
  }
  const [images = []] = await app.services.jobs.imagesOf(viewer, [job.id]);
  const mime = options.outputFormat ? mimeOfFormat[options.outputFormat] : null;
  const data = await Promise.all(images.map((image) => imageEntry(app, image, options, mime)));
  const first = images[0];
  return {
    created: Math.floor((job.finishedAt ?? new Date()).getTime() / 1000),
    data,
    output_format: formatName(mime ?? first?.mime ?? 'image/png'),
    size: first ? `${first.width}x${first.height}` : 'auto',
  };
}

async function imageEntry(
  app: App,
  image: ImageRecord,
  options: { baseUrl: string; format: 'url' | 'b64_json' },
  mime: (typeof mimeOfFormat)[keyof typeof mimeOfFormat] | null,
): Promise<{ url: string; revised_prompt: string } | { b64_json: string; revised_prompt: string }> {
  if (options.format === 'url') {
    return { url: `${options.baseUrl}/files/${image.blobKey}`, revised_prompt: image.prompt };
  }
  const bytes = await app.uploadedImageJobs.bytesOf(image, mime);
  if (!bytes) {
    throw new OpenAiError(
      503,
      'server_error',
      `The file of image ${image.id} cannot be read right now`,
      'storage_error',
      null,
      30,
    );
  }
  return { b64_json: bytes.toString('base64'), revised_prompt: image.prompt };
}

const formatName = (mime: string) =>
  mime === 'image/jpeg' ? 'jpeg' : mime === 'image/webp' ? 'webp' : 'png';

import { z } from 'zod';
import { ProviderError } from '../errors';
import { type HttpResponse, request } from '../http';
import type { ImageMime } from '../image-provider';
import { backoffMs, type RetryPolicy, sleep } from '../retry';
import { afterSending, errorFromResponse } from './ideogram-errors';

export interface UploadFile {
  bytes: Buffer;
  mime: ImageMime;
  filename: string;
}

/** One multipart field: text, a file, or repeated values (one part per item). */
export type FormValue =
  string | number | UploadFile | readonly UploadFile[] | readonly string[] | null | undefined;

const extensions: Record<ImageMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

export function upload(name: string, image: { bytes: Buffer; mime: ImageMime }): UploadFile {
  return { bytes: image.bytes, mime: image.mime, filename: `${name}.${extensions[image.mime]}` };
}

/**
 * Multipart body as Ideogram reads it: text parts for scalars (JSON objects such as `image_request`
 * as text too), file parts with a filename and their real Content-Type, arrays as repeated fields.
 */
export function buildForm(fields: Record<string, FormValue>): FormData {
  const form = new FormData();
  const appendOne = (name: string, value: string | UploadFile): void => {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([Uint8Array.from(value.bytes)], { type: value.mime }), value.filename);
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') form.append(name, String(value));
    else if (Array.isArray(value)) {
      for (const item of value as readonly (string | UploadFile)[]) appendOne(name, item);
    } else appendOne(name, value as string | UploadFile);
  }
  return form;
}

export interface IdeogramItem {
  url: string | null;
  /** The prompt Ideogram used: Magic Prompt's rewrite when it ran. */
  prompt: string | null;
  resolution: string | null;
  upscaledResolution: string | null;
  safe: boolean;
  seed: number | null;
  styleType: string | null;
}

export interface IdeogramResponse {
  created: Date | null;
  items: IdeogramItem[];
}

const responseSchema = z.object({
  created: z.union([z.string(), z.number()]).nullish(),
  data: z.array(
    z.object({
      url: z.string().nullish(),
      prompt: z.string().nullish(),
      resolution: z.string().nullish(),
      upscaled_resolution: z.string().nullish(),
      is_image_safe: z.boolean().nullish(),
      seed: z.number().nullish(),
      style_type: z.string().nullish(),
    }),
  ),
});

/** ISO-8601 with any number of fraction digits, `Z` or an offset; or a unix time in s or ms. */
export function parseCreated(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const ms =
    typeof value === 'number'
      ? value < 1e12
        ? value * 1000
        : value
      : Date.parse(
          value
            .trim()
            .replace(' ', 'T')
            .replace(/(\.\d{3})\d+/, '$1'),
        );
  return Number.isFinite(ms) ? new Date(ms) : null;
}

export function parseResponse(body: unknown, endpoint: string): IdeogramResponse {
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success || parsed.data.data.length === 0) {
    throw new ProviderError({
      code: 'API_ERROR',
      message: `Ideogram's answer from ${endpoint} had no images in it`,
      details: { endpoint, body: typeof body === 'string' ? body.slice(0, 500) : body },
    });
  }
  return {
    created: parseCreated(parsed.data.created),
    items: parsed.data.data.map((item) => {
      const url = item.url ? item.url : null;
      return {
        url,
        prompt: item.prompt ?? null,
        resolution: item.resolution ?? null,
        upscaledResolution: item.upscaled_resolution ?? null,
        safe: item.is_image_safe !== false && url !== null,
        seed: typeof item.seed === 'number' && Number.isSafeInteger(item.seed) ? item.seed : null,
        styleType: item.style_type ?? null,
      };
    }),
  };
}

export interface IdeogramClientOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  retryPolicy: RetryPolicy;
  random: () => number;
  now: () => number;
}

export interface PostContext {
  signal: AbortSignal;
  /** `startedAt`: when the request that failed was sent. */
  onRetry: (error: ProviderError, waitMs: number, startedAt: Date) => void;
}

/**
 * POSTs one multipart request. Sent again only after a 429 (nothing ran) or a connection failure
 * that proves the request never left; any other failure may already have been billed.
 */
export async function postForm(
  options: IdeogramClientOptions,
  endpoint: string,
  form: FormData,
  context: PostContext,
): Promise<IdeogramResponse> {
  const url = new URL(endpoint, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).href;
  for (let attempt = 1; ; attempt++) {
    const startedAt = new Date();
    const outcome = await sendOnce(options, url, endpoint, form, context.signal);
    if (!(outcome instanceof ProviderError)) return outcome;
    if (attempt > options.retryPolicy.retries) throw outcome;
    const waitMs = backoffMs(options.retryPolicy, attempt, outcome.retryAfterMs, options.random);
    context.onRetry(outcome, waitMs, startedAt);
    await sleep(waitMs, context.signal);
  }
}

/** The parsed answer, or a failure that is safe to send again; anything else is thrown. */
async function sendOnce(
  options: IdeogramClientOptions,
  url: string,
  endpoint: string,
  form: FormData,
  signal: AbortSignal,
): Promise<IdeogramResponse | ProviderError> {
  let response: HttpResponse;
  try {
    response = await request(url, {
      method: 'POST',
      headers: { 'Api-Key': options.apiKey, Accept: 'application/json' },
      body: form,
      timeoutMs: options.timeoutMs,
      signal,
      provider: 'Ideogram',
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.details.sent === false) return error;
    throw afterSending(error, endpoint);
  }
  if (response.status === 200) return parseResponse(response.body, endpoint);
  const failure = errorFromResponse(response, endpoint, options.now);
  if (failure.code === 'RATE_LIMIT') return failure;
  throw failure;
}

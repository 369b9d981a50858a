/**
 * BFL's task protocol: submit once, poll the returned `polling_url` until a terminal status, then
 * download `result.sample` at once (it expires after 10 minutes). A failed poll or download is
 * repeated against the same task; a submit is sent again only when it provably never arrived or
 * was refused with 429, because every accepted submit is a billed task.
 */
import { ProviderError } from '../errors';
import { downloadImage, hostAllowed, request, type ResultFetcher } from '../http';
import type { ImageMime } from '../image-provider';
import { backoffMs, type RetryPolicy, sleep, withRetry } from '../retry';
import { httpError, mayResubmit, submitNetworkError, type TaskFailure, taskError } from './flux-errors';
import { FluxProgress, type FluxProgressUpdate, nextPollDelay } from './flux-progress';

export interface FluxClientConfig {
  apiKey: string;
  /** e.g. https://api.bfl.ai (no trailing /v1). */
  baseUrl: string;
  /** Hosts that may receive `x-key` (exact `host[:port]` or `*.domain`). */
  trustedHosts: readonly string[];
  /** Hosts results may be downloaded from. */
  deliveryHosts: readonly string[];
  fetchResult?: ResultFetcher;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  timeoutMs: number;
  requestTimeoutMs: number;
  retryPolicy: RetryPolicy;
  random: () => number;
  now: () => number;
  maxImageBytes: number;
}

export interface FluxTask {
  id: string;
  pollingUrl: string;
  costCredits: number | null;
  inputMp: number | null;
  outputMp: number | null;
}

export interface FluxOutput {
  bytes: Buffer;
  mime: ImageMime;
  taskId: string;
  seed: number | null;
  /** The prompt BFL reports it used (the upsampled one when prompt upsampling was on). */
  prompt: string | null;
  costCredits: number | null;
  inputMp: number | null;
  outputMp: number | null;
  providerMs: number | null;
}

const PROVIDER = 'Flux';
const FAILURES = new Map<string, TaskFailure>([
  ['Error', 'Error'],
  ['Failed', 'Error'],
  ['Request Moderated', 'Request Moderated'],
  ['Content Moderated', 'Content Moderated'],
  ['Task not found', 'Task not found'],
]);

type Json = Record<string, unknown>;

const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export class FluxClient {
  private readonly base: URL;

  constructor(private readonly config: FluxClientConfig) {
    this.base = new URL(config.baseUrl);
  }

  /** Submits one task and returns its image; `timeoutMs` bounds the whole task. */
  async run(
    model: string,
    body: Json,
    signal: AbortSignal,
    onProgress: (update: FluxProgressUpdate) => void,
    onRetriedCall?: (error: ProviderError, startedAt: Date) => void,
  ): Promise<FluxOutput> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.config.timeoutMs);
    const inner = AbortSignal.any([signal, deadline.signal]);
    let task: FluxTask | null = null;
    const trouble: { last: ProviderError | null } = { last: null };
    try {
      onProgress({ progress: 0, stage: 'Flux: submitting' });
      task = await this.submit(model, body, inner, onRetriedCall);
      const progress = new FluxProgress();
      onProgress(progress.running('Pending', null));
      const finished = await this.pollUntilDone(task, model, inner, progress, onProgress, (error) => {
        trouble.last = error;
      });
      onProgress({ progress: Math.max(progress.current, 0.99), stage: 'Flux: downloading the image' });
      return await this.fetchResult(task, model, finished, inner);
    } catch (error) {
      if (deadline.signal.aborted && !signal.aborted) {
        const { last } = trouble;
        throw new ProviderError({
          code: 'TIMEOUT',
          message:
            `Flux did not finish within ${Math.round(this.config.timeoutMs / 1000)} s` +
            (last ? ` (the last poll failed: ${last.message})` : ''),
          // The task may still finish and be billed: a new submit would pay twice.
          retryable: false,
          details: { taskId: task?.id ?? null, ...(last && { lastError: last.message }) },
        });
      }
      if (signal.aborted) throw new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- submit --------------------------------------------------------------------------------

  async submit(
    model: string,
    body: Json,
    signal: AbortSignal,
    onRetriedCall?: (error: ProviderError, startedAt: Date) => void,
  ): Promise<FluxTask> {
    const policy = this.config.retryPolicy;
    for (let attempt = 1; ; attempt++) {
      const startedAt = new Date();
      try {
        return await this.submitOnce(model, body, signal);
      } catch (error) {
        if (!(error instanceof ProviderError) || !mayResubmit(error) || attempt > policy.retries) throw error;
        onRetriedCall?.(error, startedAt);
        await sleep(backoffMs(policy, attempt, error.retryAfterMs, this.config.random), signal);
      }
    }
  }

  private async submitOnce(model: string, body: Json, signal: AbortSignal): Promise<FluxTask> {
    const url = new URL(`v1/${model}`, this.base.href.endsWith('/') ? this.base : `${this.base.href}/`);
    let response;
    try {
      response = await request(url.href, {
        method: 'POST',
        headers: { ...this.keyFor(url), 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        timeoutMs: this.config.requestTimeoutMs,
        signal,
        provider: PROVIDER,
      });
    } catch (error) {
      throw error instanceof ProviderError ? submitNetworkError(error) : error;
    }
    if (response.status < 200 || response.status >= 300) {
      throw httpError(response.status, response.body, response.headers, {
        phase: 'submit',
        model,
        now: this.config.now,
      });
    }
    const answer = (response.body && typeof response.body === 'object' ? response.body : {}) as Json;
    const id = typeof answer.id === 'string' && answer.id !== '' ? answer.id : null;
    if (id === null) {
      throw new ProviderError({
        code: 'API_ERROR',
        message: 'Black Forest Labs accepted the request but did not say which task it created',
        details: { phase: 'submit', model },
      });
    }
    return {
      id,
      pollingUrl: this.pollingUrl(answer.polling_url, id),
      costCredits: numberOrNull(answer.cost),
      inputMp: numberOrNull(answer.input_mp),
      outputMp: numberOrNull(answer.output_mp),
    };
  }

  /** The returned polling URL verbatim (with `id` added if missing), or get_result on our base. */
  private pollingUrl(raw: unknown, id: string): string {
    let url: URL | null = null;
    if (typeof raw === 'string') {
      try {
        url = new URL(raw);
      } catch {
        url = null;
      }
    }
    if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      url = new URL('v1/get_result', this.base.href.endsWith('/') ? this.base : `${this.base.href}/`);
    }
    if (!url.searchParams.has('id')) url.searchParams.set('id', id);
    return url.href;
  }

  /**
   * `x-key` only for trusted hosts, over https; plain http only when the operator configured an
   * http base URL (a local fake).
   */
  private keyFor(url: URL): Record<string, string> {
    const secure = url.protocol === 'https:' || this.base.protocol === 'http:';
    return secure && (url.host === this.base.host || hostAllowed(url, this.config.trustedHosts))
      ? { 'x-key': this.config.apiKey }
      : {};
  }

  // ---- poll ----------------------------------------------------------------------------------

  private async pollUntilDone(
    task: FluxTask,
    model: string,
    signal: AbortSignal,
    progress: FluxProgress,
    onProgress: (update: FluxProgressUpdate) => void,
    onTrouble: (error: ProviderError) => void,
  ): Promise<Json> {
    const started = this.config.now();
    const { pollIntervalMs, maxPollIntervalMs } = this.config;
    for (;;) {
      await sleep(
        nextPollDelay(this.config.now() - started, pollIntervalMs, maxPollIntervalMs, progress.fraction),
        signal,
      );
      let answer: Json;
      try {
        answer = await this.pollWithRetry(task, model, signal);
      } catch (error) {
        // The task exists and may be billed: keep asking about it until the deadline.
        if (!(error instanceof ProviderError) || !error.retryable) throw error;
        onTrouble(error);
        continue;
      }
      const status = statusOf(answer);
      if (status === 'Ready') return answer;
      const failure = status === null ? undefined : FAILURES.get(status);
      if (failure) throw taskError(failure, answer, task.id);
      // Pending, the newer Reasoning/Generating, and statuses we do not know yet: still running.
      onProgress(progress.running(status ?? 'Pending', answer.progress));
    }
  }

  private pollWithRetry(task: FluxTask, model: string, signal: AbortSignal): Promise<Json> {
    return withRetry(() => this.pollOnce(task, model, signal), {
      policy: this.config.retryPolicy,
      signal,
      random: this.config.random,
    });
  }

  private async pollOnce(task: FluxTask, model: string, signal: AbortSignal): Promise<Json> {
    const url = new URL(task.pollingUrl);
    const response = await request(url.href, {
      method: 'GET',
      headers: { ...this.keyFor(url), accept: 'application/json' },
      timeoutMs: this.config.requestTimeoutMs,
      signal,
      provider: PROVIDER,
    });
    const answer = response.body && typeof response.body === 'object' ? (response.body as Json) : null;
    if (response.status === 404) return { ...answer, id: task.id, status: 'Task not found' };
    if (response.status !== 200) {
      throw httpError(response.status, response.body, response.headers, {
        phase: 'poll',
        model,
        now: this.config.now,
      });
    }
    if (answer === null || statusOf(answer) === null) {
      throw new ProviderError({
        code: 'API_ERROR',
        message: 'Black Forest Labs answered a poll without a task status',
        retryable: true,
        details: { taskId: task.id },
      });
    }
    return answer;
  }

  // ---- result --------------------------------------------------------------------------------

  private async fetchResult(
    task: FluxTask,
    model: string,
    answer: Json,
    signal: AbortSignal,
  ): Promise<FluxOutput> {
    let result = resultOf(answer);
    let image: { bytes: Buffer; mime: ImageMime };
    try {
      image = await this.download(result.sample, task.id, signal);
    } catch (error) {
      if (!isDeadLink(error)) throw error;
      // The link may have been re-signed: ask the same task again, never submit a new one.
      const again = await this.pollWithRetry(task, model, signal);
      const fresh = statusOf(again) === 'Ready' ? resultOf(again) : null;
      if (fresh === null || fresh.sample === result.sample) throw error;
      result = fresh;
      image = await this.download(result.sample, task.id, signal);
    }
    const start = numberOrNull(result.record.start_time);
    const end = numberOrNull(result.record.end_time);
    const duration =
      numberOrNull(result.record.duration) ?? (start !== null && end !== null ? end - start : null);
    return {
      ...image,
      taskId: task.id,
      seed: numberOrNull(result.record.seed),
      prompt: typeof result.record.prompt === 'string' ? result.record.prompt : null,
      costCredits: task.costCredits ?? numberOrNull(result.record.cost),
      inputMp: task.inputMp,
      outputMp: task.outputMp,
      providerMs: duration === null || duration < 0 ? null : Math.round(duration * 1000),
    };
  }

  private async download(sample: string, taskId: string, signal: AbortSignal) {
    try {
      return await withRetry(
        () =>
          downloadImage(sample, {
            allowedHosts: this.config.deliveryHosts,
            ...(this.config.fetchResult && { fetcher: this.config.fetchResult }),
            maxBytes: this.config.maxImageBytes,
            timeoutMs: this.config.requestTimeoutMs,
            signal,
            provider: PROVIDER,
          }),
        { policy: this.config.retryPolicy, signal, random: this.config.random },
      );
    } catch (error) {
      if (!(error instanceof ProviderError) || error.code === 'CANCELED') throw error;
      throw new ProviderError({
        code: error.code,
        message: isDeadLink(error)
          ? `Flux's result link no longer works (HTTP ${String(error.details.status)}); links expire 10 minutes after the image is ready`
          : error.message,
        retryable: error.retryable,
        details: { ...error.details, taskId },
      });
    }
  }
}

function statusOf(answer: Json): string | null {
  if (typeof answer.status === 'string') return answer.status;
  return typeof answer.state === 'string' ? answer.state : null;
}

function resultOf(answer: Json): { sample: string; record: Json } {
  const record = (answer.result && typeof answer.result === 'object' ? answer.result : {}) as Json;
  const samples = Array.isArray(record.samples) ? (record.samples as unknown[]) : [];
  const sample =
    typeof record.sample === 'string' ? record.sample : samples.find((s) => typeof s === 'string');
  if (typeof sample !== 'string') {
    throw new ProviderError({
      code: 'API_ERROR',
      message: 'Black Forest Labs reported the task Ready but gave no image link',
      details: { taskId: answer.id },
    });
  }
  return { sample, record };
}

function isDeadLink(error: unknown): boolean {
  const status = error instanceof ProviderError ? error.details.status : undefined;
  return (
    error instanceof ProviderError &&
    error.code === 'API_ERROR' &&
    (status === 403 || status === 404 || status === 410)
  );
}

import type { EnhanceCapability, Operation } from '../capabilities';
import { ProviderError, throwIfAborted, unsupported } from '../errors';
import type {
  EnhanceRequest,
  GenerateRequest,
  ImageProvider,
  ProviderImage,
  ProviderResult,
  RunContext,
} from '../image-provider';
import type { ResultFetcher } from '../http';
import { defaultRetryPolicy, type RetryPolicy } from '../retry';
import { Semaphore } from '../semaphore';
import { FluxClient, type FluxOutput } from './flux.client';
import { editBody, expandBody, generateBody, restyleBody, varyBody } from './flux-bodies';
import { checkRequest, fluxCapabilities, type FluxModel, modelForOperation } from './flux-models';
import type { FluxProgressUpdate } from './flux-progress';

export interface FluxProviderOptions {
  /** null: Flux is listed as unavailable and every call fails with UNAUTHORIZED, sending nothing. */
  apiKey: string | null;
  /** https://api.bfl.ai (global), https://api.eu.bfl.ai or https://api.us.bfl.ai. */
  baseUrl?: string;
  /** Hosts that may receive the key; default the base URL's host and `*.bfl.ai`. */
  trustedHosts?: readonly string[];
  /** Hosts results may be downloaded from; default `*.bfl.ai` and BFL's old Azure blob host. */
  deliveryHosts?: readonly string[];
  /** Downloads results instead of the built-in fetch (and then `deliveryHosts` is not consulted). */
  fetchResult?: ResultFetcher;
  /** Active BFL tasks at once (BFL's account limit is 24); more wait for a slot. */
  maxConcurrency?: number;
  /** Active flux-kontext-max tasks at once (BFL's limit is 6). */
  kontextMaxConcurrency?: number;
  /** First poll delay; later polls back off towards `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Deadline for one task, from submit to downloaded image. */
  timeoutMs?: number;
  /** Deadline for one HTTP call. */
  requestTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
  random?: () => number;
  now?: () => number;
  /** Flux has no upscaler: Enhance runs this (the API passes the local ESRGAN enhancer). */
  enhance?: (request: EnhanceRequest, context: RunContext) => Promise<ProviderResult>;
  /** The scales `enhance` offers. */
  enhanceScales?: readonly number[];
  maxImageBytes?: number;
}

const DEFAULT_BASE_URL = 'https://api.bfl.ai';
const DELIVERY_HOSTS = ['*.bfl.ai', 'bfldeliveryprod.blob.core.windows.net'];
const NO_KEY = 'Set BFL_API_KEY to use Flux';

export function createFluxProvider(options: FluxProviderOptions): ImageProvider {
  const apiKey = options.apiKey?.trim() || null;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const enhanceCapability: EnhanceCapability | null = options.enhance
    ? {
        scales: options.enhanceScales ?? [2, 4],
        ai: true,
        note: 'Flux has no upscaler; Atelier upscales locally with ESRGAN.',
      }
    : null;
  const capabilities = fluxCapabilities(enhanceCapability);
  const client =
    apiKey === null
      ? null
      : new FluxClient({
          apiKey,
          baseUrl,
          trustedHosts: options.trustedHosts ?? [new URL(baseUrl).host, '*.bfl.ai'],
          deliveryHosts: options.deliveryHosts ?? DELIVERY_HOSTS,
          ...(options.fetchResult && { fetchResult: options.fetchResult }),
          pollIntervalMs: options.pollIntervalMs ?? 250,
          maxPollIntervalMs: options.maxPollIntervalMs ?? 4000,
          timeoutMs: options.timeoutMs ?? 300_000,
          requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
          retryPolicy: options.retryPolicy ?? defaultRetryPolicy,
          random: options.random ?? Math.random,
          now: options.now ?? Date.now,
          maxImageBytes: options.maxImageBytes ?? 64 * 1024 * 1024,
        });
  const slots = new Semaphore(options.maxConcurrency ?? 24);
  const kontextMaxSlots = new Semaphore(options.kontextMaxConcurrency ?? 6);

  function ready(context: RunContext): FluxClient {
    if (client === null) throw new ProviderError({ code: 'UNAUTHORIZED', message: NO_KEY });
    throwIfAborted(context.signal);
    return client;
  }

  async function slot(semaphore: Semaphore, context: RunContext, waiting: () => void): Promise<() => void> {
    if (semaphore.inUse >= semaphore.capacity || semaphore.queued > 0) waiting();
    return semaphore.acquire(1, context.signal);
  }

  /** One BFL task per image: BFL makes one image per task, so `count` n is n tasks. */
  async function runTasks(
    operation: Operation,
    request: GenerateRequest,
    body: (model: FluxModel, seed: number) => Record<string, unknown>,
    context: RunContext,
    promptRequired: boolean,
  ): Promise<ProviderResult> {
    const flux = ready(context);
    const model = modelForOperation(request.model, operation);
    checkRequest(model, request, promptRequired);
    const seeds = Array.from({ length: request.count }, (_, index) => request.params.seed + index);
    const bodies = seeds.map((seed) => body(model, seed));

    const progress = seeds.map(() => 0);
    let reported = 0;
    const report = (index: number, update: FluxProgressUpdate) => {
      progress[index] = update.progress;
      reported = Math.max(reported, progress.reduce((sum, value) => sum + value, 0) / progress.length);
      const which = seeds.length > 1 ? ` (image ${index + 1} of ${seeds.length})` : '';
      context.onProgress({ progress: reported, stage: `${update.stage}${which}` });
    };

    const runOne = async (index: number): Promise<FluxOutput> => {
      const releases: (() => void)[] = [];
      const waiting = () => report(index, { progress: 0, stage: 'waiting for a free Flux slot' });
      try {
        if (model.pool === 'kontext-max') releases.push(await slot(kontextMaxSlots, context, waiting));
        releases.push(await slot(slots, context, waiting));
        const output = await flux.run(
          model.capabilities.id,
          bodies[index]!,
          context.signal,
          (update) => report(index, update),
          context.onRetriedCall,
        );
        context.onImage?.(toImage(output, model, bodies[index]!, seeds[index]!), index);
        return output;
      } finally {
        releases.reverse().forEach((release) => release());
      }
    };

    const outcomes = await Promise.allSettled(seeds.map((_, index) => runOne(index)));
    if (context.signal.aborted) {
      throw new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
    }
    const images: ProviderImage[] = [];
    const outputs: FluxOutput[] = [];
    const failures: ProviderError[] = [];
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        failures.push(asProviderError(outcome.reason));
        return;
      }
      outputs.push(outcome.value);
      images.push(toImage(outcome.value, model, bodies[index]!, seeds[index]!));
    });
    // Images already paid for are kept even when a sibling task failed.
    if (images.length === 0) throw failures[0]!;
    const withheld = failures.filter(
      (error) => error.code === 'CONTENT_FILTER' && error.details.stage === 'content',
    );
    const costs = outputs.map((output) => output.costCredits).filter((cost) => cost !== null);
    const times = outputs.map((output) => output.providerMs).filter((ms) => ms !== null);
    return {
      images,
      withheld: withheld.length,
      costUsd:
        costs.length === 0
          ? null
          : Math.round(costs.reduce((sum, credits) => sum + credits, 0) * 10_000) / 1_000_000,
      // Tasks run side by side, so the longest is the provider's share of the wait.
      providerMs: times.length === 0 ? null : Math.max(...times),
    };
  }

  return {
    id: 'flux',
    displayName: 'Flux (Black Forest Labs)',
    description:
      "Black Forest Labs' FLUX family of AI image models (FLUX.2, FLUX1.1 [pro] and ultra, FLUX.1 [dev], Kontext, Fill, Expand), " +
      "called over BFL's API. Needs a BFL API key; every image is billed to that account in BFL credits.",
    capabilities,
    availability: () =>
      apiKey === null ? { available: false, reason: NO_KEY } : { available: true, reason: null },
    generate: (request, context) =>
      runTasks('GENERATE', request, (model, seed) => generateBody(model, request, seed), context, true),
    vary: (request, context) =>
      runTasks('VARIATION', request, (model, seed) => varyBody(model, request, seed), context, false),
    restyle: (request, context) =>
      runTasks('RESTYLE', request, (model, seed) => restyleBody(model, request, seed), context, false),
    edit: (request, context) =>
      runTasks('EDIT', request, (model, seed) => editBody(model, request, seed), context, false),
    expand: (request, context) =>
      runTasks(
        'OUTPAINT',
        { ...request, prompt: request.prompt ?? '' },
        (model, seed) => expandBody(model, request, seed),
        context,
        false,
      ),
    enhance: async (request, context) => {
      ready(context);
      if (!options.enhance) throw unsupported('Flux', 'enhance images: it has no upscaler');
      return options.enhance(request, context);
    },
  };
}

function toImage(
  output: FluxOutput,
  model: FluxModel,
  body: Record<string, unknown>,
  seed: number,
): ProviderImage {
  const width = typeof body.width === 'number' ? body.width : undefined;
  const height = typeof body.height === 'number' ? body.height : undefined;
  return {
    bytes: output.bytes,
    mime: output.mime,
    ...(width !== undefined && height !== undefined && { width, height }),
    seed: output.seed ?? seed,
    model: model.capabilities.id,
    metadata: {
      taskId: output.taskId,
      model: model.capabilities.id,
      seed: output.seed,
      ...(output.prompt !== null && { prompt: output.prompt }),
      ...(output.costCredits !== null && { costCredits: output.costCredits }),
      ...(output.inputMp !== null && { inputMegapixels: output.inputMp }),
      ...(output.outputMp !== null && { outputMegapixels: output.outputMp }),
    },
  };
}

function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError({
    code: 'API_ERROR',
    message: `Flux failed: ${error instanceof Error ? error.message : String(error)}`,
  });
}

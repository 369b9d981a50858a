import type { JobRecord } from '@atelier/domain';
import {
  type Attempt,
  findModel,
  type ImageProvider,
  modelFor,
  ProviderError,
  type ProviderResult,
  type RunContext,
  type SourceImage,
} from '@atelier/providers';
import { reportProviderCall } from '../../metrics/provider-calls';
import { adaptParams } from '../../providers/image-params';

export type Sources = {
  source: SourceImage | null;
  styleReference: SourceImage | null;
  mask: SourceImage | null;
};

/** The provider call for a job: the model for its operation on this provider, and the request. */
export function buildCall(job: JobRecord, provider: ImageProvider, sources: Sources) {
  const { input, kind } = job;
  if (kind === 'ENHANCE') {
    return {
      model: null,
      run: observed(provider.id, null, (context: RunContext) =>
        provider.enhance({ source: sources.source!, scale: input.scale ?? 2, prompt: input.prompt }, context),
      ),
    };
  }
  if (kind === 'ADJUST') {
    // Editor adjustments are applied with sharp by the job runner, never sent to a provider.
    return {
      model: null,
      run: () =>
        Promise.reject(
          new ProviderError({ code: 'UNSUPPORTED', message: 'Editor adjustments are not a provider call' }),
        ),
    };
  }
  const model =
    (provider.id === input.provider && input.model
      ? findModel(provider.capabilities, input.model)
      : undefined) ?? modelFor(provider.capabilities, kind);
  if (!model) {
    return {
      model: null,
      run: () =>
        Promise.reject(
          new ProviderError({ code: 'UNSUPPORTED', message: `${provider.displayName} cannot do this` }),
        ),
    };
  }
  const { count, ...params } = adaptParams(input, model);
  const base = { prompt: input.prompt, model: model.id, params, count };
  const run = (context: RunContext): Promise<ProviderResult> => {
    switch (kind) {
      case 'GENERATE':
        return provider.generate(base, context);
      case 'VARIATION':
        return provider.vary(
          { ...base, source: sources.source!, strength: input.strength ?? 'SUBTLE' },
          context,
        );
      case 'RESTYLE':
        return provider.restyle(
          {
            ...base,
            source: sources.source!,
            styleText: input.styleText,
            styleReference: sources.styleReference,
          },
          context,
        );
      case 'EDIT':
        return provider.edit({ ...base, source: sources.source!, mask: sources.mask! }, context);
      case 'OUTPAINT':
        return provider.expand(
          {
            ...base,
            source: sources.source!,
            prompt: input.prompt.trim() || null,
            top: input.margins?.top ?? 0,
            right: input.margins?.right ?? 0,
            bottom: input.margins?.bottom ?? 0,
            left: input.margins?.left ?? 0,
          },
          context,
        );
    }
  };
  return { model: model.id, run: observed(provider.id, model.id, run) };
}

/** The call, reported to the metrics as it ends (how long, and SUCCEEDED or its error code). */
function observed(
  provider: string,
  model: string | null,
  run: (context: RunContext) => Promise<ProviderResult>,
): (context: RunContext) => Promise<ProviderResult> {
  return (context) => {
    const started = performance.now();
    const report = (outcome: string) =>
      reportProviderCall({ provider, model, outcome, seconds: (performance.now() - started) / 1000 });
    return run(context).then(
      (result) => {
        report('SUCCEEDED');
        return result;
      },
      (error: unknown) => {
        report(error instanceof ProviderError ? error.code : 'API_ERROR');
        throw error;
      },
    );
  };
}

/** A request the provider made again by itself (after a 429, say): a call of its own that failed. */
export function retriedCall(
  provider: string,
  model: string | null,
  error: ProviderError,
  startedAt: Date,
): Attempt {
  const finishedAt = new Date();
  const latencyMs = Math.max(0, finishedAt.getTime() - startedAt.getTime());
  reportProviderCall({ provider, model, outcome: error.code, seconds: latencyMs / 1000 });
  return {
    provider,
    model,
    outcome: error.code,
    message: error.message,
    startedAt,
    finishedAt,
    latencyMs,
    costUsd: null,
    withheld: 0,
  };
}

export function reason(error: ProviderError): string {
  const words: Partial<Record<ProviderError['code'], string>> = {
    RATE_LIMIT: 'rate limited',
    INSUFFICIENT_CREDITS: 'out of credits',
    UNAUTHORIZED: 'key rejected',
    TIMEOUT: 'timed out',
    PROVIDER_UNAVAILABLE: 'unavailable',
    UNSUPPORTED: 'cannot do this',
  };
  return words[error.code] ?? error.message;
}

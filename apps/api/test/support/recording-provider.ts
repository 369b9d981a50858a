import type { ImageProvider, ProviderResult, RunContext } from '@atelier/providers';

export interface RecordedCall {
  operation: 'generate' | 'vary' | 'enhance' | 'restyle' | 'edit' | 'expand';
  request: any;
  signal: AbortSignal;
  outcome: Promise<ProviderResult>;
}

/** Wraps a real provider and records every call, so tests can see what the worker asked and whether it aborted. */
export function recordingProvider(inner: ImageProvider): ImageProvider & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const record =
    <R>(
      operation: RecordedCall['operation'],
      call: (request: R, context: RunContext) => Promise<ProviderResult>,
    ) =>
    (request: R, context: RunContext) => {
      const outcome = call(request, context);
      calls.push({ operation, request, signal: context.signal, outcome });
      return outcome;
    };
  return {
    id: inner.id,
    displayName: inner.displayName,
    description: inner.description,
    capabilities: inner.capabilities,
    availability: () => inner.availability(),
    calls,
    generate: record('generate', (request, context) => inner.generate(request, context)),
    vary: record('vary', (request, context) => inner.vary(request, context)),
    enhance: record('enhance', (request, context) => inner.enhance(request, context)),
    restyle: record('restyle', (request, context) => inner.restyle(request, context)),
    edit: record('edit', (request, context) => inner.edit(request, context)),
    expand: record('expand', (request, context) => inner.expand(request, context)),
  };
}

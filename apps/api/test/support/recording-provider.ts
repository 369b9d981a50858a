import type { GenerateRequest, ImageProvider, ProviderImage, RunContext } from '@atelier/providers';

export interface RecordedCall {
  request: GenerateRequest;
  signal: AbortSignal;
  outcome: Promise<ProviderImage[]>;
}

/** Wraps a real provider and records every call, so tests can see what the worker asked and whether it aborted. */
export function recordingProvider(inner: ImageProvider): ImageProvider & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    id: inner.id,
    displayName: inner.displayName,
    description: inner.description,
    capabilities: inner.capabilities,
    availability: () => inner.availability(),
    calls,
    generate(request: GenerateRequest, context: RunContext) {
      const outcome = inner.generate(request, context);
      calls.push({ request, signal: context.signal, outcome });
      return outcome;
    },
  };
}

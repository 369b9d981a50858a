/** One provider call as it ended: who, which model, how it went and how long it took. */
export interface ProviderCallObservation {
  provider: string;
  model: string | null;
  /** SUCCEEDED, or the ProviderError code it failed with. */
  outcome: string;
  seconds: number;
}

type Observer = (call: ProviderCallObservation) => void;

// Provider calls are made deep in the job runner; the metrics of this process listen here rather
// than being handed down through every layer. Nothing listens unless metrics are on.
const observers = new Set<Observer>();

/** Calls `observer` for every provider call this process makes, until the returned function is called. */
export function observeProviderCalls(observer: Observer): () => void {
  observers.add(observer);
  return () => void observers.delete(observer);
}

export function reportProviderCall(call: ProviderCallObservation): void {
  for (const observer of observers) observer(call);
}

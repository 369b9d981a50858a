import { ProviderError } from '../errors';
import type { ProviderImage, ProviderResult } from '../image-provider';

/** Runs one operation and turns anything that is not already a ProviderError into one. */
export async function guarded<T>(what: string, signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (signal.aborted) throw new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
    throw new ProviderError({
      code: 'API_ERROR',
      message: `The local ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** Local work costs nothing and withholds nothing. */
export const localResult = (images: ProviderImage[], providerMs: number | null = null): ProviderResult => ({
  images,
  withheld: 0,
  costUsd: 0,
  providerMs,
});

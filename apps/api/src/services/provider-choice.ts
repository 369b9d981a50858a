import { type FieldIssue, type ImageRecord, InvalidInputError } from '@atelier/domain';
import {
  findModel,
  type ImageProvider,
  modelFor,
  type ModelCapabilities,
  type Operation,
} from '@atelier/providers';
import type { ProviderRegistry } from '../providers/provider-registry';

/** What a request is run with when it names no provider and its source image's cannot do it. */
export const DEFAULT_PROVIDER = 'local';

export interface Picked {
  provider: ImageProvider;
  model: ModelCapabilities | null;
}

/**
 * Which provider and model run an operation, and which providers to fall back on, checked against
 * what this process has configured; a bad choice is an InvalidInputError naming the field.
 */
export class ProviderChoice {
  constructor(
    private readonly providers: ProviderRegistry,
    /** Fallback chain used when a request names none (config). */
    private readonly defaultFallback: readonly string[],
  ) {}

  /**
   * The provider (and model) for an operation: the one asked for, else the source image's own
   * when it can do it, else the local provider.
   */
  pick(
    operation: Operation,
    requested: string | null,
    source: ImageRecord | null,
    modelId: string | null = null,
  ): Picked {
    const registry = this.providers;
    let provider: ImageProvider | undefined;
    if (requested !== null) {
      provider = registry.find(requested);
      if (!provider) {
        throw new InvalidInputError(
          [
            {
              path: ['input', 'provider'],
              message: `unknown provider "${requested}"; known: ${registry.ids().join(', ')}`,
            },
          ],
          'UNKNOWN_PROVIDER',
        );
      }
      const availability = provider.availability();
      if (!availability.available) {
        throw new InvalidInputError(
          [
            {
              path: ['input', 'provider'],
              message: `${provider.displayName} is unavailable: ${availability.reason ?? 'unknown reason'}`,
            },
          ],
          'PROVIDER_UNAVAILABLE',
        );
      }
      if (!supports(provider, operation)) {
        throw new InvalidInputError(
          [
            {
              path: ['input', 'provider'],
              message: `${provider.displayName} cannot do ${describe(operation)}`,
            },
          ],
          'UNSUPPORTED',
        );
      }
    } else {
      const own = source ? registry.find(source.provider) : undefined;
      provider =
        own && own.availability().available && supports(own, operation)
          ? own
          : registry.find(DEFAULT_PROVIDER);
      if (!provider) {
        throw new InvalidInputError([{ path: ['input', 'provider'], message: 'choose a provider' }]);
      }
    }
    if (operation === 'ENHANCE') return { provider, model: null };
    const model =
      modelId === null
        ? modelFor(provider.capabilities, operation)
        : findModel(provider.capabilities, modelId);
    if (!model || !model.operations.includes(operation)) {
      const offered = provider.capabilities.models
        .filter((m) => m.operations.includes(operation))
        .map((m) => m.id);
      throw new InvalidInputError([
        {
          path: ['input', 'model'],
          message: `${provider.displayName} has no model "${modelId ?? ''}" for ${describe(operation)}; choose one of ${offered.join(', ')}`,
        },
      ]);
    }
    return { provider, model };
  }

  /** The providers to try after `primary`, in order: asked for explicitly (checked), or the configured default (filtered). */
  fallbackChain(
    operation: Operation,
    primary: ImageProvider,
    requested: string[] | null,
    issues: FieldIssue[],
    /** Why a provider cannot take this particular request (e.g. outpaint margins over its limit), or null. */
    refuses: (provider: ImageProvider) => string | null = () => null,
  ): string[] {
    const registry = this.providers;
    if (requested === null) {
      return this.defaultFallback.filter((id) => {
        const provider = registry.find(id);
        return (
          id !== primary.id &&
          provider?.availability().available &&
          supports(provider, operation) &&
          refuses(provider) === null
        );
      });
    }
    for (const id of requested) {
      const provider = registry.find(id);
      const problem = !provider
        ? `unknown provider "${id}"`
        : id === primary.id
          ? `${provider.displayName} is already the first choice`
          : !provider.availability().available
            ? `${provider.displayName} is unavailable: ${provider.availability().reason ?? ''}`
            : !supports(provider, operation)
              ? `${provider.displayName} cannot do ${describe(operation)}`
              : refuses(provider);
      if (problem) issues.push({ path: ['input', 'fallbackProviders'], message: problem });
    }
    return [...new Set(requested)];
  }
}

function supports(provider: ImageProvider, operation: Operation): boolean {
  if (operation === 'ENHANCE') return provider.capabilities.enhance !== null;
  if (operation === 'OUTPAINT' && provider.capabilities.outpaint === null) return false;
  return modelFor(provider.capabilities, operation) !== undefined;
}

export function describe(operation: Operation): string {
  const words: Record<Operation, string> = {
    GENERATE: 'generation',
    VARIATION: 'variations',
    ENHANCE: 'enhancement',
    RESTYLE: 'restyling',
    EDIT: 'edits',
    OUTPAINT: 'outpainting (expanding the canvas)',
  };
  return words[operation];
}

import type { ProviderInfo } from '@atelier/domain';
import type { Operation } from '@atelier/providers';
import { OpenAiError } from './openai-errors';

/** `best`: the first of these that is available makes the image, the others are its fallback chain. */
export const BEST_CHAIN = ['flux', 'ideogram', 'local'] as const;
export const DEFAULT_MODEL = 'local';

/** What an OpenAI `model` names here: a provider, maybe one of its models, and who takes over when it fails. */
export interface ModelChoice {
  provider: string;
  model: string | null;
  fallbackProviders: string[] | null;
}

export interface ListedModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

const usable = (provider: ProviderInfo, operation: Operation) =>
  provider.availability.available &&
  provider.capabilities.models.some((model) => model.operations.includes(operation));

/**
 * `GET /v1/models`: every model of the available providers by its own id, each provider's id as an
 * alias of its default model, and `best` (flux → ideogram → local, as far as they are available).
 */
export function listModels(providers: readonly ProviderInfo[], created: number): ListedModel[] {
  const entry = (id: string, owner: string): ListedModel => ({
    id,
    object: 'model',
    created,
    owned_by: owner,
  });
  const available = providers.filter((provider) => provider.availability.available);
  return [
    entry('best', 'atelier'),
    ...available.map((provider) => entry(provider.id, provider.id)),
    ...available.flatMap((provider) =>
      provider.capabilities.models.map((model) => entry(model.id, provider.id)),
    ),
  ];
}

/**
 * The provider, model and fallback chain an OpenAI `model` stands for, for an `operation`:
 * `best`, a provider id, a model id, or `provider/model`. Unknown or unusable: 404 `model_not_found`.
 */
export function resolveModel(
  requested: string | undefined,
  providers: readonly ProviderInfo[],
  operation: Operation,
): ModelChoice {
  const name = requested ?? DEFAULT_MODEL;
  if (name === 'best') {
    const chain = BEST_CHAIN.filter((id) => {
      const provider = providers.find((candidate) => candidate.id === id);
      return provider !== undefined && usable(provider, operation);
    });
    const [first, ...rest] = chain;
    if (!first) throw notFound(name, 'no provider of the "best" chain is available for this');
    return { provider: first, model: null, fallbackProviders: rest };
  }
  const [providerPart, modelPart] = name.includes('/') ? name.split('/', 2) : [undefined, name];
  for (const provider of providers) {
    if (providerPart !== undefined && provider.id !== providerPart) continue;
    const model =
      providerPart === undefined && provider.id === name
        ? provider.capabilities.models.find((m) => m.id === provider.capabilities.defaultModel)
        : provider.capabilities.models.find((m) => m.id === modelPart);
    if (!model) continue;
    if (!provider.availability.available) {
      throw notFound(
        name,
        `${provider.displayName} is not available: ${provider.availability.reason ?? 'not configured'}`,
      );
    }
    if (!model.operations.includes(operation)) {
      throw notFound(
        name,
        `${model.name} cannot do this (it does ${model.operations.join(', ').toLowerCase()})`,
      );
    }
    return { provider: provider.id, model: model.id, fallbackProviders: [] };
  }
  throw notFound(name, 'GET /v1/models lists the models this Atelier offers');
}

function notFound(name: string, why: string): OpenAiError {
  return new OpenAiError(
    404,
    'invalid_request_error',
    `The model \`${name}\` does not exist or you do not have access to it: ${why}.`,
    'model_not_found',
    'model',
  );
}

import type { GalleryTile_ImageFragment, ImageOperation } from '../../gql/graphql';
import {
  defaultModelFor,
  findModel,
  keepFallbacks,
  modelsFor,
  supportsOperation,
  type Model,
  type Provider,
} from '../../lib/provider-capabilities';

/** The four things that can be done to an existing image from its menu. */
export type ImageAction = Extract<ImageOperation, 'VARIATION' | 'ENHANCE' | 'RESTYLE' | 'EDIT'>;

/** The actions with a dialog of their own; Edit opens the editor's page. */
export type DialogAction = Exclude<ImageAction, 'EDIT'>;

/** The image an action works on, as the gallery tiles and the detail page know it. */
export type ActionImage = GalleryTile_ImageFragment;

export const ACTION_TITLES: Record<ImageAction, string> = {
  VARIATION: 'Variations',
  ENHANCE: 'Enhance',
  RESTYLE: 'Restyle',
  EDIT: 'Edit',
};

export const ACTIONS: readonly ImageAction[] = ['VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT'];

/** Providers that can do the operation, available or not (unavailable ones are shown disabled). */
export function providersFor(providers: readonly Provider[], operation: ImageAction): Provider[] {
  return providers.filter((provider) => supportsOperation(provider, operation));
}

/**
 * Which provider an action starts with, like the server's default: the image's own provider when
 * it can do it, otherwise the local one, otherwise the first available that can.
 */
export function defaultProviderFor(
  providers: readonly Provider[],
  imageProvider: string,
  operation: ImageAction,
): Provider | undefined {
  const usable = providersFor(providers, operation);
  const available = usable.filter((provider) => provider.available);
  return (
    available.find((provider) => provider.id === imageProvider) ??
    available.find((provider) => provider.id === 'local') ??
    available[0] ??
    usable[0]
  );
}

export interface ProviderChoice {
  provider: string;
  /** Blank when the provider does the operation without a model to choose (e.g. its Enhance). */
  model: string;
  fallbackProviders: string[];
}

/** Provider, model and fallbacks after a provider (or model) change, keeping what still applies. */
export function choiceFor(
  providers: readonly Provider[],
  providerId: string,
  operation: ImageAction,
  previous?: Partial<ProviderChoice>,
): ProviderChoice {
  const provider = providers.find((p) => p.id === providerId);
  const model = provider ? findModel(provider, previous?.model, operation) : undefined;
  return {
    provider: providerId,
    model: model?.id ?? '',
    fallbackProviders: keepFallbacks(previous?.fallbackProviders, providers, providerId, operation),
  };
}

export function initialChoice(
  providers: readonly Provider[],
  imageProvider: string,
  operation: ImageAction,
): ProviderChoice | null {
  const provider = defaultProviderFor(providers, imageProvider, operation);
  return provider ? choiceFor(providers, provider.id, operation) : null;
}

export function chosenModel(
  providers: readonly Provider[],
  choice: ProviderChoice | null,
  operation: ImageAction,
): Model | undefined {
  const provider = providers.find((p) => p.id === choice?.provider);
  if (!provider || !choice?.model) return undefined;
  return (
    modelsFor(provider, operation).find((model) => model.id === choice.model) ??
    defaultModelFor(provider, operation)
  );
}

/** Upscale factors the provider declares for Enhance (2 and 4 when it only has an Enhance model). */
export function enhanceScales(provider: Provider | undefined): number[] {
  if (!provider) return [];
  const declared = provider.capabilities.enhance?.scales;
  if (declared) return [...declared].filter((scale) => scale > 1).sort((a, b) => a - b);
  return modelsFor(provider, 'ENHANCE').length > 0 ? [2, 4] : [];
}

export interface RestyleModes {
  fromText: boolean;
  fromReference: boolean;
  note: string | null;
}

export function restyleModes(provider: Provider | undefined): RestyleModes {
  const restyle = provider?.capabilities.restyle;
  if (restyle) {
    return { fromText: restyle.fromText, fromReference: restyle.fromReference, note: restyle.note };
  }
  // A RESTYLE model without a declared capability restyles from text.
  const anyModel = provider ? modelsFor(provider, 'RESTYLE').length > 0 : false;
  return { fromText: anyModel, fromReference: false, note: null };
}

/**
 * Style names to suggest for Restyle: the local renderer's styles (it can apply each one), then
 * the chosen model's; "none" and duplicates left out.
 */
export function styleSuggestions(providers: readonly Provider[], model: Model | undefined): string[] {
  const local = providers.find((provider) => provider.id === 'local');
  const localStyles = local ? local.capabilities.models.flatMap((m) => m.styles) : [];
  const all = [...localStyles, ...(model?.styles ?? [])].filter((style) => style.toLowerCase() !== 'none');
  return [...new Set(all)];
}

/** The fields common to every action input: provider, model and fallbacks, only when set. */
export function choiceInput(choice: ProviderChoice, withModel = true) {
  return {
    provider: choice.provider,
    ...(withModel && choice.model && { model: choice.model }),
    ...(choice.fallbackProviders.length > 0 && { fallbackProviders: [...choice.fallbackProviders] }),
  };
}

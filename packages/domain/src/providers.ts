import type { ProviderAvailability, ProviderCapabilities } from '@atelier/providers';

// Type-only: the provider values records carry, with none of the providers' code at run time.
export type {
  Attempt,
  ImageQuality,
  MagicPrompt,
  ProviderAvailability,
  ProviderCapabilities,
  ProviderErrorCode,
  VariationStrength,
} from '@atelier/providers';

export interface ProviderInfo {
  id: string;
  displayName: string;
  description: string;
  capabilities: ProviderCapabilities;
  availability: ProviderAvailability;
}

import type { ProviderInfo } from '@atelier/domain';
import type { ImageProvider } from '@atelier/providers';

/** The providers this process can call, by id. */
export class ProviderRegistry {
  private readonly byId: Map<string, ImageProvider>;

  constructor(providers: readonly ImageProvider[]) {
    this.byId = new Map(providers.map((provider) => [provider.id, provider]));
  }

  list(): ProviderInfo[] {
    return [...this.byId.values()].map((provider) => ({
      id: provider.id,
      displayName: provider.displayName,
      description: provider.description,
      capabilities: provider.capabilities,
      availability: provider.availability(),
    }));
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  find(id: string): ImageProvider | undefined {
    return this.byId.get(id);
  }
}

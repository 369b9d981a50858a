import { createContext, useCallback, useContext } from 'react';

/** Display names of providers (ids in the figures); an unknown id shows as itself. */
export const ProviderNames = createContext<ReadonlyMap<string, string>>(new Map());

export function useProviderName(): (id: string) => string {
  const names = useContext(ProviderNames);
  return useCallback((id: string) => names.get(id) ?? id, [names]);
}

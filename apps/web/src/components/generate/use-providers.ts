import { useCallback } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useRevalidateOnce } from '../../hooks/use-revalidate-once';

export const GenerateForm_Providers = graphql(`
  query GenerateForm_Providers {
    providers {
      id
      displayName
      description
      available
      unavailableReason
      capabilities {
        defaultModel
        models {
          id
          name
          description
          operations
          size {
            min
            max
            multipleOf
            maxPixels
          }
          aspectRatios
          maxCount
          styles
          steps {
            min
            max
            default
          }
          supportsNegativePrompt
          supportsSeed
          supportsQuality
          supportsMagicPrompt
          maxPromptLength
        }
        enhance {
          scales
          ai
          note
        }
        restyle {
          fromText
          fromReference
          note
        }
        outpaint {
          maxMargin
          maxSide
          prompt
          squareSourceOnly
          centredOnly
          resolutions
          shapeTolerance
          note
        }
      }
    }
  }
`);

/** Providers and their capabilities, shared by the Generate form, the image actions and the gallery filters. */
export function useProviders() {
  // Providers change with the server's configuration: once per page load is enough.
  return useQuery({ query: GenerateForm_Providers, requestPolicy: useRevalidateOnce('providers') });
}

/** "Flux (Black Forest Labs)" → "Flux": the name without its aside, for tight places. */
export function shortProviderName(displayName: string): string {
  return displayName.replace(/\s*\([^)]*\)\s*$/, '') || displayName;
}

/** "flux" → "Flux": a provider's short name, from the providers list when it is loaded. */
export function useProviderName(): (id: string) => string {
  const [{ data }] = useQuery({ query: GenerateForm_Providers, requestPolicy: 'cache-first' });
  const providers = data?.providers;
  return useCallback(
    (id: string) => {
      const name = providers?.find((provider) => provider.id === id)?.displayName;
      return name ? shortProviderName(name) : id.charAt(0).toUpperCase() + id.slice(1);
    },
    [providers],
  );
}

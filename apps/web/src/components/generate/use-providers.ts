import { useQuery } from 'urql';
import { graphql } from '../../gql';

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
        maxCount
        maxPromptLength
        models {
          id
          name
          description
        }
        size {
          min
          max
          multipleOf
          maxPixels
        }
        steps {
          min
          max
          default
        }
        styles
        supportsNegativePrompt
        supportsQuality
        supportsSeed
      }
    }
  }
`);

/** Providers and their capabilities, shared by the Generate form and the gallery filters. */
export function useProviders() {
  return useQuery({ query: GenerateForm_Providers, requestPolicy: 'cache-and-network' });
}

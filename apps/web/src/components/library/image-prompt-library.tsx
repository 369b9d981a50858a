import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useOpenGenerate } from '../generate/generate-dialog';
import './library.css';

export const ImagePromptLibrary_Image = graphql(`
  query ImagePromptLibrary_Image($id: ID!) {
    image(id: $id) {
      id
      template {
        template {
          id
          name
        }
        version
        values
      }
    }
    stylePresets(first: 50) {
      edges {
        node {
          id
          name
          starter
        }
      }
    }
  }
`);

export const ImagePromptLibrary_SetPreview = graphql(`
  mutation ImagePromptLibrary_SetPreview($input: UpdateStylePresetInput!) {
    updateStylePreset(input: $input) {
      __typename
      ... on StylePreset {
        id
        previewImage {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** On an image's page: the template it was made from, and "use as preset preview". */
export function ImagePromptLibrary({ imageId }: { imageId: string }) {
  const [{ data }] = useQuery({ query: ImagePromptLibrary_Image, variables: { id: imageId } });
  const [{ fetching }, setPreview] = useMutation(ImagePromptLibrary_SetPreview);
  const [presetId, setPresetId] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const openGenerate = useOpenGenerate();
  const used = data?.image?.template;
  const own = data?.stylePresets.edges.map((edge) => edge.node).filter((preset) => !preset.starter) ?? [];
  const values = (used?.values ?? {}) as Record<string, string | number>;

  return (
    <section className="detail-library" aria-label="Prompt library">
      {used && (
        <div className="detail-template">
          <p>
            Made from template <strong>{used.template ? used.template.name : '(deleted)'}</strong> v
            {used.version}
            {Object.keys(values).length > 0 && (
              <span className="muted">
                {' '}
                —{' '}
                {Object.entries(values)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join(', ')}
              </span>
            )}
          </p>
          {used.template && (
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                openGenerate({
                  template: {
                    id: used.template!.id,
                    version: used.version,
                    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
                  },
                })
              }
            >
              Use this template again
            </button>
          )}
        </div>
      )}
      {own.length > 0 && (
        <form
          className="detail-preset-preview"
          onSubmit={(event) => {
            event.preventDefault();
            if (!presetId) return;
            void setPreview({ input: { id: presetId, previewImageId: imageId } }).then((result) => {
              const outcome = result.data?.updateStylePreset;
              setStatus(
                outcome?.__typename === 'StylePreset'
                  ? 'This image is now the preset’s preview.'
                  : ((outcome && 'message' in outcome ? outcome.message : null) ??
                      'Could not set it. Try again.'),
              );
            });
          }}
        >
          <label className="visually-hidden" htmlFor={`preset-preview-${imageId}`}>
            Preset to show this image
          </label>
          <select
            id={`preset-preview-${imageId}`}
            className="input"
            value={presetId}
            onChange={(event) => setPresetId(event.target.value)}
          >
            <option value="">Use as preset preview…</option>
            {own.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small" disabled={!presetId || fetching}>
            Set preview
          </button>
          {status && (
            <p role="status" className="muted">
              {status}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { PresetCard_PresetFragment } from '../../gql/graphql';
import { useOpenGenerate } from '../generate/generate-dialog';
import { presetPrefill } from '../generate/prefill';
import { ThumbhashImage } from '../gallery/thumbhash-image';

export const PresetCard_Preset = graphql(`
  fragment PresetCard_Preset on StylePreset {
    id
    name
    description
    starter
    updatedAt
    settings {
      provider
      model
      width
      height
      aspectRatio
      quality
      steps
      style
      promptPrefix
      promptSuffix
      negativePrompt
    }
    previewImage {
      id
      url
      width
      height
      thumbhash
      thumbnails {
        size
        url
        width
        height
      }
    }
  }
`);

export const PresetCard_Duplicate = graphql(`
  mutation PresetCard_Duplicate($id: ID!) {
    duplicateStylePreset(id: $id) {
      __typename
      ... on StylePreset {
        ...PresetCard_Preset
      }
      ... on Error {
        message
      }
    }
  }
`);

export const PresetCard_Delete = graphql(`
  mutation PresetCard_Delete($id: ID!) {
    deleteStylePreset(id: $id) {
      __typename
      ... on DeletedStylePreset {
        deletedId
      }
      ... on Error {
        message
      }
    }
  }
`);

/** "local · 768×512 · watercolor · 30 steps". */
export function settingsSummary(settings: PresetCard_PresetFragment['settings']): string {
  const size =
    settings.width && settings.height ? `${settings.width}×${settings.height}` : settings.aspectRatio;
  return [
    settings.provider,
    settings.model,
    size,
    settings.style,
    settings.steps && `${settings.steps} steps`,
    settings.quality?.toLowerCase(),
  ]
    .filter(Boolean)
    .join(' · ');
}

interface PresetCardProps {
  preset: PresetCard_PresetFragment;
  onEdit: (preset: PresetCard_PresetFragment) => void;
}

export function PresetCard({ preset, onEdit }: PresetCardProps) {
  const openGenerate = useOpenGenerate();
  const [{ fetching: duplicating }, duplicate] = useMutation(PresetCard_Duplicate);
  const [{ fetching: deleting }, remove] = useMutation(PresetCard_Delete);
  const [problem, setProblem] = useState<string | null>(null);
  const { settings } = preset;
  const affix = [settings.promptPrefix, '…', settings.promptSuffix].filter(Boolean).join(' ');

  const report = (result: {
    error?: unknown;
    data?: { [key: string]: { __typename: string; message?: string } } | null;
  }) => {
    const outcome = result.data && Object.values(result.data)[0];
    if (result.error || !outcome) setProblem('Could not reach the server. Try again.');
    else if ('message' in outcome && outcome.message) setProblem(outcome.message);
  };

  return (
    <article className="preset-card" aria-labelledby={`preset-${preset.id}`}>
      <div className="preset-preview">
        {preset.previewImage ? (
          <ThumbhashImage image={preset.previewImage} displaySize={240} fit="cover" alt="" />
        ) : (
          <span className="preset-preview-empty" aria-hidden="true">
            {preset.name.slice(0, 1)}
          </span>
        )}
      </div>
      <div className="preset-body">
        <h2 id={`preset-${preset.id}`} className="preset-name">
          {preset.name} {preset.starter && <span className="chip chip-static">Starter</span>}
        </h2>
        {preset.description && <p className="muted">{preset.description}</p>}
        <p className="preset-settings">{settingsSummary(settings)}</p>
        {affix !== '…' && <p className="preset-settings muted">Prompt: {affix}</p>}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="library-item-actions">
        <button
          type="button"
          className="button button-primary button-small"
          aria-label={`Use ${preset.name}`}
          onClick={() => openGenerate({ ...presetPrefill(settings), presetId: preset.id })}
        >
          Use
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={`Duplicate ${preset.name}`}
          disabled={duplicating}
          onClick={() => void duplicate({ id: preset.id }).then(report)}
        >
          Duplicate
        </button>
        {!preset.starter && (
          <>
            <button
              type="button"
              className="button button-small"
              aria-label={`Edit ${preset.name}`}
              onClick={() => onEdit(preset)}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-small button-danger-ghost"
              aria-label={`Delete ${preset.name}`}
              disabled={deleting}
              onClick={() => void remove({ id: preset.id }).then(report)}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </article>
  );
}

import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PresetPicker_PresetFragment } from '../../gql/graphql';
import { SelectField } from '../ui/select-field';

export const PresetPicker_Preset = graphql(`
  fragment PresetPicker_Preset on StylePreset {
    id
    name
    starter
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
  }
`);

export const PresetPicker_Presets = graphql(`
  query PresetPicker_Presets($first: Int!) {
    stylePresets(first: $first) {
      edges {
        node {
          id
          ...PresetPicker_Preset
        }
      }
    }
  }
`);

interface PresetPickerProps {
  value: string | null;
  onPick: (preset: PresetPicker_PresetFragment | null) => void;
  className?: string;
}

/** Choose a style preset: it fills the fields now; its prefix and suffix wrap the prompt on the server. */
export function PresetPicker({ value, onPick, className }: PresetPickerProps) {
  const [{ data, error }] = useQuery({ query: PresetPicker_Presets, variables: { first: 50 } });
  const presets = data?.stylePresets.edges.map((edge) => edge.node) ?? [];
  const chosen = presets.find((preset) => preset.id === value);
  const affixes =
    chosen && [chosen.settings.promptPrefix, '…', chosen.settings.promptSuffix].filter(Boolean).join(' ');

  return (
    <SelectField
      label="Style preset"
      className={className}
      error={error && !data ? 'Could not load the presets.' : null}
      hint={
        chosen && (chosen.settings.promptPrefix || chosen.settings.promptSuffix)
          ? `Prompt becomes: ${affixes}`
          : undefined
      }
      value={value ?? ''}
      emptyLabel="None"
      options={[
        ...presets.map((preset) => ({
          value: preset.id,
          label: preset.starter ? `${preset.name} (starter)` : preset.name,
        })),
        ...(value && !chosen ? [{ value, label: 'Loading preset…' }] : []),
      ]}
      onChange={(id) => onPick(presets.find((preset) => preset.id === id) ?? null)}
    />
  );
}

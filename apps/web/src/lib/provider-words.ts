import type { MagicPrompt } from '../gql/graphql';

/** How the providers' own words (style names, prompt improvement) read on screen. */

export const MAGIC_PROMPTS: readonly { value: MagicPrompt; label: string }[] = [
  { value: 'AUTO', label: 'Auto' },
  { value: 'ON', label: 'On' },
  { value: 'OFF', label: 'Off' },
];

/** "pixel-art" → "Pixel art", "REALISTIC" → "Realistic". */
export function styleLabel(style: string): string {
  const words = style.replace(/[-_]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "none" and "AUTO" mean no particular style: the blank choice stands for them. */
export function isDefaultStyle(style: string): boolean {
  const lower = style.toLowerCase();
  return lower === 'none' || lower === 'auto';
}

/**
 * The style choices a model offers, with one default: a provider that picks a style itself
 * ("AUTO") says so, others say "None"; both are sent as no style.
 */
export function styleChoices(styles: readonly string[]): {
  defaultLabel: string;
  options: { value: string; label: string }[];
} {
  const picksItself = styles.some((style) => style.toLowerCase() === 'auto');
  return {
    defaultLabel: picksItself ? 'Auto (the provider picks)' : 'None',
    options: styles
      .filter((style) => !isDefaultStyle(style))
      .map((style) => ({ value: style, label: styleLabel(style) })),
  };
}

/**
 * The prompt the provider actually used, when its own prompt improvement (Ideogram's magic prompt,
 * Flux's prompt upsampling) rewrote the one sent; providers report it in the image's params.
 */
export function rewrittenPrompt(sent: string, params: unknown): string | null {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return null;
  const used = (params as Record<string, unknown>).prompt;
  return typeof used === 'string' && used.trim() !== '' && used.trim() !== sent.trim() ? used : null;
}

/**
 * How a provider's own prompt improvement is offered: Flux's prompt upsampling is on or off,
 * Ideogram's magic prompt also has Auto (Ideogram decides).
 */
export function promptImprovement(provider: { id: string; displayName: string }): {
  label: string;
  hint: string;
  options: readonly { value: MagicPrompt; label: string }[];
  /** The option shown for a value the provider treats the same way. */
  shown: (value: MagicPrompt) => MagicPrompt;
} {
  const kept = 'the prompt it used is kept on the image';
  if (provider.id === 'flux') {
    return {
      label: 'Prompt upsampling',
      hint: `Flux expands the prompt with more detail before painting; ${kept}`,
      options: [
        { value: 'OFF', label: 'Off' },
        { value: 'ON', label: 'On' },
      ],
      shown: (value) => (value === 'ON' ? 'ON' : 'OFF'),
    };
  }
  const name = provider.id === 'ideogram' ? 'Ideogram' : provider.displayName;
  return {
    label: 'Magic prompt',
    hint: `${name} rewrites the prompt with more detail (Auto: when it judges it helps); ${kept}`,
    options: MAGIC_PROMPTS,
    shown: (value) => value,
  };
}

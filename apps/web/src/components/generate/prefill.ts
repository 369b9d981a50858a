/**
 * Opening the Generate dialog with fields filled in — "Use" on a saved prompt, a history entry, a
 * template or a style preset, "Use all parameters" on an image:
 *
 *   const openGenerate = useOpenGenerate(); // from generate-dialog.tsx
 *   openGenerate({ prompt: 'a fox', negativePrompt: 'blur', settings: { provider: 'local', width: '512' } });
 *
 * Every field is optional. `settings` are form values (strings, as the inputs hold them); when they
 * name a provider they are the whole setup (fields they lack take the model's defaults, never the
 * person's remembered settings, so nothing from an earlier dialog slips in unseen). `template` shows that template's variable fields
 * (values by variable name) and `presetId` selects a style preset in the picker. Each call opens a
 * fresh form, so nothing typed earlier leaks into it.
 */
import { valuesForProvider, type GenerateValues, type Provider } from '../../lib/provider-capabilities';

export type PrefillSettings = Partial<Omit<GenerateValues, 'prompt' | 'negativePrompt'>>;

export interface GeneratePrefill {
  prompt?: string;
  negativePrompt?: string;
  settings?: PrefillSettings;
  template?: { id: string; version?: number | null; values?: Record<string, string> };
  presetId?: string;
}

/**
 * What the form remembers between openings: the provider and how it is set up, never the count
 * (a forgotten 4 is four times the spend) nor what belongs to one image (prompt, seed, negative).
 */
export function rememberable(values: Partial<GenerateValues>): PrefillSettings {
  const { prompt: _p, seed: _s, negativePrompt: _n, count: _c, ...kept } = values;
  return kept;
}

/**
 * The form's starting values: a prefill that names a provider on its own, else the remembered
 * settings under the prefill, fitted to the provider (a size or style the model cannot do falls
 * back to its defaults).
 */
export function prefilledValues(
  provider: Provider,
  remembered: PrefillSettings,
  prefill: GeneratePrefill | undefined,
  providers: readonly Provider[],
): GenerateValues {
  const base = prefill?.settings?.provider ? {} : remembered;
  const wanted = { ...base, ...prefill?.settings };
  const values = valuesForProvider(provider, wanted, providers);
  if (prefill?.negativePrompt != null) values.negativePrompt = prefill.negativePrompt;
  // valuesForProvider always starts steps at the model's default; a prefill asks for a number.
  if (prefill?.settings?.steps && values.steps !== '') values.steps = prefill.settings.steps;
  return values;
}

/** Which provider the form starts with: the prefill's when given, else the remembered one. */
export function prefilledProviderId(
  remembered: PrefillSettings,
  prefill: GeneratePrefill | undefined,
): string | undefined {
  return prefill?.settings?.provider ?? remembered.provider;
}

/** A style preset's settings as form values (null fields leave the form as it is). */
export function presetPrefill(settings: {
  provider: string | null;
  model: string | null;
  width: number | null;
  height: number | null;
  aspectRatio: string | null;
  quality: GenerateValues['quality'] | null;
  steps: number | null;
  style: string | null;
  negativePrompt: string | null;
}): GeneratePrefill {
  const settingsOut: PrefillSettings = {};
  if (settings.provider) settingsOut.provider = settings.provider;
  if (settings.model) settingsOut.model = settings.model;
  if (settings.width) settingsOut.width = String(settings.width);
  if (settings.height) settingsOut.height = String(settings.height);
  if (settings.aspectRatio) settingsOut.aspectRatio = settings.aspectRatio;
  if (settings.quality) settingsOut.quality = settings.quality;
  if (settings.steps) settingsOut.steps = String(settings.steps);
  if (settings.style) settingsOut.style = settings.style;
  return {
    settings: settingsOut,
    ...(settings.negativePrompt && { negativePrompt: settings.negativePrompt }),
  };
}

/** What GenerateImagesInput.template takes, from the form's template state. */
export function templateInput(use: NonNullable<GeneratePrefill['template']>) {
  return {
    id: use.id,
    ...(use.version != null && { version: use.version }),
    values: Object.entries(use.values ?? {})
      .filter(([, value]) => value !== '')
      .map(([name, value]) => ({ name, value })),
  };
}

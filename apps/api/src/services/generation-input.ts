import type { ImageProvider } from '@atelier/providers';
import { checkSize } from '@atelier/providers';
import type { GenerateImagesInput } from '@atelier/schema/context';
import { type FieldIssue, InvalidInputError } from '@atelier/schema/errors';
import type { ProviderRegistry } from './provider-registry';

const DEFAULT_SIZE = 1024;
const MAX_SEED = 2_147_483_647;

/**
 * Checks a request against the chosen provider's declared capabilities and fills every default, so
 * the stored input says exactly what will run (and a retry runs the same thing).
 */
export function resolveGenerationInput(
  registry: ProviderRegistry,
  input: GenerateImagesInput,
  randomSeed: () => number = () => Math.floor(Math.random() * MAX_SEED),
): { provider: ImageProvider; input: GenerateImagesInput } {
  const provider = registry.find(input.provider);
  if (!provider) {
    const known = registry
      .list()
      .map((p) => p.id)
      .join(', ');
    throw new InvalidInputError(
      [{ path: ['input', 'provider'], message: `unknown provider "${input.provider}"; known: ${known}` }],
      'UNKNOWN_PROVIDER',
    );
  }
  const availability = provider.availability();
  if (!availability.available) {
    throw new InvalidInputError(
      [
        {
          path: ['input', 'provider'],
          message: `${provider.displayName} is unavailable: ${availability.reason ?? 'unknown reason'}`,
        },
      ],
      'PROVIDER_UNAVAILABLE',
    );
  }
  const caps = provider.capabilities;
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ path: ['input', field], message });

  const model = input.model ?? caps.defaultModel;
  if (!caps.models.some((m) => m.id === model)) {
    issue(
      'model',
      `${provider.displayName} has no model "${model}"; choose one of ${caps.models.map((m) => m.id).join(', ')}`,
    );
  }
  if (input.prompt.length > caps.maxPromptLength) {
    issue('prompt', `prompt must be at most ${caps.maxPromptLength} characters for ${provider.displayName}`);
  }
  if (input.count > caps.maxCount) {
    issue('count', `${provider.displayName} makes at most ${caps.maxCount} images per request`);
  }
  const width = input.width ?? Math.min(DEFAULT_SIZE, caps.size.max);
  const height = input.height ?? Math.min(DEFAULT_SIZE, caps.size.max);
  for (const violation of checkSize(caps.size, width, height)) issue(violation.field, violation.message);
  if (input.style !== null && !caps.styles.includes(input.style)) {
    issue('style', `style must be one of ${caps.styles.join(', ')}`);
  }
  if (input.negativePrompt !== null && !caps.supportsNegativePrompt) {
    issue('negativePrompt', `${provider.displayName} does not take a negative prompt`);
  }
  if (input.seed !== null && !caps.supportsSeed) {
    issue('seed', `${provider.displayName} does not take a seed`);
  }
  if (input.quality !== null && !caps.supportsQuality) {
    issue('quality', `${provider.displayName} does not take a quality`);
  }
  if (input.steps !== null) {
    if (!caps.steps) issue('steps', `${provider.displayName} does not take steps`);
    else if (input.steps < caps.steps.min || input.steps > caps.steps.max) {
      issue('steps', `steps must be between ${caps.steps.min} and ${caps.steps.max}`);
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues);

  return {
    provider,
    input: {
      ...input,
      model,
      width,
      height,
      quality: input.quality ?? (caps.supportsQuality ? 'STANDARD' : null),
      negativePrompt: input.negativePrompt?.trim() || null,
      seed: input.seed ?? (caps.supportsSeed ? randomSeed() : null),
      steps: input.steps ?? caps.steps?.default ?? null,
    },
  };
}

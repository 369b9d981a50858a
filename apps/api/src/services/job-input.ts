import { type FieldIssue, InvalidInputError, type JobInput } from '@atelier/domain';
import { type ModelCapabilities, parseAspectRatio } from '@atelier/providers';
import { nearestRatio } from '../providers/image-params';
import { DEFAULT_PROVIDER } from './provider-choice';

export function checkPrompt(prompt: string, model: ModelCapabilities | null, issues: FieldIssue[]): void {
  if (model && prompt.length > model.maxPromptLength) {
    issues.push({
      path: ['input', 'prompt'],
      message: `prompt must be at most ${model.maxPromptLength} characters for ${model.name}`,
    });
  }
}

export function fail(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new InvalidInputError(issues);
}

/** "W:H" for a size, reduced (1024×768 → "4:3"). */
export function ratioOf(width: number, height: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(width, height);
  return `${width / d}:${height / d}`;
}

/** For aspect-ratio models, a ratio they accept (the nearest); size models take any ratio. */
export function aspectFor(model: ModelCapabilities, ratio: string | null): string | null {
  if (ratio === null || model.size || model.aspectRatios.includes(ratio)) return ratio;
  return nearestRatio(parseAspectRatio(ratio) ?? 1, model.aspectRatios);
}

export function emptyInput(): JobInput {
  return {
    prompt: '',
    provider: DEFAULT_PROVIDER,
    model: null,
    count: 1,
    width: null,
    height: null,
    aspectRatio: null,
    quality: null,
    style: null,
    negativePrompt: null,
    seed: null,
    steps: null,
    magicPrompt: null,
    fallbackProviders: [],
    sourceImageId: null,
    strength: null,
    scale: null,
    styleText: null,
    styleReferenceImageId: null,
    maskBlobKey: null,
  };
}

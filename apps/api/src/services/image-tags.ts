import { InvalidInputError } from '@atelier/domain';

export const maxTagsPerImage = 32;
export const maxTagLength = 40;
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;

/** Tags as stored: trimmed, lowercased, once each, none empty; bad ones name `field`. */
export function normalizeTags(tags: readonly string[], field: string): string[] {
  const normalized = new Set<string>();
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase();
    if (tag === '') continue;
    if (controlCharacters.test(tag)) {
      throw new InvalidInputError([{ path: [field], message: 'tags must not contain control characters' }]);
    }
    if ([...tag].length > maxTagLength) {
      throw new InvalidInputError([
        { path: [field], message: `a tag has at most ${maxTagLength} characters` },
      ]);
    }
    normalized.add(tag);
  }
  if (normalized.size > maxTagsPerImage) {
    throw new InvalidInputError([{ path: [field], message: `at most ${maxTagsPerImage} tags` }]);
  }
  return [...normalized];
}

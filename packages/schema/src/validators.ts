import { MAX_PROMPT_LENGTH } from '@atelier/domain';
import { z } from 'zod';
import { freeText, nameText, providerId } from './text';

/** The zod validators GraphQL arguments use, shared with the other doors (MCP) so both refuse alike. */
export { freeText, nameText, providerId };

/*
 * Bounds of the gallery filter, which a smart collection saves as it is. Past them nothing more could
 * match: no prompt is longer than MAX_PROMPT_LENGTH, an image carries at most 32 tags of at most 40
 * characters (setImageTags), and ids are as long as requests take them. A list of choices may still
 * name every provider and model many times over.
 */
export const MAX_FILTER_TAGS = 32;
export const MAX_TAG_LENGTH = 40;
export const MAX_FILTER_CHOICES = 100;
export const modelId = z.string().min(1).max(128);
export const filterChoices = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_FILTER_CHOICES, `at most ${MAX_FILTER_CHOICES} choices`);
export const filterSearch = freeText('search', MAX_PROMPT_LENGTH);
export const filterTags = z
  .array(z.string().max(MAX_TAG_LENGTH, `a tag has at most ${MAX_TAG_LENGTH} characters`))
  .max(MAX_FILTER_TAGS, `an image carries at most ${MAX_FILTER_TAGS} tags`);

export const collectionName = nameText('name', 120);
export const collectionDescription = freeText('description', 2000);
export const collectionSearch = z.string().max(120);

export const savedPromptTitle = nameText('title', 120);
export const promptText = freeText('prompt', MAX_PROMPT_LENGTH).refine(
  (v) => v.trim().length > 0,
  'prompt must not be empty',
);
export const negativePromptText = freeText('negativePrompt', MAX_PROMPT_LENGTH);
export const promptTags = z.array(nameText('tag', 40)).max(20, 'at most 20 tags');
export const promptNotes = freeText('notes', 4000);

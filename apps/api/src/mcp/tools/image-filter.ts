import type { ImageFilter, ImageOperation } from '@atelier/domain';
import { filterChoices, filterSearch, filterTags, modelId, providerId } from '@atelier/schema/validators';
import { z } from 'zod';
import type { McpContext } from '../mcp-context';
import { notFound } from './tool-inputs';

const operations = [
  'GENERATE',
  'VARIATION',
  'ENHANCE',
  'RESTYLE',
  'EDIT',
  'IMPORT',
  'ADJUST',
  'OUTPAINT',
] as const satisfies readonly ImageOperation[];

const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value));

/** The gallery's filters (GraphQL's ImageQueryParams), with GraphQL's own bounds. */
export const imageFilterInput = {
  query: filterSearch
    .optional()
    .describe(
      'Words to find in the prompt, stemmed ("boats" finds "boat"); "quoted phrases", `or` and -exclusions work as in web search.',
    ),
  providers: filterChoices(providerId)
    .optional()
    .describe('Only images from one of these providers, e.g. ["flux"].'),
  models: filterChoices(modelId).optional().describe('Only images from one of these models.'),
  createdAfter: instant
    .optional()
    .describe(
      'Only images made at or after this time (ISO 8601, e.g. "2026-12-01" or "2026-12-01T10:00:00Z").',
    ),
  createdBefore: instant.optional().describe('Only images made before this time (ISO 8601).'),
  tags: filterTags.optional().describe('Only images that carry every one of these tags.'),
  starred: z.boolean().optional().describe('true: only starred images; false: only unstarred ones.'),
  collectionId: z
    .string()
    .max(100)
    .optional()
    .describe(
      'Only images in this collection of yours (an id from list_collections); for a smart collection, the images its saved search finds.',
    ),
  operations: filterChoices(z.enum(operations))
    .optional()
    .describe('Only images made by one of these operations.'),
};

type FilterArgs = { [K in keyof typeof imageFilterInput]?: z.output<(typeof imageFilterInput)[K]> };

/**
 * The filter as the services take it; a collection that is not the viewer's is NOT_FOUND, as a missing
 * one. A smart collection stands for its saved search, narrowed by the other filters; null when the
 * two cannot both match.
 */
export async function toImageFilter(args: FilterArgs, ctx: McpContext): Promise<ImageFilter | null> {
  const given: ImageFilter = {
    ...(args.query?.trim() && { search: args.query }),
    ...(args.providers?.length && { providers: args.providers }),
    ...(args.models?.length && { models: args.models }),
    ...(args.createdAfter && { startDate: args.createdAfter }),
    ...(args.createdBefore && { endDate: args.createdBefore }),
    ...(args.tags?.length && { tags: args.tags }),
    ...(args.starred !== undefined && { starred: args.starred }),
    ...(args.operations?.length && { operations: args.operations }),
  };
  if (!args.collectionId) return given;
  const [collection] = await ctx.app.services.collections.loadMany(ctx.viewer, [args.collectionId]);
  if (!collection) throw notFound('collection', 'collectionId', 'list_collections');
  return collection.filter ? both(collection.filter, given) : { ...given, collectionId: collection.id };
}

/** Images that match both filters. */
function both(saved: ImageFilter, given: ImageFilter): ImageFilter | null {
  const savedProviders = [...(saved.providers ?? []), ...(saved.provider ? [saved.provider] : [])];
  const providers = common(savedProviders.length > 0 ? savedProviders : null, given.providers);
  const models = common(saved.models, given.models);
  const operations = common(saved.operations, given.operations);
  if ([providers, models, operations].some((list) => list?.length === 0)) return null;
  if (saved.starred != null && given.starred != null && saved.starred !== given.starred) return null;
  const search = [saved.search, given.search].filter(Boolean).join(' ');
  const tags = [...new Set([...(saved.tags ?? []), ...(given.tags ?? [])])];
  const startDate = latest(saved.startDate, given.startDate);
  const endDate = earliest(saved.endDate, given.endDate);
  return {
    ...(search && { search }),
    ...(providers && { providers }),
    ...(models && { models }),
    ...(operations && { operations }),
    ...(tags.length > 0 && { tags }),
    ...(startDate && { startDate }),
    ...(endDate && { endDate }),
    ...((given.starred ?? saved.starred) != null && { starred: given.starred ?? saved.starred }),
    ...(saved.collectionId && { collectionId: saved.collectionId }),
  };
}

function common<T>(a: readonly T[] | null | undefined, b: readonly T[] | null | undefined): T[] | null {
  if (!a?.length) return b?.length ? [...b] : null;
  if (!b?.length) return [...a];
  return a.filter((item) => b.includes(item));
}

function latest(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a || !b) return a ?? b ?? null;
  return a > b ? a : b;
}

function earliest(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a || !b) return a ?? b ?? null;
  return a < b ? a : b;
}

/** The filter in words, so a model can tell the person what it looked for. */
export function describeFilter(filter: ImageFilter): string {
  const parts = [
    filter.search && `matching "${filter.search}"`,
    filter.providers && `from ${filter.providers.join(' or ')}`,
    filter.models && `by ${filter.models.join(' or ')}`,
    filter.startDate && `made since ${filter.startDate.toISOString()}`,
    filter.endDate && `made before ${filter.endDate.toISOString()}`,
    filter.tags && `tagged ${filter.tags.join(', ')}`,
    filter.starred !== undefined && filter.starred !== null && (filter.starred ? 'starred' : 'not starred'),
    filter.collectionId && 'in the collection',
    filter.operations && `made by ${filter.operations.join(' or ')}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'all';
}

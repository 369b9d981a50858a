import type { CollectionRecord } from '@atelier/domain';
import { collectionDescription, collectionName, collectionSearch } from '@atelier/schema/validators';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { McpContext } from '../mcp-context';
import { ToolRefusal } from '../tool-errors';
import { defineTool } from '../tool-kit';
import { imageFilterInput, toImageFilter } from './image-filter';
import { cursor, notFound, page, pageSize, recordId } from './tool-inputs';

export const collectionUri = (id: string) => `atelier://collections/${id}`;

export const collectionSummary = z.object({
  id: z.string(),
  uri: z.string().describe('atelier://collections/{id}: read it as a resource'),
  name: z.string(),
  description: z.string(),
  smart: z.boolean().describe('A saved search that stays current; images cannot be added to it by hand'),
  imageCount: z.number().nullable().describe('null for a smart collection'),
  updatedAt: z.string(),
  url: z.string().describe('The collection page in Atelier, for a person'),
});
export type CollectionSummary = z.infer<typeof collectionSummary>;

export async function summarizeCollections(
  records: readonly CollectionRecord[],
  ctx: McpContext,
): Promise<CollectionSummary[]> {
  const counts = await ctx.app.services.collections.imageCounts(ctx.viewer, records);
  return records.map((collection, index) => ({
    id: collection.id,
    uri: collectionUri(collection.id),
    name: collection.name,
    description: collection.description,
    smart: collection.filter !== null,
    imageCount: counts[index] ?? null,
    updatedAt: collection.updatedAt.toISOString(),
    url: `${ctx.baseUrl}/collections/${encodeGlobalID('Collection', collection.id)}`,
  }));
}

export const listCollections = defineTool({
  name: 'list_collections',
  title: 'List collections',
  description:
    "Lists the person's collections, most recently changed first: hand-made ones (images added by hand, in order) and smart ones (a saved search). Optionally only those whose name contains some text. Free, read-only. Next: search_images with collectionId to see one's images, add_to_collection to file images, create_collection for a new one.",
  scope: 'read',
  input: {
    search: collectionSearch.optional().describe('Only collections whose name contains this text.'),
    cursor,
    pageSize: pageSize(20),
  },
  output: { collections: z.array(collectionSummary), nextCursor: z.string().nullable() },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const service = ctx.app.services.collections;
    const { items, nextCursor } = await page(
      args.pageSize,
      args.cursor,
      (request) => service.list(ctx.viewer, args.search ?? null, request),
      (collection) => service.cursorOf(collection),
    );
    const collections = await summarizeCollections(items, ctx);
    const lines = collections.map(
      (c) => `- ${c.id}: ${c.name} (${c.smart ? 'smart' : `${c.imageCount} images`})`,
    );
    const text = collections.length === 0 ? 'No collections yet.' : ['Collections:', ...lines].join('\n');
    return { content: [{ type: 'text', text }], structuredContent: { collections, nextCursor } };
  },
});

export const createCollection = defineTool({
  name: 'create_collection',
  title: 'Create a collection',
  description:
    "Makes a new collection in the person's Atelier. Without a filter it is hand-made: file images into it with add_to_collection. With any of the filter fields it is smart: a saved gallery search that stays current (images cannot be added by hand). Each call makes another collection, even with the same name, so check list_collections first. Free.",
  scope: 'generate',
  input: {
    name: collectionName.describe('Name, 1–120 characters.'),
    description: collectionDescription.optional().describe('What it is for, up to 2000 characters.'),
    filter: z
      .object(imageFilterInput)
      .optional()
      .describe('Make it smart: the search_images filters whose results it shows (at least one).'),
  },
  output: { collection: collectionSummary },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const filter = args.filter ? await toImageFilter(args.filter, ctx) : null;
    if (args.filter && !filter) {
      throw new ToolRefusal(
        'INVALID_INPUT',
        'No image can match this filter: it contradicts the saved search of the collection it names.',
        'filter',
      );
    }
    const created = await ctx.app.services.collections.create(ctx.viewer, {
      name: args.name,
      description: args.description ?? '',
      filter: filter && Object.keys(filter).length > 0 ? filter : null,
    });
    const [collection] = await summarizeCollections([created], ctx);
    const kind = collection!.smart ? 'smart collection (a saved search)' : 'collection';
    return {
      content: [{ type: 'text', text: `Created the ${kind} "${collection!.name}" (${collection!.id}).` }],
      structuredContent: { collection: collection! },
    };
  },
});

export const addToCollection = defineTool({
  name: 'add_to_collection',
  title: 'Add images to a collection',
  description:
    "Files images into one of the person's hand-made collections, appended in the order given; images already in it stay where they are, so calling again changes nothing. The images stay in the gallery. Smart collections refuse (INVALID_STATE). Free. Get collection ids from list_collections or create_collection, image ids from search_images.",
  scope: 'generate',
  input: {
    collectionId: recordId('collection', 'list_collections or create_collection'),
    imageIds: z
      .array(z.string().max(100))
      .min(1, 'give at least one image')
      .max(500, 'at most 500 images at once')
      .describe('The images to add (1–500 ids from search_images).'),
  },
  output: { collection: collectionSummary },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const service = ctx.app.services.collections;
    const [own] = await service.loadMany(ctx.viewer, [args.collectionId]);
    if (!own) throw notFound('collection', 'collectionId', 'list_collections');
    const known = await ctx.app.services.images.loadMany(ctx.viewer, args.imageIds);
    const missing = args.imageIds.find((_, index) => !known[index]);
    if (missing !== undefined) throw notFound('image', 'imageIds', 'search_images', missing);
    const changed = await service.addImages(ctx.viewer, own.id, [...new Set(args.imageIds)]);
    const [collection] = await summarizeCollections([changed], ctx);
    return {
      content: [
        {
          type: 'text',
          text: `"${collection!.name}" now holds ${collection!.imageCount} images. ${collection!.url}`,
        },
      ],
      structuredContent: { collection: collection! },
    };
  },
});

import type { ImageRecord } from '@atelier/domain';
import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { galleryAppMeta } from '../app/gallery-app';
import { imageBlocks, imageSummary, summarizeImage } from '../image-content';
import type { McpContext } from '../mcp-context';
import { defineTool } from '../tool-kit';
import { describeFilter, imageFilterInput, toImageFilter } from './image-filter';
import { cursor, notFound, page, pageSize, recordId } from './tool-inputs';

/** Images shown as pictures in one answer: enough to choose from, well under the ~1 MB clients allow. */
const PREVIEWS = 4;
const PREVIEW_BUDGET_BYTES = 800_000;

export const searchImages = defineTool({
  name: 'search_images',
  title: 'Search the gallery',
  description:
    "Finds the person's own images in their Atelier gallery (not the trash), newest first unless sort is OLDEST, with the gallery's filters: words in the prompt, providers, models, dates, tags, starred, a collection, operations. All given filters must match. Returns each image's id, size, prompt, seed, provider, model and links, and shows the first few as pictures. Pages: pass nextCursor back as cursor, with the same filters, for more. Free, read-only. Next: get_image for one image's details, add_to_collection to file them, share_image to share one.",
  scope: 'read',
  input: {
    ...imageFilterInput,
    sort: z.enum(['NEWEST', 'OLDEST']).default('NEWEST').describe('Order: NEWEST (default) or OLDEST first.'),
    cursor,
    pageSize: pageSize(12),
  },
  output: {
    images: z.array(imageSummary),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as cursor (with the same filters) for the next page; null at the end.'),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  _meta: galleryAppMeta,
  async run(args, ctx) {
    const filter = await toImageFilter(args, ctx);
    const { items, nextCursor } = await page(
      args.pageSize,
      args.cursor,
      async (request) => (filter ? ctx.app.services.images.list(ctx.viewer, filter, args.sort, request) : []),
      (image) => ctx.app.services.images.cursorOf(image),
    );
    const images = items.map((image) => summarizeImage(image, ctx));
    const lines = images.map(
      (image) =>
        `- ${image.id}: "${clip(image.prompt)}" ${image.width}×${image.height} ${image.provider}/${image.model}${image.starred ? ' ★' : ''}`,
    );
    const heading =
      images.length === 0
        ? `No images found (filters: ${describeFilter(filter ?? {})}).`
        : `${images.length} image${images.length === 1 ? '' : 's'} (filters: ${describeFilter(filter ?? {})})${nextCursor ? '; more with cursor' : ''}:`;
    const content: ContentBlock[] = [{ type: 'text', text: [heading, ...lines].join('\n') }];
    let budget = PREVIEW_BUDGET_BYTES;
    for (const image of items.slice(0, PREVIEWS)) {
      const blocks = await imageBlocks(image, ctx);
      const size = blocks.reduce((sum, block) => sum + (block.type === 'image' ? block.data.length : 0), 0);
      if (size > budget) break;
      budget -= size;
      content.push(...blocks);
    }
    return { content, structuredContent: { images, nextCursor } };
  },
});

export const imageDetails = imageSummary.extend({
  negativePrompt: z.string().nullable(),
  style: z.string().nullable(),
  params: z.record(z.string(), z.unknown()).describe('Every parameter it was made with'),
  parentId: z.string().nullable().describe('The image it was made from (variation, enhancement, …), if any'),
  childIds: z.array(z.string()).describe('Images made from this one, newest first'),
  collections: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe('Your collections holding it'),
});

export type ImageDetails = z.infer<typeof imageDetails>;

/** Everything known about one image: what get_image and the image resource return. */
export async function describeImage(image: ImageRecord, ctx: McpContext): Promise<ImageDetails> {
  const { images, collections } = ctx.app.services;
  const [[children = []], [holding = []]] = await Promise.all([
    images.childrenOf(ctx.viewer, [image.id]),
    collections.collectionsOf(ctx.viewer, [image.id]),
  ]);
  return {
    ...summarizeImage(image, ctx),
    negativePrompt: image.negativePrompt,
    style: image.style,
    params: image.params,
    parentId: image.parentImageId,
    childIds: children.map((child) => child.id),
    collections: holding.map((collection) => ({ id: collection.id, name: collection.name })),
  };
}

export const getImage = defineTool({
  name: 'get_image',
  title: 'Get one image',
  description:
    "Shows one of the person's images (a WebP rendition at most 768 px) with everything known about it: prompt, negative prompt, style, seed, provider, model, every parameter, the image it was made from, images made from it, and the collections holding it. Free, read-only. Next: create_variations or enhance_image on it, add_to_collection, or share_image.",
  scope: 'read',
  input: { id: recordId('image', 'search_images or a generate tool') },
  output: { image: imageDetails },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const [image] = await ctx.app.services.images.loadMany(ctx.viewer, [args.id]);
    if (!image) throw notFound('image', 'id', 'search_images');
    const details = await describeImage(image, ctx);
    const text = [
      `Image ${image.id}: "${clip(image.prompt)}"`,
      `${image.width}×${image.height}, ${image.provider}/${image.model}, seed ${image.seed ?? 'none'}, made by ${image.operation} on ${image.createdAt.toISOString()}`,
      `Open it in Atelier: ${details.detailUrl}`,
    ].join('\n');
    return {
      content: [{ type: 'text', text }, ...(await imageBlocks(image, ctx))],
      structuredContent: { image: details },
    };
  },
});

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

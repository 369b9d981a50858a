import { buffer } from 'node:stream/consumers';
import type { ImageRecord } from '@atelier/domain';
import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { McpContext } from './mcp-context';

/** The rendition a model sees: WebP, at most 768 px, well under the ~1 MB many clients allow. */
const PREVIEW_SIZE = 768;

export const imageSummary = z.object({
  id: z.string(),
  uri: z.string().describe('atelier://images/{id}: read it as a resource'),
  width: z.number(),
  height: z.number(),
  prompt: z.string(),
  seed: z.number().nullable(),
  provider: z.string(),
  model: z.string(),
  operation: z.string(),
  starred: z.boolean(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  detailUrl: z.string().describe('The image page in Atelier, for a person'),
  originalUrl: z.string().describe('The full-size file (needs the same token)'),
});
export type ImageSummary = z.infer<typeof imageSummary>;

export const imageUri = (id: string) => `atelier://images/${id}`;

/** What a model (ids, size, seed, provider) and a person (links) need to know of one image. */
export function summarizeImage(image: ImageRecord, ctx: McpContext): ImageSummary {
  return {
    id: image.id,
    uri: imageUri(image.id),
    width: image.width,
    height: image.height,
    prompt: image.prompt,
    seed: image.seed,
    provider: image.provider,
    model: image.model,
    operation: image.operation,
    starred: image.starred,
    tags: image.tags,
    createdAt: image.createdAt.toISOString(),
    detailUrl: `${ctx.baseUrl}/images/${encodeGlobalID('Image', image.id)}`,
    originalUrl: absolute(ctx.app.services.images.fileUrl(image.blobKey), ctx.baseUrl),
  };
}

/** An image block (the ≤768 px WebP rendition, base64) and a resource_link to the image. */
export async function imageBlocks(image: ImageRecord, ctx: McpContext): Promise<ContentBlock[]> {
  const blocks: ContentBlock[] = [];
  const rendition =
    image.thumbnails.find((thumbnail) => thumbnail.size === PREVIEW_SIZE) ?? image.thumbnails.at(-1);
  if (rendition) {
    const file = await ctx.app.services.images.openFile(ctx.viewer, rendition.blobKey);
    if (file) {
      blocks.push({
        type: 'image',
        data: (await buffer(file.stream)).toString('base64'),
        mimeType: file.mime,
      });
    }
  }
  blocks.push({
    type: 'resource_link',
    uri: imageUri(image.id),
    name: `image-${image.id}`,
    title: image.prompt.slice(0, 80),
    mimeType: image.mime,
    description: `${image.width}×${image.height} ${image.provider}/${image.model}`,
  });
  return blocks;
}

function absolute(url: string, baseUrl: string): string {
  return /^https?:\/\//.test(url) ? url : `${baseUrl}${url}`;
}

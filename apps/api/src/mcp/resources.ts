import type { ImageRecord } from '@atelier/domain';
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  McpError,
  type ReadResourceResult,
  type Resource,
} from '@modelcontextprotocol/sdk/types.js';
import { imageBlocks, imageUri, summarizeImage } from './image-content';
import type { McpContext } from './mcp-context';
import { collectionUri, summarizeCollections } from './tools/collections.tools';
import { describeImage } from './tools/images.tools';

/** The spec's code for a resource that does not exist (or, here, is not the caller's). */
const RESOURCE_NOT_FOUND = -32002;
/** How many recent images and collections resources/list offers; older ones are read by id. */
const LISTED = 50;
/** The images a collection resource carries; search_images with collectionId pages through the rest. */
const COLLECTION_IMAGES = 100;

/**
 * `atelier://images/{id}` (metadata and the ≤768 px WebP rendition) and `atelier://collections/{id}`
 * (metadata and its images), listed with the person's recent ones. An unknown id and someone else's
 * fail alike.
 */
export function registerResources(server: McpServer, ctx: McpContext): void {
  server.registerResource(
    'image',
    new ResourceTemplate('atelier://images/{id}', { list: () => listImages(ctx) }),
    {
      title: 'An image of yours',
      description: 'Its metadata (JSON) and a WebP rendition at most 768 px.',
    },
    async (uri, { id }) => {
      const image = await readable(ctx, uri, async () => {
        const [found] = await ctx.app.services.images.loadMany(ctx.viewer, [String(id)]);
        return found ?? null;
      });
      return imageContents(uri.href, image, ctx);
    },
  );
  server.registerResource(
    'collection',
    new ResourceTemplate('atelier://collections/{id}', { list: () => listCollections(ctx) }),
    {
      title: 'A collection of yours',
      description: `Its metadata and its first ${COLLECTION_IMAGES} images (JSON).`,
      mimeType: 'application/json',
    },
    async (uri, { id }) => {
      const collection = await readable(ctx, uri, async () => {
        const [found] = await ctx.app.services.collections.loadMany(ctx.viewer, [String(id)]);
        return found ?? null;
      });
      const [summary] = await summarizeCollections([collection], ctx);
      const images = await ctx.app.services.collections.images(ctx.viewer.id, collection, {
        limit: COLLECTION_IMAGES + 1,
        inverted: false,
      });
      const json = {
        ...summary,
        images: images.slice(0, COLLECTION_IMAGES).map((image) => summarizeImage(image, ctx)),
        more: images.length > COLLECTION_IMAGES,
      };
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(json, null, 2) }],
      };
    },
  );
}

/** The record behind a URI, when the token may read and the record is the person's; else one answer. */
async function readable<T>(ctx: McpContext, uri: URL, load: () => Promise<T | null>): Promise<T> {
  if (!ctx.viewer.scopes.includes('read')) {
    throw new McpError(
      ErrorCode.InvalidRequest,
      'Reading resources needs the "read" scope; this token does not have it.',
    );
  }
  const found = await load();
  if (!found) throw new McpError(RESOURCE_NOT_FOUND, `Resource ${uri.href} not found`, { uri: uri.href });
  return found;
}

async function imageContents(uri: string, image: ImageRecord, ctx: McpContext): Promise<ReadResourceResult> {
  const contents: ReadResourceResult['contents'] = [
    { uri, mimeType: 'application/json', text: JSON.stringify(await describeImage(image, ctx), null, 2) },
  ];
  for (const block of await imageBlocks(image, ctx)) {
    if (block.type === 'image') contents.push({ uri, mimeType: block.mimeType, blob: block.data });
  }
  return { contents };
}

async function listImages(ctx: McpContext): Promise<{ resources: Resource[] }> {
  if (!ctx.viewer.scopes.includes('read')) return { resources: [] };
  const images = await ctx.app.services.images.list(ctx.viewer, {}, 'NEWEST', {
    limit: LISTED,
    inverted: false,
  });
  return {
    resources: images.map((image) => ({
      uri: imageUri(image.id),
      name: `image-${image.id}`,
      title: image.prompt.slice(0, 80),
      description: `${image.width}×${image.height} ${image.provider}/${image.model}, ${image.createdAt.toISOString()}`,
    })),
  };
}

async function listCollections(ctx: McpContext): Promise<{ resources: Resource[] }> {
  if (!ctx.viewer.scopes.includes('read')) return { resources: [] };
  const collections = await ctx.app.services.collections.list(ctx.viewer, null, {
    limit: LISTED,
    inverted: false,
  });
  return {
    resources: collections.map((collection) => ({
      uri: collectionUri(collection.id),
      name: `collection-${collection.id}`,
      title: collection.name,
      mimeType: 'application/json',
      ...(collection.description && { description: collection.description }),
    })),
  };
}

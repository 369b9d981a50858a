import { type ImageFilter, type ImageRecord, NotFoundError, type ThumbnailRecord } from '@atelier/domain';
import {
  encodeGlobalID,
  resolveCursorConnection,
  type ResolveCursorConnectionArgs,
} from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder';
import {
  filterChoices,
  filterSearch,
  filterTags,
  MAX_FILTER_CHOICES,
  MAX_FILTER_TAGS,
  modelId,
  providerId,
} from '../validators';
import { requireViewer } from '../viewer';
import { ImageOperationEnum } from './operation';

const ThumbnailRef = builder.objectRef<ThumbnailRecord & { url: string }>('Thumbnail').implement({
  description: 'A WebP rendition of an image, at most `size` pixels on its longer side.',
  fields: (t) => ({
    size: t.exposeInt('size', { description: 'Longer side bound in pixels (256 or 768).' }),
    url: t.exposeString('url', { description: 'Where to fetch it; immutable, cache forever.' }),
    width: t.exposeInt('width', { description: 'Width in pixels.' }),
    height: t.exposeInt('height', { description: 'Height in pixels.' }),
  }),
});

const ImageMetadataRef = builder.objectRef<ImageRecord>('ImageMetadata').implement({
  description: 'Where an image came from (the original ImageResult.metadata).',
  fields: (t) => ({
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    model: t.exposeString('model', { description: 'Model id.' }),
    params: t.field({ type: 'JSON', description: 'Every parameter used.', resolve: (i) => i.params }),
    timestamp: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (i) => i.createdAt }),
  }),
});

export const ImageRef = builder.loadableNodeRef('Image', {
  id: { resolve: (image: ImageRecord) => image.id },
  load: (ids: string[], ctx) => ctx.services.images.loadMany(requireViewer(ctx), ids),
});

ImageRef.implement({
  description: 'A stored image and everything needed to make it again.',
  // A generate-only token still reads what its own mutation returns; lookups by id need `read`.
  authScopes: { read: true, generate: true },
  fields: (t) => ({
    url: t.string({
      description: 'The original file.',
      resolve: (i, _args, ctx) => ctx.services.images.fileUrl(i.blobKey),
    }),
    width: t.exposeInt('width', { description: 'Width in pixels.' }),
    height: t.exposeInt('height', { description: 'Height in pixels.' }),
    mime: t.exposeString('mime', { description: 'Media type of the original file.' }),
    bytes: t.exposeInt('bytes', { description: 'Size of the original file.' }),
    thumbhash: t.exposeString('thumbhash', {
      nullable: true,
      description: 'A ThumbHash (base64) to paint a placeholder before the thumbnail loads.',
    }),
    prompt: t.exposeString('prompt', { description: 'The prompt.' }),
    negativePrompt: t.exposeString('negativePrompt', { nullable: true, description: 'What to avoid.' }),
    style: t.exposeString('style', { nullable: true, description: 'Style name.' }),
    seed: t.exposeInt('seed', {
      nullable: true,
      description: 'Seed; with the same parameters, the same image.',
    }),
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    model: t.exposeString('model', { description: 'Model id.' }),
    params: t.field({ type: 'JSON', description: 'Every parameter used.', resolve: (i) => i.params }),
    operation: t.field({
      type: ImageOperationEnum,
      description: 'How it was made.',
      resolve: (i) => i.operation,
    }),
    starred: t.exposeBoolean('starred', { description: 'Whether it is starred.' }),
    tags: t.exposeStringList('tags', { description: 'Tags.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (i) => i.createdAt }),
    deletedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it went to the trash; null while it is in the gallery.',
      resolve: (i) => i.deletedAt,
    }),
    purgeAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a trashed image will be deleted for good with its files; null when not trashed.',
      resolve: (i, _args, ctx) => ctx.services.images.purgeAt(i),
    }),
    metadata: t.field({ type: ImageMetadataRef, description: 'Provenance.', resolve: (i) => i }),
    parent: t.field({
      type: ImageRef,
      nullable: true,
      description: 'The image this one was made from (a variation, enhancement, restyle or edit of), if any.',
      resolve: (i) => i.parentImageId,
    }),
    children: t.loadableList({
      type: ImageRef,
      description: 'Images made from this one, newest first.',
      load: (imageIds: string[], ctx) => ctx.services.images.childrenOf(requireViewer(ctx), imageIds),
      resolve: (i) => i.id,
    }),
    thumbnails: t.field({
      type: [ThumbnailRef],
      description: 'WebP renditions, smallest first.',
      resolve: (i, _args, ctx) =>
        i.thumbnails.map((thumb) => ({ ...thumb, url: ctx.services.images.fileUrl(thumb.blobKey) })),
    }),
  }),
});

export const ImageQueryParams = builder.inputType('ImageQueryParams', {
  description: 'Filters for the gallery. All given filters must match.',
  fields: (t) => ({
    search: t.string({
      description:
        'Words to find in the prompt, stemmed ("boats" finds "boat"); "quoted phrases", `or` and -exclusions work as in web search.',
      validate: filterSearch,
    }),
    provider: t.string({ description: 'Only images from this provider.', validate: providerId }),
    providers: t.stringList({
      description: 'Only images from one of these providers.',
      validate: filterChoices(providerId),
    }),
    models: t.stringList({
      description: 'Only images from one of these models.',
      validate: filterChoices(modelId),
    }),
    startDate: t.field({ type: 'DateTime', description: 'Only images made at or after this time.' }),
    endDate: t.field({ type: 'DateTime', description: 'Only images made before this time.' }),
    tags: t.stringList({
      description: `Only images that carry every one of these tags (at most ${MAX_FILTER_TAGS}).`,
      validate: filterTags,
    }),
    starred: t.boolean({ description: 'Only starred (true) or only unstarred (false) images.' }),
    collectionId: t.globalID({ description: 'Only images in this collection of the viewer.' }),
    batchId: t.globalID({ description: 'Only images made by this batch of the viewer.' }),
    operations: t.field({
      type: [ImageOperationEnum],
      description: 'Only images made by one of these operations.',
      validate: z.array(z.unknown()).max(MAX_FILTER_CHOICES, `at most ${MAX_FILTER_CHOICES} choices`),
    }),
  }),
});

export const ImageSortEnum = builder.enumType('ImageSort', {
  description: 'The order of a list of images.',
  values: {
    NEWEST: { description: 'Newest first.' },
    OLDEST: { description: 'Oldest first.' },
  },
});

type ImageQueryParamsShape = typeof ImageQueryParams.$inferInput;

const NIL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The filter as the services take it (the gallery's, and a smart collection's to save): a collection
 * or batch global id becomes its row id; another type's becomes the nil id, which matches nothing
 * (and which a smart collection refuses as it does a missing collection).
 */
export function toImageFilter(params: ImageQueryParamsShape | null | undefined): ImageFilter {
  if (!params) return {};
  const { collectionId, batchId, ...rest } = params;
  return {
    ...rest,
    ...(collectionId && { collectionId: collectionId.typename === 'Collection' ? collectionId.id : NIL_ID }),
    ...(batchId && { batchId: batchId.typename === 'Batch' ? batchId.id : NIL_ID }),
  };
}

builder.queryFields((t) => ({
  images: t.connection({
    type: ImageRef,
    authScopes: { read: true },
    description: "The viewer's images (not those in the trash), newest first unless `sort` says otherwise.",
    args: {
      filter: t.arg({ type: ImageQueryParams, description: 'Filters.' }),
      sort: t.arg({ type: ImageSortEnum, description: 'Order; NEWEST by default.' }),
    },
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (image: ImageRecord) => ctx.services.images.cursorOf(image),
          defaultSize: 50,
          maxSize: 200,
        },
        ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
          ctx.services.images.list(viewer, toImageFilter(args.filter), args.sort ?? 'NEWEST', {
            before,
            after,
            limit,
            inverted,
          }),
      );
    },
  }),
  image: t.field({
    type: ImageRef,
    authScopes: { read: true },
    nullable: true,
    description: "One of the viewer's images, or null.",
    args: { id: t.arg.globalID({ for: ImageRef, required: true, description: 'Image id.' }) },
    resolve: (_root, args) => args.id.id,
  }),
}));

const DeleteImagePayload = builder.objectRef<{ deletedImageId: string }>('DeleteImagePayload').implement({
  description: 'The image is in the trash: restorable for 30 days, then purged with its files.',
  fields: (t) => ({
    deletedImageId: t.exposeID('deletedImageId', { description: 'Global id of the deleted image.' }),
  }),
});

builder.mutationField('deleteImage', (t) =>
  t.field({
    type: DeleteImagePayload,
    authScopes: { generate: true },
    description: "Move one of the viewer's images to the trash (see `restoreImages`, `deleteImagesForever`).",
    errors: { types: [NotFoundError], directResult: true },
    args: {
      id: t.arg.globalID({ for: ImageRef, required: true, description: 'Image id.' }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.services.images.delete(requireViewer(ctx), args.id.id);
      return { deletedImageId: encodeGlobalID('Image', args.id.id) };
    },
  }),
);

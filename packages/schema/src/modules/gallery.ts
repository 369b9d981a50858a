import { type ImageRecord, InvalidInputError, NotFoundError } from '@atelier/domain';
import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import {
  encodeGlobalID,
  resolveCursorConnection,
  type ResolveCursorConnectionArgs,
} from '@pothos/plugin-relay';
import { builder } from '../builder';
import { requireViewer } from '../viewer';
import { ImageRef } from './image';

/** History: star, tag, trash and restore images, in bulk too, and follow the gallery live. */

const ImagesPayload = builder.objectRef<{ images: ImageRecord[] }>('ImagesPayload').implement({
  description: 'The images as they are now.',
  fields: (t) => ({
    images: t.field({ type: [ImageRef], description: 'The changed images.', resolve: (p) => p.images }),
  }),
});

const DeletedImagesPayload = builder
  .objectRef<{ deletedImageIds: string[] }>('DeletedImagesPayload')
  .implement({
    description: 'The images that left the gallery.',
    fields: (t) => ({
      deletedImageIds: t.idList({
        description: 'Global ids of the images.',
        resolve: (p) => p.deletedImageIds.map((id) => encodeGlobalID('Image', id)),
      }),
    }),
  });

const EmptyTrashPayload = builder.objectRef<{ deletedCount: number }>('EmptyTrashPayload').implement({
  description: 'The trash is empty.',
  fields: (t) => ({
    deletedCount: t.exposeInt('deletedCount', { description: 'How many images were deleted for good.' }),
  }),
});

const bulkNote =
  'All or nothing: when any id is not one of the viewer’s images, nothing changes (NOT_FOUND). At most 500 ids.';

builder.mutationFields((t) => ({
  setImageStarred: t.field({
    type: ImageRef,
    authScopes: { generate: true },
    description: 'Star or unstar one of the viewer’s images.',
    errors: { types: [NotFoundError], directResult: true },
    args: {
      id: t.arg.globalID({ for: ImageRef, required: true, description: 'Image id.' }),
      starred: t.arg.boolean({ required: true, description: 'Starred or not.' }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.images.setStarred(requireViewer(ctx), args.id.id, args.starred),
  }),
  setImagesStarred: t.field({
    type: ImagesPayload,
    authScopes: { generate: true },
    description: `Star or unstar several images. ${bulkNote}`,
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    args: {
      ids: t.arg.globalIDList({ for: ImageRef, required: true, description: 'Image ids.' }),
      starred: t.arg.boolean({ required: true, description: 'Starred or not.' }),
    },
    resolve: async (_root, args, ctx) => ({
      images: await ctx.services.images.setStarredMany(
        requireViewer(ctx),
        args.ids.map((id) => id.id),
        args.starred,
      ),
    }),
  }),
  setImageTags: t.field({
    type: ImageRef,
    authScopes: { generate: true },
    description:
      'Replace the tags of one of the viewer’s images. Tags are trimmed and lowercased; at most 32 of at most 40 characters.',
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    args: {
      id: t.arg.globalID({ for: ImageRef, required: true, description: 'Image id.' }),
      tags: t.arg.stringList({ required: true, description: 'The new tags.' }),
    },
    resolve: (_root, args, ctx) => ctx.services.images.setTags(requireViewer(ctx), args.id.id, args.tags),
  }),
  tagImages: t.field({
    type: ImagesPayload,
    authScopes: { generate: true },
    description: `Add and remove tags on several images. ${bulkNote}`,
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    args: {
      ids: t.arg.globalIDList({ for: ImageRef, required: true, description: 'Image ids.' }),
      add: t.arg.stringList({ description: 'Tags to add.' }),
      remove: t.arg.stringList({ description: 'Tags to remove.' }),
    },
    resolve: async (_root, args, ctx) => ({
      images: await ctx.services.images.tagMany(
        requireViewer(ctx),
        args.ids.map((id) => id.id),
        { add: args.add ?? [], remove: args.remove ?? [] },
      ),
    }),
  }),
  deleteImages: t.field({
    type: DeletedImagesPayload,
    authScopes: { generate: true },
    description: `Move images to the trash, restorable for 30 days. ${bulkNote}`,
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    args: { ids: t.arg.globalIDList({ for: ImageRef, required: true, description: 'Image ids.' }) },
    resolve: async (_root, args, ctx) => ({
      deletedImageIds: await ctx.services.images.trashMany(
        requireViewer(ctx),
        args.ids.map((id) => id.id),
      ),
    }),
  }),
  restoreImages: t.field({
    type: ImagesPayload,
    authScopes: { generate: true },
    description: `Bring trashed images back to the gallery. ${bulkNote}`,
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    args: { ids: t.arg.globalIDList({ for: ImageRef, required: true, description: 'Image ids.' }) },
    resolve: async (_root, args, ctx) => ({
      images: await ctx.services.images.restoreMany(
        requireViewer(ctx),
        args.ids.map((id) => id.id),
      ),
    }),
  }),
  deleteImagesForever: t.field({
    type: DeletedImagesPayload,
    authScopes: { generate: true },
    description: `Delete images now, with their files unless another image shares them. ${bulkNote}`,
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    args: { ids: t.arg.globalIDList({ for: ImageRef, required: true, description: 'Image ids.' }) },
    resolve: async (_root, args, ctx) => ({
      deletedImageIds: await ctx.services.images.deleteForever(
        requireViewer(ctx),
        args.ids.map((id) => id.id),
      ),
    }),
  }),
  restoreTrash: t.field({
    type: ImagesPayload,
    authScopes: { generate: true },
    description: 'Bring every image in the viewer’s trash back to the gallery.',
    resolve: async (_root, _args, ctx) => ({
      images: await ctx.services.images.restoreAll(requireViewer(ctx)),
    }),
  }),
  emptyTrash: t.field({
    type: EmptyTrashPayload,
    authScopes: { generate: true },
    description: 'Delete everything in the viewer’s trash now, with files no other image uses.',
    resolve: async (_root, _args, ctx) => ({
      deletedCount: await ctx.services.images.emptyTrash(requireViewer(ctx)),
    }),
  }),
}));

builder.queryField('trash', (t) =>
  t.connection({
    type: ImageRef,
    authScopes: { read: true },
    description: 'The viewer’s trashed images, most recently deleted first; each is purged at `purgeAt`.',
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (image: ImageRecord) => ctx.services.images.trashCursorOf(image),
          defaultSize: 50,
          maxSize: 200,
        },
        ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
          ctx.services.images.trash(viewer, { before, after, limit, inverted }),
      );
    },
  }),
);

builder.subscriptionFields((t) => ({
  imageAdded: t.field({
    type: ImageRef,
    authScopes: { read: true },
    description:
      'Each new image of the viewer’s, as it is stored (generated, imported, …). With `since` (the `createdAt` of the newest image the client has), images made after it come first, at most 100: a client resuming after a disconnect misses none.',
    args: {
      since: t.arg({
        type: 'DateTime',
        description: 'Also send the images made after this time, first (oldest first, at most 100).',
      }),
    },
    subscribe: (_root, args, ctx) =>
      ctx.services.images.watch(requireViewer(ctx), 'ADDED', args.since ?? null),
    // A subscription keeps one context for its lifetime: forget what earlier events loaded.
    resolve: (image: ImageRecord, _args, ctx) => {
      clearAllDataLoaders(ctx);
      return image;
    },
  }),
  imageUpdated: t.field({
    type: ImageRef,
    authScopes: { read: true },
    description:
      'Each of the viewer’s images when it is starred, tagged, trashed (then `deletedAt` is set) or restored.',
    subscribe: (_root, _args, ctx) => ctx.services.images.watch(requireViewer(ctx), 'UPDATED'),
    resolve: (image: ImageRecord, _args, ctx) => {
      clearAllDataLoaders(ctx);
      return image;
    },
  }),
}));

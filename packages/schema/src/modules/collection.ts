import {
  type CollectionImageRecord,
  type CollectionRecord,
  InvalidInputError,
  NotFoundError,
  SmartCollectionError,
} from '@atelier/domain';
import {
  encodeGlobalID,
  resolveCursorConnection,
  type ResolveCursorConnectionArgs,
} from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder';
import { collectionDescription, collectionName, collectionSearch } from '../validators';
import { requireViewer } from '../viewer';
import { ErrorInterface } from './error';
import { ImageQueryParams, ImageRef, toImageFilter } from './image';

export const MAX_COLLECTION_IMAGES_PER_CALL = 500;

builder.objectType(SmartCollectionError, {
  name: 'SmartCollectionError',
  description:
    "A smart collection's images come from its saved search: they cannot be added, removed or moved.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof SmartCollectionError,
});

export const CollectionRef = builder.loadableNodeRef('Collection', {
  id: { resolve: (collection: CollectionRecord) => collection.id },
  load: (ids: string[], ctx) => ctx.services.collections.loadMany(requireViewer(ctx), ids),
});

CollectionRef.implement({
  description: 'A named set of images: hand-made and ordered, or smart (a saved search that stays current).',
  authScopes: { read: true, generate: true },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name, 1–120 characters.' }),
    description: t.exposeString('description', { description: 'Free text; empty when none.' }),
    isSmart: t.boolean({
      description: 'Whether its images come from a saved search rather than being added by hand.',
      resolve: (c) => c.filter !== null,
    }),
    filter: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The saved `images` filter of a smart collection (as `ImageQueryParams`); null for a hand-made one.',
      resolve: (c) =>
        c.filter && {
          ...c.filter,
          ...(c.filter.collectionId && { collectionId: encodeGlobalID('Collection', c.filter.collectionId) }),
          ...(c.filter.batchId && { batchId: encodeGlobalID('Batch', c.filter.batchId) }),
        },
    }),
    imageCount: t.loadable({
      type: 'Int',
      nullable: true,
      description: 'How many images it holds; null for a smart collection (its search changes live).',
      load: (collections: CollectionRecord[], ctx) =>
        ctx.services.collections.imageCounts(requireViewer(ctx), collections),
      resolve: (c) => c,
    }),
    cover: t.loadable({
      type: ImageRef,
      nullable: true,
      description: 'The chosen cover image, or else the first image; null when empty.',
      load: (collections: CollectionRecord[], ctx) =>
        ctx.services.collections.covers(requireViewer(ctx).id, collections),
      resolve: (c) => c,
    }),
    coverChosen: t.boolean({
      description:
        'Whether the cover was chosen (`updateCollection(coverImageId)`) rather than the first image.',
      resolve: (c) => c.coverImageId !== null,
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (c) => c.createdAt }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it or its images last changed.',
      resolve: (c) => c.updatedAt,
    }),
    images: t.connection({
      type: ImageRef,
      description: 'Its images: in their order for a hand-made collection, newest first for a smart one.',
      resolve: (collection, args, ctx) => {
        const viewer = requireViewer(ctx);
        return resolveCursorConnection(
          {
            args,
            toCursor: (image: CollectionImageRecord) =>
              ctx.services.collections.imageCursorOf(collection, image),
            defaultSize: 50,
            maxSize: 200,
          },
          ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
            ctx.services.collections.images(viewer.id, collection, { before, after, limit, inverted }),
        );
      },
    }),
  }),
});

builder.objectFields(ImageRef, (t) => ({
  collections: t.loadableList({
    type: CollectionRef,
    description: 'The hand-made collections this image is in.',
    load: (imageIds: string[], ctx) => ctx.services.collections.collectionsOf(requireViewer(ctx), imageIds),
    resolve: (image) => image.id,
  }),
}));

builder.queryFields((t) => ({
  collections: t.connection({
    type: CollectionRef,
    authScopes: { read: true },
    description: "The viewer's collections, most recently changed first.",
    args: {
      search: t.arg.string({
        description: 'Only collections whose name contains this text.',
        validate: collectionSearch,
      }),
    },
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (collection: CollectionRecord) => ctx.services.collections.cursorOf(collection),
          defaultSize: 50,
          maxSize: 200,
        },
        ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
          ctx.services.collections.list(viewer, args.search ?? null, { before, after, limit, inverted }),
      );
    },
  }),
  collection: t.field({
    type: CollectionRef,
    authScopes: { read: true },
    nullable: true,
    description: "One of the viewer's collections, or null.",
    args: { id: t.arg.globalID({ for: CollectionRef, required: true, description: 'Collection id.' }) },
    resolve: (_root, args) => args.id.id,
  }),
}));

const CreateCollectionInput = builder.inputType('CreateCollectionInput', {
  description: 'A new collection; with a `filter` it is smart (a saved search).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name, 1–120 characters.', validate: collectionName }),
    description: t.string({
      description: 'Free text, up to 2000 characters.',
      validate: collectionDescription,
    }),
    filter: t.field({
      type: ImageQueryParams,
      description: 'Make it smart: the `images` filter whose results it shows, kept current.',
    }),
  }),
});

const UpdateCollectionInput = builder.inputType('UpdateCollectionInput', {
  description: 'Changes to a collection; absent fields stay as they are.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: CollectionRef, description: 'The collection.' }),
    name: t.string({ description: 'New name, 1–120 characters.', validate: collectionName }),
    description: t.string({ description: 'New description.', validate: collectionDescription }),
    filter: t.field({ type: ImageQueryParams, description: "A smart collection's new saved search." }),
    coverImageId: t.globalID({
      for: ImageRef,
      description: 'The image to show as its cover; null to show the first image.',
    }),
  }),
});

const imageIdsArg = z
  .array(z.unknown())
  .min(1, 'give at least one image')
  .max(MAX_COLLECTION_IMAGES_PER_CALL, `at most ${MAX_COLLECTION_IMAGES_PER_CALL} images at once`);

const DeleteCollectionPayload = builder
  .objectRef<{ deletedCollectionId: string }>('DeleteCollectionPayload')
  .implement({
    description: 'The collection is gone; its images are not.',
    fields: (t) => ({
      deletedCollectionId: t.exposeID('deletedCollectionId', {
        description: 'Global id of the deleted collection.',
      }),
    }),
  });

builder.mutationFields((t) => ({
  createCollection: t.field({
    type: CollectionRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Make a collection: hand-made, or smart when given a filter.',
    args: { input: t.arg({ type: CreateCollectionInput, required: true, description: 'Name and more.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.collections.create(requireViewer(ctx), {
        name: input.name,
        description: input.description ?? '',
        filter: input.filter ? toImageFilter(input.filter) : null,
      }),
  }),
  updateCollection: t.field({
    type: CollectionRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, NotFoundError], directResult: true },
    description: "Rename, describe, change the cover or the saved search of one of the viewer's collections.",
    args: { input: t.arg({ type: UpdateCollectionInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.collections.update(requireViewer(ctx), input.id.id, {
        ...(input.name != null && { name: input.name }),
        ...(input.description != null && { description: input.description }),
        ...(input.filter != null && { filter: toImageFilter(input.filter) }),
        ...(input.coverImageId !== undefined && { coverImageId: input.coverImageId?.id ?? null }),
      }),
  }),
  deleteCollection: t.field({
    type: DeleteCollectionPayload,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: "Delete one of the viewer's collections. Its images stay in the gallery.",
    args: { id: t.arg.globalID({ for: CollectionRef, required: true, description: 'Collection id.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.collections.delete(requireViewer(ctx), args.id.id);
      return { deletedCollectionId: encodeGlobalID('Collection', args.id.id) };
    },
  }),
  addImagesToCollection: t.field({
    type: CollectionRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, NotFoundError, SmartCollectionError], directResult: true },
    description: `Append images (up to ${MAX_COLLECTION_IMAGES_PER_CALL}, in the order given) to a hand-made collection; images already in it stay where they are.`,
    args: {
      id: t.arg.globalID({ for: CollectionRef, required: true, description: 'Collection id.' }),
      imageIds: t.arg.globalIDList({
        for: ImageRef,
        required: true,
        description: 'The images.',
        validate: imageIdsArg,
      }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.collections.addImages(
        requireViewer(ctx),
        args.id.id,
        args.imageIds.map((image) => image.id),
      ),
  }),
  removeImagesFromCollection: t.field({
    type: CollectionRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, NotFoundError, SmartCollectionError], directResult: true },
    description: 'Take images out of a hand-made collection (they stay in the gallery).',
    args: {
      id: t.arg.globalID({ for: CollectionRef, required: true, description: 'Collection id.' }),
      imageIds: t.arg.globalIDList({
        for: ImageRef,
        required: true,
        description: 'The images.',
        validate: imageIdsArg,
      }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.collections.removeImages(
        requireViewer(ctx),
        args.id.id,
        args.imageIds.map((image) => image.id),
      ),
  }),
  moveCollectionImage: t.field({
    type: CollectionRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, NotFoundError, SmartCollectionError], directResult: true },
    description: 'Reorder a hand-made collection: put one image right after another, or first.',
    args: {
      id: t.arg.globalID({ for: CollectionRef, required: true, description: 'Collection id.' }),
      imageId: t.arg.globalID({ for: ImageRef, required: true, description: 'The image to move.' }),
      afterImageId: t.arg.globalID({
        for: ImageRef,
        description: 'The image it should follow; absent or null to make it the first.',
      }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.collections.moveImage(
        requireViewer(ctx),
        args.id.id,
        args.imageId.id,
        args.afterImageId?.id ?? null,
      ),
  }),
}));

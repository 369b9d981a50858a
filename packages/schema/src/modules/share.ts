import {
  InvalidInputError,
  NotFoundError,
  type SharedCollectionRecord,
  type SharedImageRecord,
  type ShareLinkRecord,
  SmartCollectionError,
  type ThumbnailRecord,
} from '@atelier/domain';
import { builder } from '../builder';
import type { SchemaContext } from '../ports';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { requireViewer } from '../viewer';
import { CollectionRef } from './collection';
import { ImageRef } from './image';

export const ShareLinkRef = builder.objectRef<ShareLinkRecord>('ShareLink').implement({
  description:
    'A public, read-only link to one of your images or collections, valid until it expires or you revoke it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Link id.' }),
    token: t.exposeString('token', { description: 'The unguessable part of the link.' }),
    path: t.string({
      description: 'Where the link opens in this app: `/s/<token>`.',
      resolve: (l) => `/s/${l.token}`,
    }),
    hideParams: t.exposeBoolean('hideParams', {
      description: 'Whether the prompt and parameters are hidden from viewers.',
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it stops working; null: never.',
      resolve: (l) => l.expiresAt,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked.',
      resolve: (l) => l.revokedAt,
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (l) => l.createdAt }),
    active: t.boolean({
      description: 'Whether it works now.',
      resolve: (l) => l.revokedAt === null && (l.expiresAt === null || l.expiresAt.getTime() > Date.now()),
    }),
    image: t.field({
      type: ImageRef,
      nullable: true,
      description: 'The shared image; null for a collection link.',
      resolve: (l) => l.imageId,
    }),
    collection: t.field({
      type: CollectionRef,
      nullable: true,
      description: 'The shared collection; null for an image link.',
      resolve: (l) => l.collectionId,
    }),
  }),
});

const SharedThumbnailRef = builder.objectRef<ThumbnailRecord & { url: string }>('SharedThumbnail').implement({
  description: 'A WebP rendition of a shared image.',
  fields: (t) => ({
    size: t.exposeInt('size', { description: 'Longer side bound in pixels.' }),
    url: t.exposeString('url', { description: 'Where to fetch it through the link.' }),
    width: t.exposeInt('width', { description: 'Width in pixels.' }),
    height: t.exposeInt('height', { description: 'Height in pixels.' }),
  }),
});

const SharedImageRef = builder.objectRef<SharedImageRecord>('SharedImage').implement({
  description:
    'An image as a share link shows it: read-only, without prompt and parameters when the owner hid them.',
  fields: (t) => {
    const shown =
      <T>(pick: (record: SharedImageRecord) => T) =>
      (record: SharedImageRecord) =>
        record.link.hideParams ? null : pick(record);
    const fileUrl = (record: SharedImageRecord, key: string, ctx: SchemaContext) =>
      ctx.services.sharing.fileUrl(record.link.token, key);
    return {
      url: t.string({
        description: 'The original file, through the link.',
        resolve: (r, _args, ctx) => fileUrl(r, r.image.blobKey, ctx),
      }),
      width: t.int({ description: 'Width in pixels.', resolve: (r) => r.image.width }),
      height: t.int({ description: 'Height in pixels.', resolve: (r) => r.image.height }),
      thumbhash: t.string({
        nullable: true,
        description: 'Placeholder while loading.',
        resolve: (r) => r.image.thumbhash,
      }),
      thumbnails: t.field({
        type: [SharedThumbnailRef],
        description: 'WebP renditions, smallest first.',
        resolve: (r, _args, ctx) =>
          r.image.thumbnails.map((thumb) => ({ ...thumb, url: fileUrl(r, thumb.blobKey, ctx) })),
      }),
      createdAt: t.field({
        type: 'DateTime',
        description: 'When it was made.',
        resolve: (r) => r.image.createdAt,
      }),
      expiresAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the link stops working.',
        resolve: (r) => r.link.expiresAt,
      }),
      paramsHidden: t.boolean({
        description: 'Whether the owner hid the prompt and parameters.',
        resolve: (r) => r.link.hideParams,
      }),
      prompt: t.string({
        nullable: true,
        description: 'The prompt, unless hidden.',
        resolve: shown((r) => r.image.prompt),
      }),
      negativePrompt: t.string({
        nullable: true,
        description: 'Negative prompt, unless hidden.',
        resolve: shown((r) => r.image.negativePrompt),
      }),
      style: t.string({
        nullable: true,
        description: 'Style, unless hidden.',
        resolve: shown((r) => r.image.style),
      }),
      seed: t.int({
        nullable: true,
        description: 'Seed, unless hidden.',
        resolve: shown((r) => r.image.seed),
      }),
      provider: t.string({
        nullable: true,
        description: 'Provider, unless hidden.',
        resolve: shown((r) => r.image.provider),
      }),
      model: t.string({
        nullable: true,
        description: 'Model, unless hidden.',
        resolve: shown((r) => r.image.model),
      }),
      params: t.field({
        type: 'JSON',
        nullable: true,
        description: 'Parameters, unless hidden.',
        resolve: shown((r) => r.image.params),
      }),
    };
  },
});

const SharedCollectionImagesRef = builder.connectionObject({
  type: SharedImageRef,
  name: 'SharedCollectionImagesConnection',
  description: "A page of a shared collection's images.",
});

const SharedCollectionRef = builder.objectRef<SharedCollectionRecord>('SharedCollection').implement({
  description: 'A collection as a share link shows it: read-only, in its order.',
  fields: (t) => ({
    name: t.string({ description: 'Name.', resolve: (r) => r.collection.name }),
    description: t.string({
      description: 'Description; empty when none.',
      resolve: (r) => r.collection.description,
    }),
    isSmart: t.boolean({
      description: 'Whether its images come from a saved search.',
      resolve: (r) => r.collection.filter !== null,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the link stops working.',
      resolve: (r) => r.link.expiresAt,
    }),
    paramsHidden: t.boolean({
      description: 'Whether the owner hid the prompts and parameters.',
      resolve: (r) => r.link.hideParams,
    }),
    images: t.field({
      type: SharedCollectionImagesRef,
      description: 'Its images, in the collection order.',
      args: {
        first: t.arg.int({ description: 'Take this many items from the start (or after `after`).' }),
        after: t.arg.string({ description: 'Start after this cursor.' }),
        last: t.arg.int({ description: 'Take this many items from the end (or before `before`).' }),
        before: t.arg.string({ description: 'End before this cursor.' }),
      },
      resolve: (shared, args, ctx) =>
        resolveCursorConnection(
          {
            args,
            toCursor: (record: SharedImageRecord) => record.cursor!,
            defaultSize: 50,
            maxSize: 200,
          },
          async ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
            (
              await ctx.services.collections.images(shared.collection.ownerId, shared.collection, {
                before,
                after,
                limit,
                inverted,
              })
            ).map((image) => ({
              link: shared.link,
              image,
              cursor: ctx.services.collections.imageCursorOf(shared.collection, image),
            })),
        ),
    }),
  }),
});

const CreateShareLinkInput = builder.inputType('CreateShareLinkInput', {
  description: 'A public link to one of your images, or to one of your collections: give exactly one.',
  fields: (t) => ({
    imageId: t.globalID({ for: ImageRef, description: 'The image.' }),
    collectionId: t.globalID({ for: CollectionRef, description: 'The collection.' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When it stops working; never when absent.' }),
    hideParams: t.boolean({
      description: 'Hide the prompt and parameters from viewers.',
      defaultValue: false,
    }),
  }),
});

builder.objectFields(ImageRef, (t) => ({
  shareLinks: t.loadableList({
    type: ShareLinkRef,
    description: 'Links that share this image, newest first (revoked ones included).',
    load: (imageIds: string[], ctx) => ctx.services.sharing.linksOf(requireViewer(ctx), imageIds),
    resolve: (image) => image.id,
  }),
}));

builder.objectFields(CollectionRef, (t) => ({
  shareLinks: t.loadableList({
    type: ShareLinkRef,
    description: 'Links that share this collection, newest first (revoked ones included).',
    load: (ids: string[], ctx) => ctx.services.sharing.linksOfCollections(requireViewer(ctx), ids),
    resolve: (collection) => collection.id,
  }),
}));

builder.queryField('sharedCollection', (t) =>
  t.field({
    type: SharedCollectionRef,
    nullable: true,
    description:
      'The collection behind a share link, or null when the link is unknown, expired, revoked or shares an image. Public.',
    args: { token: t.arg.string({ required: true, description: 'The token from the link.' }) },
    resolve: (_root, { token }, ctx) => ctx.services.sharing.openCollection(token),
  }),
);

builder.queryField('sharedImage', (t) =>
  t.field({
    type: SharedImageRef,
    nullable: true,
    description:
      'The image behind a share link, or null when the link is unknown, expired or revoked. Public.',
    args: { token: t.arg.string({ required: true, description: 'The token from the link.' }) },
    resolve: (_root, { token }, ctx) => ctx.services.sharing.open(token),
  }),
);

builder.mutationFields((t) => ({
  createShareLink: t.field({
    type: ShareLinkRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, SmartCollectionError], directResult: true },
    description: 'Make a public, read-only link to one of your images or collections.',
    args: {
      input: t.arg({
        type: CreateShareLinkInput,
        required: true,
        description: 'What to share, and options.',
      }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.sharing.create(requireViewer(ctx), {
        imageId: input.imageId?.id ?? null,
        collectionId: input.collectionId?.id ?? null,
        expiresAt: input.expiresAt ?? null,
        hideParams: input.hideParams ?? false,
      }),
  }),
  revokeShareLink: t.field({
    type: ShareLinkRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Stop a share link at once; its files stop being served through it.',
    args: { id: t.arg.id({ required: true, description: 'Link id.' }) },
    resolve: (_root, { id }, ctx) => ctx.services.sharing.revoke(requireViewer(ctx), String(id)),
  }),
}));

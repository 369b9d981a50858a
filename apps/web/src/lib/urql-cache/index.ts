import type { Cache, CacheExchangeOpts, Data, Variables } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import schema from '../../gql/introspection';
import {
  createApiToken,
  createWebhook,
  deleteWebhook,
  refreshesDeliveries,
  createShareLink,
  revokeConnectedApp,
  setSignupEnabled,
  signOut,
  signsIn,
} from './account';
import { batchUpdated, createBatch } from './batches';
import {
  addImagesToCollection,
  createCollection,
  deleteCollection,
  moveCollectionImage,
  removeImagesFromCollection,
  updateCollection,
} from './collections';
import {
  deleteImage,
  deleteImages,
  deleteImagesForever,
  eachImage,
  emptyTrash,
  imageAdded,
  imageUpdated,
  setImageStarred,
  setImageTags,
} from './images';
import { importsImage } from './imports';
import { cancelJob, jobUpdated, queuesJob } from './jobs';
import { keys } from './keys';
import { alsoRecordsPrompt, refreshesLists } from './library';
import { libraryChanged } from './live-lists';
import {
  offlineOptimistic,
  showInCollectionOffline,
  showSavedPromptOffline,
  unlessOptimistic,
} from './offline';
import { renditionUrl } from './renditions';

/*
 * All graphcache configuration, assembled from one file per concern: keys (keys.ts), the lists
 * the updaters edit (connections.ts), jobs, images and the trash, collections, the account, the
 * prompt library, batches, and changes from other tabs (live-lists.ts). The app client and the
 * test client both use `cacheOptions`, so the specs exercise exactly what the app runs.
 */

/**
 * What the server said for `Query.<field>(id)` if it was asked (null stays null: no refetch loop),
 * otherwise the entity by id, so data from lists and subscriptions is read without a request.
 */
function entityOrCached(cache: Cache, field: string, typename: string, args: Variables) {
  const cached = cache.resolve('Query', field, args);
  return cached !== undefined ? cached : { __typename: typename, id: args.id as string };
}

export const cacheOptions = {
  schema,
  keys,
  resolvers: {
    Query: {
      images: relayPagination(),
      jobs: relayPagination(),
      users: relayPagination(),
      trash: relayPagination(),
      batches: relayPagination(),
      collections: relayPagination(),
      savedPrompts: relayPagination(),
      promptHistory: relayPagination(),
      templates: relayPagination(),
      stylePresets: relayPagination(),
      template: (_parent: Data, args: Variables, cache: Cache) =>
        entityOrCached(cache, 'template', 'PromptTemplate', args),
      stylePreset: (_parent: Data, args: Variables, cache: Cache) =>
        entityOrCached(cache, 'stylePreset', 'StylePreset', args),
      // Let a detail page or a job card read what a list or a subscription already cached.
      image: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'image', 'Image', args),
      job: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'job', 'Job', args),
      batch: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'batch', 'Batch', args),
      collection: (_parent: Data, args: Variables, cache: Cache) =>
        entityOrCached(cache, 'collection', 'Collection', args),
    },
    Collection: { images: relayPagination() },
    Thumbnail: { url: renditionUrl },
  },
  updates: {
    Mutation: {
      generateImages: alsoRecordsPrompt(queuesJob('generateImages')),
      createVariations: alsoRecordsPrompt(queuesJob('createVariations')),
      enhanceImage: queuesJob('enhanceImage'),
      restyleImage: alsoRecordsPrompt(queuesJob('restyleImage')),
      editImage: alsoRecordsPrompt(queuesJob('editImage')),
      outpaintImage: queuesJob('outpaintImage'),
      applyImageEdits: queuesJob('applyImageEdits'),
      cancelJob,
      retryJob: queuesJob('retryJob'),
      deleteImage,
      setImageStarred,
      setImageTags,
      tagImages: eachImage('tagImages'),
      deleteImages,
      restoreImages: eachImage('restoreImages'),
      restoreTrash: eachImage('restoreTrash'),
      setImagesStarred: eachImage('setImagesStarred'),
      deleteImagesForever,
      emptyTrash,
      importImage: importsImage('importImage'),
      importImageFromUrl: importsImage('importImageFromUrl'),
      setup: signsIn('setup'),
      signIn: signsIn('signIn'),
      signUp: signsIn('signUp'),
      signOut,
      createApiToken,
      createWebhook,
      deleteWebhook,
      pingWebhook: refreshesDeliveries,
      redeliverWebhook: refreshesDeliveries,
      revokeConnectedApp,
      createShareLink,
      setSignupEnabled,
      createBatch,
      createCollection,
      updateCollection,
      deleteCollection,
      addImagesToCollection: unlessOptimistic(addImagesToCollection, (_result, args, cache) =>
        showInCollectionOffline(cache, args),
      ),
      removeImagesFromCollection,
      moveCollectionImage,
      savePrompt: unlessOptimistic(refreshesLists(['savedPrompts']), (result, _args, cache) => {
        const saved = result.savePrompt as { __typename?: string; id: string } | null;
        if (saved?.__typename === 'SavedPrompt') showSavedPromptOffline(cache, saved);
      }),
      updateSavedPrompt: refreshesLists(['savedPrompts']),
      deleteSavedPrompt: refreshesLists(['savedPrompts'], 'SavedPrompt'),
      deletePromptHistoryEntry: refreshesLists(['promptHistory'], 'PromptHistoryEntry'),
      clearPromptHistory: refreshesLists(['promptHistory']),
      createTemplate: refreshesLists(['templates']),
      updateTemplate: unlessOptimistic(refreshesLists(['templates'])),
      deleteTemplate: refreshesLists(['templates'], 'PromptTemplate'),
      createStylePreset: refreshesLists(['stylePresets']),
      updateStylePreset: refreshesLists(['stylePresets']),
      duplicateStylePreset: refreshesLists(['stylePresets']),
      importStylePresets: refreshesLists(['stylePresets']),
      deleteStylePreset: refreshesLists(['stylePresets'], 'StylePreset'),
      // cancelBatch and retryFailedBatchItems answer with the batch and its items: updated in place.
      // revokeApiToken, revokeShareLink and setUserQuota answer with the entity: keyed by id, it
      // updates in place.
    },
    Subscription: { imageAdded, imageUpdated, jobUpdated, batchUpdated, libraryChanged },
  },
  optimistic: {
    // Tags, collections, saved prompts and template edits work offline: see offline.ts.
    ...offlineOptimistic,
    // Reordering is instant; the updater moves the tile, and a refusal rolls it back.
    moveCollectionImage: (args: Variables) => ({ __typename: 'Collection', id: args.id as string }),
    // The star flips at once; the server's answer (or a rollback) follows.
    setImageStarred: (args: Variables) => ({
      __typename: 'Image',
      id: args.id as string,
      starred: args.starred as boolean,
    }),
    // The tile disappears at once; if the server refuses, the optimistic layer is rolled back.
    deleteImage: (args: Variables) => ({
      __typename: 'DeleteImagePayload',
      deletedImageId: args.id as string,
    }),
  },
} satisfies Partial<CacheExchangeOpts>;

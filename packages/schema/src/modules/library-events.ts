import type { LibraryEvent, LibraryItemKind } from '@atelier/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder';
import { requireViewer } from '../viewer';

export const LibraryItemKindEnum = builder.enumType('LibraryItemKind', {
  description: 'What kind of library item changed.',
  values: {
    COLLECTION: { description: 'A collection, or the images in it.' },
    SAVED_PROMPT: { description: 'A saved prompt.' },
    PROMPT_HISTORY: { description: 'An entry of the prompt history.' },
    TEMPLATE: { description: 'A prompt template.' },
    STYLE_PRESET: { description: 'A style preset of the viewer’s.' },
    BATCH: { description: 'A batch run.' },
    EVERYTHING: {
      description:
        'Changes may have been missed (the server lost its event connection and is back): read every library list again. `id` is empty.',
    },
  },
});

// The id a client already holds for the item: a global id for node types, the row id otherwise.
const nodeTypename: Partial<Record<LibraryItemKind, string>> = {
  COLLECTION: 'Collection',
  TEMPLATE: 'PromptTemplate',
  STYLE_PRESET: 'StylePreset',
  BATCH: 'Batch',
};

const LibraryChangeRef = builder.objectRef<LibraryEvent>('LibraryChange').implement({
  description: 'One item of the viewer’s library was made, changed or removed, by any tab or program.',
  fields: (t) => ({
    kind: t.field({ type: LibraryItemKindEnum, description: 'What kind of item.', resolve: (e) => e.kind }),
    id: t.id({
      description: 'The item’s id, as its `id` field gives it.',
      resolve: (e) => {
        const typename = nodeTypename[e.kind];
        return typename ? encodeGlobalID(typename, e.itemId) : e.itemId;
      },
    }),
    removed: t.exposeBoolean('removed', { description: 'Whether it was deleted.' }),
  }),
});

builder.subscriptionField('libraryChanged', (t) =>
  t.field({
    type: LibraryChangeRef,
    authScopes: { read: true },
    description:
      'Each change to the viewer’s collections, saved prompts, prompt history, templates, presets and batches, so other tabs stay current.',
    subscribe: (_root, _args, ctx) => ctx.services.library.watch(requireViewer(ctx)),
    resolve: (event: LibraryEvent) => event,
  }),
);

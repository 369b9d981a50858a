import {
  InvalidInputError,
  NotFoundError,
  type PromptHistoryRecord,
  type SavedPromptRecord,
} from '@atelier/domain';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { builder } from '../builder';
import {
  negativePromptText,
  promptNotes as notes,
  promptTags as tags,
  promptText,
  savedPromptTitle,
} from '../validators';
import { requireViewer } from '../viewer';

export const SavedPromptRef = builder.objectRef<SavedPromptRecord>('SavedPrompt').implement({
  description: 'A prompt the viewer saved to the library, with a title, tags and notes.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Saved prompt id.' }),
    title: t.exposeString('title', { description: 'Title shown in the library.' }),
    prompt: t.exposeString('prompt', { description: 'The prompt.' }),
    negativePrompt: t.exposeString('negativePrompt', { nullable: true, description: 'What to avoid.' }),
    tags: t.exposeStringList('tags', { description: 'Tags, for filtering.' }),
    notes: t.exposeString('notes', { description: 'Free notes.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was saved.', resolve: (p) => p.createdAt }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed.',
      resolve: (p) => p.updatedAt,
    }),
  }),
});

export const PromptHistoryEntryRef = builder.objectRef<PromptHistoryRecord>('PromptHistoryEntry').implement({
  description: 'A prompt the viewer submitted, once per distinct text, with how often it was used.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'History entry id.' }),
    prompt: t.exposeString('prompt', { description: 'The prompt as last submitted.' }),
    negativePrompt: t.exposeString('negativePrompt', {
      nullable: true,
      description: 'The negative prompt last submitted with it.',
    }),
    uses: t.exposeInt('uses', { description: 'How many times it was submitted.' }),
    firstUsedAt: t.field({
      type: 'DateTime',
      description: 'First submitted.',
      resolve: (e) => e.firstUsedAt,
    }),
    lastUsedAt: t.field({ type: 'DateTime', description: 'Last submitted.', resolve: (e) => e.lastUsedAt }),
  }),
});

const SavePromptInput = builder.inputType('SavePromptInput', {
  description: 'A prompt to keep in the library.',
  fields: (t) => ({
    title: t.string({
      required: true,
      description: 'Title, up to 120 characters.',
      validate: savedPromptTitle,
    }),
    prompt: t.string({ required: true, description: 'The prompt.', validate: promptText }),
    negativePrompt: t.string({
      description: 'What to avoid.',
      validate: negativePromptText,
    }),
    tags: t.stringList({ description: 'Tags (up to 20).', validate: tags }),
    notes: t.string({ description: 'Free notes.', validate: notes }),
  }),
});

const UpdateSavedPromptInput = builder.inputType('UpdateSavedPromptInput', {
  description: 'Changes to a saved prompt; absent fields stay as they are.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Saved prompt id.' }),
    title: t.string({ description: 'New title.', validate: savedPromptTitle }),
    prompt: t.string({ description: 'New prompt.', validate: promptText }),
    negativePrompt: t.string({
      description: 'New negative prompt; an empty string clears it.',
      validate: negativePromptText,
    }),
    tags: t.stringList({ description: 'New tags.', validate: tags }),
    notes: t.string({ description: 'New notes.', validate: notes }),
  }),
});

const DeletedPayload = builder.objectRef<{ deletedId: string }>('DeletedLibraryItem').implement({
  description: 'Something of the library is gone.',
  fields: (t) => ({ deletedId: t.exposeID('deletedId', { description: 'Id of what was deleted.' }) }),
});

const ClearedHistory = builder.objectRef<{ deletedCount: number }>('ClearedPromptHistory').implement({
  description: 'The prompt history is empty.',
  fields: (t) => ({ deletedCount: t.exposeInt('deletedCount', { description: 'How many entries went.' }) }),
});

builder.queryFields((t) => ({
  savedPrompts: t.connection({
    type: SavedPromptRef,
    authScopes: { read: true },
    description: "The viewer's saved prompts, most recently changed first.",
    args: {
      search: t.arg.string({ description: 'Words to find in the title, prompt or notes.' }),
      tag: t.arg.string({ description: 'Only prompts with this tag.' }),
    },
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (p: SavedPromptRecord) => ctx.services.prompts.cursorOf(p),
          defaultSize: 50,
          maxSize: 200,
        },
        (page: ResolveCursorConnectionArgs) =>
          ctx.services.prompts.list(viewer, { search: args.search ?? null, tag: args.tag ?? null }, page),
      );
    },
  }),
  promptHistory: t.connection({
    type: PromptHistoryEntryRef,
    authScopes: { read: true },
    description: 'Every prompt the viewer submitted, once per distinct text, most recently used first.',
    args: { search: t.arg.string({ description: 'Text the prompt contains.' }) },
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (e: PromptHistoryRecord) => ctx.services.prompts.historyCursorOf(e),
          defaultSize: 50,
          maxSize: 200,
        },
        (page: ResolveCursorConnectionArgs) =>
          ctx.services.prompts.history(viewer, args.search ?? null, page),
      );
    },
  }),
}));

builder.mutationFields((t) => ({
  savePrompt: t.field({
    type: SavedPromptRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Save a prompt to the library.',
    args: { input: t.arg({ type: SavePromptInput, required: true, description: 'The prompt.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.prompts.save(requireViewer(ctx), {
        title: input.title,
        prompt: input.prompt,
        negativePrompt: input.negativePrompt || null,
        tags: input.tags ?? [],
        notes: input.notes ?? '',
      }),
  }),
  updateSavedPrompt: t.field({
    type: SavedPromptRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    description: 'Change a saved prompt.',
    args: { input: t.arg({ type: UpdateSavedPromptInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.prompts.update(requireViewer(ctx), String(input.id), {
        ...(input.title != null && { title: input.title }),
        ...(input.prompt != null && { prompt: input.prompt }),
        ...(input.negativePrompt != null && { negativePrompt: input.negativePrompt || null }),
        ...(input.tags != null && { tags: input.tags }),
        ...(input.notes != null && { notes: input.notes }),
      }),
  }),
  deleteSavedPrompt: t.field({
    type: DeletedPayload,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Delete a saved prompt.',
    args: { id: t.arg.id({ required: true, description: 'Saved prompt id.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.prompts.delete(requireViewer(ctx), String(args.id));
      return { deletedId: String(args.id) };
    },
  }),
  deletePromptHistoryEntry: t.field({
    type: DeletedPayload,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Forget one prompt of the history.',
    args: { id: t.arg.id({ required: true, description: 'History entry id.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.prompts.deleteHistoryEntry(requireViewer(ctx), String(args.id));
      return { deletedId: String(args.id) };
    },
  }),
  clearPromptHistory: t.field({
    type: ClearedHistory,
    authScopes: { generate: true },
    description: "Forget the viewer's whole prompt history.",
    resolve: async (_root, _args, ctx) => ({
      deletedCount: await ctx.services.prompts.clearHistory(requireViewer(ctx)),
    }),
  }),
}));

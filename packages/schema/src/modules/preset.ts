import {
  InvalidInputError,
  MAX_PROMPT_LENGTH,
  NotFoundError,
  type StylePresetRecord,
  type StylePresetSettings,
} from '@atelier/domain';
import {
  encodeGlobalID,
  resolveCursorConnection,
  type ResolveCursorConnectionArgs,
} from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder';
import { freeText, nameText } from '../text';
import { requireViewer } from '../viewer';
import { ImageRef } from './image';
import { ImageQualityEnum } from './quality';

const SettingsRef = builder.objectRef<StylePresetSettings>('StylePresetSettings').implement({
  description: 'A whole Generate setup; null fields leave the form (or the model default) as it is.',
  fields: (t) => ({
    provider: t.exposeString('provider', { nullable: true, description: 'Provider id.' }),
    model: t.exposeString('model', { nullable: true, description: 'Model id.' }),
    width: t.exposeInt('width', { nullable: true, description: 'Width in pixels.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Height in pixels.' }),
    aspectRatio: t.exposeString('aspectRatio', { nullable: true, description: 'Aspect ratio "W:H".' }),
    quality: t.field({
      type: ImageQualityEnum,
      nullable: true,
      description: 'Quality.',
      resolve: (s) => s.quality,
    }),
    steps: t.exposeInt('steps', { nullable: true, description: 'Refinement steps.' }),
    style: t.exposeString('style', { nullable: true, description: "One of the model's styles." }),
    promptPrefix: t.exposeString('promptPrefix', { nullable: true, description: 'Put before the prompt.' }),
    promptSuffix: t.exposeString('promptSuffix', { nullable: true, description: 'Put after the prompt.' }),
    negativePrompt: t.exposeString('negativePrompt', { nullable: true, description: 'What to leave out.' }),
  }),
});

export const StylePresetRef = builder.loadableNodeRef('StylePreset', {
  id: { resolve: (record: StylePresetRecord) => record.id },
  load: (ids: string[], ctx) => ctx.services.presets.loadMany(requireViewer(ctx), ids),
});

StylePresetRef.implement({
  description: 'A named Generate setup. Starter presets ship with Atelier and are read-only.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name.' }),
    description: t.exposeString('description', { description: 'What it is for.' }),
    starter: t.boolean({
      description: 'Whether it ships with Atelier (read-only).',
      resolve: (p) => p.ownerId === null,
    }),
    settings: t.field({ type: SettingsRef, description: 'The setup.', resolve: (p) => p.settings }),
    previewImage: t.field({
      type: ImageRef,
      nullable: true,
      description: "A picture of the viewer's made with it.",
      resolve: (p) => p.previewImageId,
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (p) => p.createdAt }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed.',
      resolve: (p) => p.updatedAt,
    }),
  }),
});

const affix = (field: string) => freeText(field, 1000);

export const StylePresetSettingsInputRef = builder.inputType('StylePresetSettingsInput', {
  description: 'A Generate setup; checked against the provider and model like a Generate request.',
  fields: (t) => ({
    provider: t.string({ description: 'Provider id.', validate: z.string().min(1).max(64) }),
    model: t.string({ description: 'Model id.', validate: z.string().min(1).max(128) }),
    width: t.int({ description: 'Width in pixels.', validate: z.number().int().positive() }),
    height: t.int({ description: 'Height in pixels.', validate: z.number().int().positive() }),
    aspectRatio: t.string({
      description: 'Aspect ratio "W:H".',
      validate: z.string().regex(/^[1-9]\d{0,2}:[1-9]\d{0,2}$/, 'aspectRatio must look like "16:9"'),
    }),
    quality: t.field({ type: ImageQualityEnum, description: 'Quality.' }),
    steps: t.int({ description: 'Refinement steps.', validate: z.number().int().positive() }),
    style: t.string({ description: 'Style name.', validate: freeText('style', 64) }),
    promptPrefix: t.string({ description: 'Put before the prompt.', validate: affix('promptPrefix') }),
    promptSuffix: t.string({ description: 'Put after the prompt.', validate: affix('promptSuffix') }),
    negativePrompt: t.string({
      description: 'What to leave out.',
      validate: freeText('negativePrompt', MAX_PROMPT_LENGTH),
    }),
  }),
});

type SettingsArg = { [K in keyof StylePresetSettings]?: StylePresetSettings[K] | null };

function settingsOf(input: SettingsArg | null | undefined): StylePresetSettings {
  return {
    provider: input?.provider ?? null,
    model: input?.model ?? null,
    width: input?.width ?? null,
    height: input?.height ?? null,
    aspectRatio: input?.aspectRatio ?? null,
    quality: input?.quality ?? null,
    steps: input?.steps ?? null,
    style: input?.style || null,
    promptPrefix: input?.promptPrefix || null,
    promptSuffix: input?.promptSuffix || null,
    negativePrompt: input?.negativePrompt || null,
  };
}

const CreateStylePresetInput = builder.inputType('CreateStylePresetInput', {
  description: 'A new style preset of the viewer.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name.', validate: nameText('name', 80) }),
    description: t.string({ description: 'What it is for.', validate: freeText('description', 500) }),
    settings: t.field({ type: StylePresetSettingsInputRef, required: true, description: 'The setup.' }),
    previewImageId: t.globalID({ for: ImageRef, description: "One of the viewer's images to show." }),
  }),
});

const UpdateStylePresetInput = builder.inputType('UpdateStylePresetInput', {
  description: "Changes to one of the viewer's presets; absent fields stay.",
  fields: (t) => ({
    id: t.globalID({ required: true, for: StylePresetRef, description: 'Preset id.' }),
    name: t.string({ description: 'New name.', validate: nameText('name', 80) }),
    description: t.string({ description: 'New description.', validate: freeText('description', 500) }),
    settings: t.field({
      type: StylePresetSettingsInputRef,
      description: 'New setup (replaces the old one).',
    }),
    previewImageId: t.globalID({ for: ImageRef, description: "One of the viewer's images to show." }),
    clearPreview: t.boolean({ description: 'Remove the preview image.' }),
  }),
});

const DeletedPreset = builder.objectRef<{ deletedId: string }>('DeletedStylePreset').implement({
  description: 'The preset is gone.',
  fields: (t) => ({ deletedId: t.exposeID('deletedId', { description: 'Preset id.' }) }),
});

const ExportedPresets = builder.objectRef<{ json: string }>('ExportedStylePresets').implement({
  description: 'Presets as a JSON document: { format: "atelier.style-presets", version: 1, presets }.',
  fields: (t) => ({ json: t.exposeString('json', { description: 'The document.' }) }),
});

const ImportedPresets = builder
  .objectRef<{ presets: StylePresetRecord[] }>('ImportedStylePresets')
  .implement({
    description: 'The presets made from an imported document.',
    fields: (t) => ({
      presets: t.field({
        type: [StylePresetRef],
        description: 'New presets, in document order.',
        resolve: (r) => r.presets,
      }),
    }),
  });

builder.queryFields((t) => ({
  stylePresets: t.connection({
    type: StylePresetRef,
    authScopes: { read: true },
    description: "The starter presets and the viewer's own, most recently changed first.",
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (p: StylePresetRecord) => ctx.services.presets.cursorOf(p),
          defaultSize: 50,
          maxSize: 200,
        },
        (page: ResolveCursorConnectionArgs) => ctx.services.presets.list(viewer, page),
      );
    },
  }),
  stylePreset: t.field({
    type: StylePresetRef,
    nullable: true,
    authScopes: { read: true },
    description: "A starter preset or one of the viewer's, or null.",
    args: { id: t.arg.globalID({ required: true, for: StylePresetRef, description: 'Preset id.' }) },
    resolve: (_root, args) => args.id.id,
  }),
  exportStylePresets: t.field({
    type: ExportedPresets,
    authScopes: { read: true },
    description: "The viewer's presets (all, or those listed) as a JSON document to download.",
    args: {
      ids: t.arg.globalIDList({
        for: StylePresetRef,
        description: "Which presets; all of the viewer's own when absent.",
      }),
    },
    resolve: async (_root, args, ctx) => ({
      json: await ctx.services.presets.exportJson(requireViewer(ctx), args.ids?.map((id) => id.id) ?? null),
    }),
  }),
}));

builder.mutationFields((t) => ({
  createStylePreset: t.field({
    type: StylePresetRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Make a style preset.',
    args: { input: t.arg({ type: CreateStylePresetInput, required: true, description: 'The preset.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.presets.create(requireViewer(ctx), {
        name: input.name,
        description: input.description ?? '',
        settings: settingsOf(input.settings),
        previewImageId: input.previewImageId?.id ?? null,
      }),
  }),
  updateStylePreset: t.field({
    type: StylePresetRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    description: "Change one of the viewer's presets (starter presets are read-only: duplicate them).",
    args: { input: t.arg({ type: UpdateStylePresetInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.presets.update(requireViewer(ctx), input.id.id, {
        ...(input.name != null && { name: input.name }),
        ...(input.description != null && { description: input.description }),
        ...(input.settings != null && { settings: settingsOf(input.settings) }),
        ...(input.previewImageId != null && { previewImageId: input.previewImageId.id }),
        ...(input.clearPreview && { previewImageId: null }),
      }),
  }),
  duplicateStylePreset: t.field({
    type: StylePresetRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: "Copy a preset (a starter one or the viewer's) into a new preset of the viewer.",
    args: { id: t.arg.globalID({ required: true, for: StylePresetRef, description: 'Preset id.' }) },
    resolve: (_root, args, ctx) => ctx.services.presets.duplicate(requireViewer(ctx), args.id.id),
  }),
  deleteStylePreset: t.field({
    type: DeletedPreset,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: "Delete one of the viewer's presets.",
    args: { id: t.arg.globalID({ required: true, for: StylePresetRef, description: 'Preset id.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.presets.delete(requireViewer(ctx), args.id.id);
      return { deletedId: encodeGlobalID('StylePreset', args.id.id) };
    },
  }),
  importStylePresets: t.field({
    type: ImportedPresets,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Make presets from an exported JSON document; nothing is made if any entry is bad.',
    args: {
      json: t.arg.string({
        required: true,
        description: 'The document.',
        validate: z.string().max(1_000_000),
      }),
    },
    resolve: async (_root, args, ctx) => ({
      presets: await ctx.services.presets.importJson(requireViewer(ctx), args.json),
    }),
  }),
}));

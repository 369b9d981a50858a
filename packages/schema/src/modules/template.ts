import {
  InvalidInputError,
  InvalidTemplateError,
  NotFoundError,
  type PromptTemplateRecord,
  type PromptTemplateVersionRecord,
  type TemplatePreviewRecord,
} from '@atelier/domain';
import type { VariableDeclaration } from '@atelier/prompt-template';
import {
  encodeGlobalID,
  resolveCursorConnection,
  type ResolveCursorConnectionArgs,
} from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder';
import { nameText } from '../text';
import { requireViewer } from '../viewer';
import { ErrorInterface } from './error';
import { ImageRef } from './image';

const VariableTypeEnum = builder.enumType('TemplateVariableType', {
  description: 'What a template variable holds.',
  values: {
    TEXT: { value: 'text', description: 'Any text.' },
    CHOICE: { value: 'choice', description: 'One of a list of options.' },
    NUMBER: { value: 'number', description: 'A number, optionally whole and within bounds.' },
  } as const,
});

const TemplateVariableRef = builder.objectRef<VariableDeclaration>('TemplateVariable').implement({
  description: 'A variable of a template: `{name}` in the body.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name, as written between braces.' }),
    type: t.field({ type: VariableTypeEnum, description: 'What it holds.', resolve: (v) => v.type }),
    options: t.stringList({
      nullable: true,
      description: 'The options of a CHOICE variable.',
      resolve: (v) => (v.type === 'choice' ? v.options : null),
    }),
    default: t.string({
      nullable: true,
      description: 'The value used when none is given.',
      resolve: (v) => (v.default == null ? null : String(v.default)),
    }),
    min: t.float({
      nullable: true,
      description: 'Lowest NUMBER allowed.',
      resolve: (v) => (v.type === 'number' ? (v.min ?? null) : null),
    }),
    max: t.float({
      nullable: true,
      description: 'Highest NUMBER allowed.',
      resolve: (v) => (v.type === 'number' ? (v.max ?? null) : null),
    }),
    integer: t.boolean({
      description: 'Whether a NUMBER must be whole.',
      resolve: (v) => v.type === 'number' && !!v.integer,
    }),
  }),
});

const TemplateVersionRef = builder.objectRef<PromptTemplateVersionRecord>('PromptTemplateVersion').implement({
  description: 'One version of a template; versions never change.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'Version number, from 1.' }),
    body: t.exposeString('body', {
      description: 'The text, with `{name}` variables and `{{`/`}}` for braces.',
    }),
    variables: t.field({
      type: [TemplateVariableRef],
      description: 'Declared variables.',
      resolve: (v) => v.variables,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When this version was saved.',
      resolve: (v) => v.createdAt,
    }),
  }),
});

export const PromptTemplateRef = builder.loadableNodeRef('PromptTemplate', {
  id: { resolve: (record: PromptTemplateRecord) => record.id },
  load: (ids: string[], ctx) => ctx.services.templates.loadMany(requireViewer(ctx), ids),
});

PromptTemplateRef.implement({
  description: 'A prompt with typed variables, kept in versions.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name.' }),
    latestVersion: t.exposeInt('latestVersion', { description: 'Number of the newest version.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (p) => p.createdAt }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed.',
      resolve: (p) => p.updatedAt,
    }),
    versions: t.loadableList({
      type: TemplateVersionRef,
      description: 'Every version, newest first.',
      load: (ids: string[], ctx) => ctx.services.templates.versions(requireViewer(ctx), ids),
      resolve: (p) => p.id,
    }),
    latest: t.field({
      type: TemplateVersionRef,
      description: 'The newest version.',
      resolve: async (p, _args, ctx) => {
        const [versions] = await ctx.services.templates.versions(requireViewer(ctx), [p.id]);
        const latest = versions?.find((v) => v.version === p.latestVersion);
        if (!latest) throw new NotFoundError('The template version');
        return latest;
      },
    }),
  }),
});

builder.objectType(InvalidTemplateError, {
  name: 'InvalidTemplateError',
  description: 'The template body or its variables cannot work. Nothing was saved.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidTemplateError,
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field at fault, e.g. "input.body".' }),
    position: t.exposeInt('position', {
      nullable: true,
      description: 'Offset in the body where the problem is.',
    }),
    variable: t.exposeString('variable', { nullable: true, description: 'The variable concerned, if any.' }),
  }),
});

export const TemplateVariableInputRef = builder.inputType('TemplateVariableInput', {
  description: 'A variable declaration. Numbers and defaults are given as text, as a form holds them.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name, as written between braces.' }),
    type: t.field({ type: VariableTypeEnum, required: true, description: 'What it holds.' }),
    options: t.stringList({ description: 'Options of a CHOICE variable.' }),
    default: t.string({ description: 'Default value.' }),
    min: t.float({ description: 'Lowest NUMBER allowed.' }),
    max: t.float({ description: 'Highest NUMBER allowed.' }),
    integer: t.boolean({ description: 'Whether a NUMBER must be whole.' }),
  }),
});

export const TemplateValueInputRef = builder.inputType('TemplateValueInput', {
  description: 'A value for one variable.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Variable name.' }),
    value: t.string({ required: true, description: 'The value, as text (numbers too).' }),
  }),
});

type VariableArg = {
  name: string;
  type: VariableDeclaration['type'];
  options?: string[] | null;
  default?: string | null;
  min?: number | null;
  max?: number | null;
  integer?: boolean | null;
};

export function variableInputs(list: readonly VariableArg[]) {
  return list.map((v) => ({
    name: v.name,
    type: v.type,
    options: v.options ?? null,
    default: v.default ?? null,
    min: v.min ?? null,
    max: v.max ?? null,
    integer: v.integer ?? null,
  }));
}

export function valueMap(
  list: readonly { name: string; value: string }[] | null | undefined,
): Record<string, string> {
  return Object.fromEntries((list ?? []).map((v) => [v.name, v.value]));
}

const body = z.string().max(10_000, 'body must be at most 10000 characters');
const variables = z.array(z.any()).max(20, 'at most 20 variables');

const CreateTemplateInput = builder.inputType('CreateTemplateInput', {
  description: 'A new template (its version 1).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name.', validate: nameText('name', 120) }),
    body: t.string({ required: true, description: 'Text with `{name}` variables.', validate: body }),
    variables: t.field({
      type: [TemplateVariableInputRef],
      required: true,
      description: 'Every variable the body uses.',
      validate: variables,
    }),
  }),
});

const UpdateTemplateInput = builder.inputType('UpdateTemplateInput', {
  description: 'Changes to a template. A new body or variables make a new version; old ones stay.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: PromptTemplateRef, description: 'Template id.' }),
    name: t.string({ description: 'New name.', validate: nameText('name', 120) }),
    body: t.string({ description: 'New body (with `variables`, or the latest ones).', validate: body }),
    variables: t.field({
      type: [TemplateVariableInputRef],
      description: 'New variables.',
      validate: variables,
    }),
  }),
});

const TemplatePreviewRef = builder.objectRef<TemplatePreviewRecord>('TemplatePreview').implement({
  description: 'A template expanded with some values.',
  fields: (t) => ({
    prompt: t.exposeString('prompt', { description: 'The prompt it makes.' }),
    variables: t.exposeStringList('variables', { description: 'Variables the body uses, in order.' }),
    warnings: t.exposeStringList('warnings', { description: 'Things worth fixing that do not stop it.' }),
  }),
});

const ImageTemplateRef = builder
  .objectRef<{ id: string | null; version: number; values: Record<string, unknown> }>('ImageTemplate')
  .implement({
    description: 'The template an image was made from.',
    fields: (t) => ({
      template: t.field({
        type: PromptTemplateRef,
        nullable: true,
        description: 'The template; null once deleted.',
        resolve: (u) => u.id,
      }),
      version: t.exposeInt('version', { description: 'The version used.' }),
      values: t.field({ type: 'JSON', description: 'Values by variable name.', resolve: (u) => u.values }),
    }),
  });

builder.objectFields(ImageRef, (t) => ({
  template: t.field({
    type: ImageTemplateRef,
    nullable: true,
    description: 'The template this image was made from, if any.',
    resolve: (image) => image.template ?? null,
  }),
}));

builder.queryFields((t) => ({
  templates: t.connection({
    type: PromptTemplateRef,
    authScopes: { read: true },
    description: "The viewer's templates, most recently changed first.",
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (p: PromptTemplateRecord) => ctx.services.templates.cursorOf(p),
          defaultSize: 50,
          maxSize: 200,
        },
        (page: ResolveCursorConnectionArgs) => ctx.services.templates.list(viewer, page),
      );
    },
  }),
  template: t.field({
    type: PromptTemplateRef,
    nullable: true,
    authScopes: { read: true },
    description: "One of the viewer's templates, or null.",
    args: { id: t.arg.globalID({ required: true, for: PromptTemplateRef, description: 'Template id.' }) },
    resolve: (_root, args) => args.id.id,
  }),
  previewTemplate: t.field({
    type: TemplatePreviewRef,
    authScopes: { read: true },
    errors: { types: [InvalidTemplateError, InvalidInputError], directResult: true },
    description: 'Expand a template body with values, without saving anything.',
    args: {
      body: t.arg.string({ required: true, description: 'Template body.', validate: body }),
      variables: t.arg({ type: [TemplateVariableInputRef], required: true, description: 'Declarations.' }),
      values: t.arg({ type: [TemplateValueInputRef], description: 'Values; defaults fill the rest.' }),
    },
    resolve: (_root, args, ctx) => {
      requireViewer(ctx);
      return ctx.services.templates.preview(args.body, variableInputs(args.variables), valueMap(args.values));
    },
  }),
}));

builder.mutationFields((t) => ({
  createTemplate: t.field({
    type: PromptTemplateRef,
    authScopes: { generate: true },
    errors: { types: [InvalidTemplateError, InvalidInputError], directResult: true },
    description: 'Make a template (version 1).',
    args: { input: t.arg({ type: CreateTemplateInput, required: true, description: 'The template.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.templates.create(requireViewer(ctx), {
        name: input.name,
        body: input.body,
        variables: variableInputs(input.variables),
      }),
  }),
  updateTemplate: t.field({
    type: PromptTemplateRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError, InvalidTemplateError, InvalidInputError], directResult: true },
    description: 'Rename a template, or save a new version of it.',
    args: { input: t.arg({ type: UpdateTemplateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.templates.update(requireViewer(ctx), input.id.id, {
        name: input.name ?? null,
        body: input.body ?? null,
        variables: input.variables ? variableInputs(input.variables) : null,
      }),
  }),
  deleteTemplate: t.field({
    type: builder.objectRef<{ deletedId: string }>('DeletedTemplate').implement({
      description: 'The template and its versions are gone; images made from it keep their values.',
      fields: (f) => ({ deletedId: f.exposeID('deletedId', { description: 'Template id.' }) }),
    }),
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Delete a template with all its versions.',
    args: { id: t.arg.globalID({ required: true, for: PromptTemplateRef, description: 'Template id.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.templates.delete(requireViewer(ctx), args.id.id);
      return { deletedId: encodeGlobalID('PromptTemplate', args.id.id) };
    },
  }),
}));

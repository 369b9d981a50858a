import type { PromptTemplateRecord, StylePresetRecord } from '@atelier/domain';
import { z } from 'zod';
import type { McpContext } from '../mcp-context';
import { expandTemplate, templateVariable, viewVariable } from '../template-expansion';
import { defineTool } from '../tool-kit';
import { cursor, page, pageSize, recordId } from './tool-inputs';

/** The MCP prompt (prompts/get) under which a template is offered, its variables as arguments. */
export const templatePromptName = (id: string) => `template-${id}`;

const template = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().describe('The latest version, shown here'),
  body: z.string().describe('The text, with {name} variables'),
  variables: z.array(templateVariable),
  updatedAt: z.string(),
  promptName: z.string().describe('Its name among this server’s MCP prompts'),
});

async function summarizeTemplates(records: readonly PromptTemplateRecord[], ctx: McpContext) {
  const versions = await ctx.app.services.templates.versions(
    ctx.viewer,
    records.map((record) => record.id),
  );
  return records.map((record, index) => {
    const latest = versions[index]?.find((v) => v.version === record.latestVersion);
    return {
      id: record.id,
      name: record.name,
      version: record.latestVersion,
      body: latest?.body ?? '',
      variables: (latest?.variables ?? []).map(viewVariable),
      updatedAt: record.updatedAt.toISOString(),
      promptName: templatePromptName(record.id),
    };
  });
}

export const listTemplates = defineTool({
  name: 'list_templates',
  title: 'List prompt templates',
  description:
    "Lists the person's prompt templates, most recently changed first: prompts with typed {variables} (text, a choice among options, or a number within bounds), each with its latest body and variables. Free, read-only. Next: expand_template with values to get the prompt, then generate_images with it.",
  scope: 'read',
  input: { cursor, pageSize: pageSize(20) },
  output: { templates: z.array(template), nextCursor: z.string().nullable() },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const service = ctx.app.services.templates;
    const { items, nextCursor } = await page(
      args.pageSize,
      args.cursor,
      (request) => service.list(ctx.viewer, request),
      (record) => service.cursorOf(record),
    );
    const templates = await summarizeTemplates(items, ctx);
    const text =
      templates.length === 0
        ? 'No templates yet.'
        : templates
            .map(
              (t) =>
                `- ${t.name} (${t.id}), variables ${t.variables.map((v) => v.name).join(', ') || 'none'}: ${t.body}`,
            )
            .join('\n');
    return { content: [{ type: 'text', text }], structuredContent: { templates, nextCursor } };
  },
});

export const expandTemplateTool = defineTool({
  name: 'expand_template',
  title: 'Expand a prompt template',
  description:
    "Fills one of the person's prompt templates with values and returns the prompt it makes, checked the way generation checks it (a choice must be one of its options, a number within its bounds; variables left out take their defaults). Saves nothing, generates nothing, free. Next: generate_images with the prompt.",
  scope: 'read',
  input: {
    templateId: recordId('template', 'list_templates'),
    values: z
      .record(z.string().max(64), z.union([z.string().max(4000), z.number()]))
      .default({})
      .describe('A value per variable name, e.g. {"animal": "fox", "count": 3}.'),
    version: z.number().int().min(1).optional().describe('An older version; the latest when omitted.'),
  },
  output: { prompt: z.string(), templateId: z.string(), version: z.number() },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const values = Object.fromEntries(
      Object.entries(args.values).map(([name, value]) => [name, String(value)]),
    );
    const expanded = await expandTemplate(ctx, args.templateId, args.version ?? null, values);
    return {
      content: [{ type: 'text', text: expanded.prompt }],
      structuredContent: { prompt: expanded.prompt, templateId: args.templateId, version: expanded.version },
    };
  },
});

const preset = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  starter: z.boolean().describe('Shipped with Atelier (read-only) rather than made by the person'),
  settings: z
    .record(z.string(), z.unknown())
    .describe(
      'provider, model, width, height, aspectRatio, quality, steps, style, promptPrefix, promptSuffix, negativePrompt; null: not set',
    ),
});

function summarizePreset(record: StylePresetRecord): z.infer<typeof preset> {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    starter: record.ownerId === null,
    settings: { ...record.settings },
  };
}

export const listStylePresets = defineTool({
  name: 'list_style_presets',
  title: 'List style presets',
  description:
    "Lists the style presets the person can use: Atelier's starter presets and their own, most recently changed first. A preset is a saved setup (provider, model, size, quality, steps, style, text put before/after the prompt, negative prompt). Free, read-only. Next: pass a preset's id as presetId to generate_images to apply it.",
  scope: 'read',
  input: { cursor, pageSize: pageSize(50) },
  output: { presets: z.array(preset), nextCursor: z.string().nullable() },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const service = ctx.app.services.presets;
    const { items, nextCursor } = await page(
      args.pageSize,
      args.cursor,
      (request) => service.list(ctx.viewer, request),
      (record) => service.cursorOf(record),
    );
    const presets = items.map(summarizePreset);
    const text =
      presets.length === 0
        ? 'No style presets.'
        : presets
            .map((p) => `- ${p.name} (${p.id})${p.starter ? ' [starter]' : ''}: ${p.description}`)
            .join('\n');
    return { content: [{ type: 'text', text }], structuredContent: { presets, nextCursor } };
  },
});

import type { SavedPromptRecord } from '@atelier/domain';
import {
  filterSearch,
  negativePromptText,
  promptNotes,
  promptTags,
  promptText,
  savedPromptTitle,
} from '@atelier/schema/validators';
import { z } from 'zod';
import { defineTool } from '../tool-kit';
import { cursor, page, pageSize } from './tool-inputs';

/** The MCP prompt (prompts/get) under which a saved prompt is offered. */
export const savedPromptName = (id: string) => `saved-prompt-${id}`;

const savedPrompt = z.object({
  id: z.string(),
  title: z.string(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  updatedAt: z.string(),
  promptName: z.string().describe('Its name among this server’s MCP prompts'),
});

function summarize(record: SavedPromptRecord): z.infer<typeof savedPrompt> {
  return {
    id: record.id,
    title: record.title,
    prompt: record.prompt,
    negativePrompt: record.negativePrompt,
    tags: record.tags,
    notes: record.notes,
    updatedAt: record.updatedAt.toISOString(),
    promptName: savedPromptName(record.id),
  };
}

export const savePrompt = defineTool({
  name: 'save_prompt',
  title: 'Save a prompt',
  description:
    "Keeps a prompt in the person's Atelier prompt library, with a title, optional negative prompt, tags and notes, so they (and you, through search_prompts) can find and reuse it. Each call saves another entry, even for the same text. Free; generates nothing.",
  scope: 'generate',
  input: {
    title: savedPromptTitle.describe('A short title, up to 120 characters.'),
    prompt: promptText.describe('The prompt text.'),
    negativePrompt: negativePromptText.optional().describe('What to avoid, if anything.'),
    tags: promptTags.optional().describe('Up to 20 tags of at most 40 characters, for filtering.'),
    notes: promptNotes.optional().describe('Free notes, up to 4000 characters.'),
  },
  output: { prompt: savedPrompt },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const saved = await ctx.app.services.prompts.save(ctx.viewer, {
      title: args.title,
      prompt: args.prompt,
      negativePrompt: args.negativePrompt || null,
      tags: args.tags ?? [],
      notes: args.notes ?? '',
    });
    return {
      content: [{ type: 'text', text: `Saved "${saved.title}" to the prompt library (${saved.id}).` }],
      structuredContent: { prompt: summarize(saved) },
    };
  },
});

export const searchPrompts = defineTool({
  name: 'search_prompts',
  title: 'Search saved prompts',
  description:
    "Finds prompts the person saved in their Atelier prompt library, most recently changed first: by words in the title, prompt or notes (web-search syntax), and/or by tag. Without either it lists them all. Free, read-only. Next: use a prompt's text with generate_images.",
  scope: 'read',
  input: {
    query: filterSearch.optional().describe('Words to find in the title, prompt or notes.'),
    tag: z.string().max(40).optional().describe('Only prompts with this tag.'),
    cursor,
    pageSize: pageSize(20),
  },
  output: { prompts: z.array(savedPrompt), nextCursor: z.string().nullable() },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const service = ctx.app.services.prompts;
    const filter = { search: args.query?.trim() || null, tag: args.tag?.trim().toLowerCase() || null };
    const { items, nextCursor } = await page(
      args.pageSize,
      args.cursor,
      (request) => service.list(ctx.viewer, filter, request),
      (record) => service.cursorOf(record),
    );
    const prompts = items.map(summarize);
    const text =
      prompts.length === 0
        ? 'No saved prompts match.'
        : prompts.map((p) => `- ${p.title} (${p.id}): ${p.prompt}`).join('\n');
    return { content: [{ type: 'text', text }], structuredContent: { prompts, nextCursor } };
  },
});

import { InvalidInputError, type PromptTemplateRecord, type SavedPromptRecord } from '@atelier/domain';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  type GetPromptResult,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  McpError,
  type Prompt,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpContext } from './mcp-context';
import { describeVariable, expandTemplate } from './template-expansion';
import { ToolRefusal } from './tool-errors';
import { savedPromptName } from './tools/prompts.tools';
import { templatePromptName } from './tools/templates.tools';

const PAGE = 50;

/** Where prompts/list stopped: in templates first, then saved prompts. */
interface Position {
  kind: 'templates' | 'saved';
  after: string | null;
}

/**
 * The person's templates (variables as arguments; getting one expands it) and saved prompts as MCP
 * prompts. They are read when asked for, so the handlers are set on the protocol server directly:
 * McpServer's registerPrompt wants them known when the server is built.
 */
export function registerPrompts(server: McpServer, ctx: McpContext): void {
  server.server.setRequestHandler(ListPromptsRequestSchema, async (request) => {
    requireRead(ctx);
    try {
      return await listPrompts(ctx, decode(request.params?.cursor));
    } catch (error) {
      if (error instanceof InvalidInputError) throw badCursor();
      throw error;
    }
  });
  server.server.setRequestHandler(GetPromptRequestSchema, async (request) => {
    requireRead(ctx);
    const { name, arguments: args = {} } = request.params;
    const savedId = idIn(name, savedPromptName);
    const saved = savedId !== null && (await ctx.app.services.prompts.find(ctx.viewer, savedId));
    if (saved) return savedPromptResult(saved);
    const templateId = idIn(name, templatePromptName);
    const [template] =
      templateId === null ? [] : await ctx.app.services.templates.loadMany(ctx.viewer, [templateId]);
    if (template) return expanded(ctx, name, template, args);
    throw new McpError(ErrorCode.InvalidParams, `Prompt ${name} not found`);
  });
}

async function listPrompts(
  ctx: McpContext,
  at: Position,
): Promise<{ prompts: Prompt[]; nextCursor?: string }> {
  const prompts: Prompt[] = [];
  if (at.kind === 'templates') {
    const service = ctx.app.services.templates;
    const rows = await service.list(ctx.viewer, { after: at.after, limit: PAGE + 1, inverted: false });
    const page = rows.slice(0, PAGE);
    const versions = await service.versions(
      ctx.viewer,
      page.map((t) => t.id),
    );
    page.forEach((template, index) => {
      const latest = versions[index]?.find((v) => v.version === template.latestVersion);
      prompts.push({
        name: templatePromptName(template.id),
        title: template.name,
        description: `Your prompt template "${template.name}"${latest ? `: ${latest.body}` : ''}. Fill in its variables to get the prompt.`,
        arguments: (latest?.variables ?? []).map((variable) => ({
          name: variable.name,
          description: describeVariable(variable),
          required: variable.default == null,
        })),
      });
    });
    if (rows.length > PAGE) {
      return { prompts, nextCursor: encode({ kind: 'templates', after: service.cursorOf(page.at(-1)!) }) };
    }
    at = { kind: 'saved', after: null };
  }
  const room = PAGE - prompts.length;
  if (room === 0) return { prompts, nextCursor: encode({ kind: 'saved', after: null }) };
  const service = ctx.app.services.prompts;
  const rows = await service.list(
    ctx.viewer,
    { search: null, tag: null },
    { after: at.after, limit: room + 1, inverted: false },
  );
  const page = rows.slice(0, room);
  for (const saved of page) {
    prompts.push({
      name: savedPromptName(saved.id),
      title: saved.title,
      description: saved.notes || `Your saved prompt "${saved.title}".`,
    });
  }
  return rows.length > room
    ? { prompts, nextCursor: encode({ kind: 'saved', after: service.cursorOf(page.at(-1)!) }) }
    : { prompts };
}

function savedPromptResult(saved: SavedPromptRecord): GetPromptResult {
  const text = saved.negativePrompt
    ? `${saved.prompt}\n\nNegative prompt: ${saved.negativePrompt}`
    : saved.prompt;
  return {
    description: saved.title,
    messages: [{ role: 'user', content: { type: 'text', text } }],
  };
}

async function expanded(
  ctx: McpContext,
  name: string,
  template: PromptTemplateRecord,
  args: Record<string, string>,
): Promise<GetPromptResult> {
  try {
    const { prompt } = await expandTemplate(ctx, template.id, null, args);
    return {
      description: template.name,
      messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
    };
  } catch (error) {
    if (!(error instanceof ToolRefusal)) throw error;
    const argument = error.field?.replace(/^values\.?/, '');
    throw new McpError(
      ErrorCode.InvalidParams,
      `Invalid arguments for prompt ${name}: ${error.message}${argument ? ` (argument "${argument}")` : ''}`,
    );
  }
}

/** The id in a prompt name made by `nameOf`, or null when the name is not one of its kind. */
function idIn(name: string, nameOf: (id: string) => string): string | null {
  const prefix = nameOf('');
  return name.startsWith(prefix) ? name.slice(prefix.length) : null;
}

function requireRead(ctx: McpContext): void {
  if (!ctx.viewer.scopes.includes('read')) {
    throw new McpError(
      ErrorCode.InvalidRequest,
      'Prompts need the "read" scope; this token does not have it.',
    );
  }
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decode(cursor: string | undefined): Position {
  if (!cursor) return { kind: 'templates', after: null };
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Position;
    if (
      (position.kind === 'templates' || position.kind === 'saved') &&
      (position.after === null || typeof position.after === 'string')
    ) {
      return position;
    }
  } catch {
    // falls through to the refusal below
  }
  throw badCursor();
}

function badCursor(): McpError {
  return new McpError(
    ErrorCode.InvalidParams,
    'This cursor did not come from prompts/list; start again without one.',
  );
}

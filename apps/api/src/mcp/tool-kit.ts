import { InvalidInputError, type Scope } from '@atelier/domain';
import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  McpError,
  type ToolAnnotations,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type MutationLimits, takeChangeBuckets } from '../http/rate-limit.plugin';
import type { McpContext } from './mcp-context';
import { ToolRefusal, toolFailure } from './tool-errors';

type Shape = z.ZodRawShape;

export interface AtelierTool<Input extends Shape, Output extends Shape> {
  name: string;
  title: string;
  /** Written for a model: what it does, what it costs, what is valid, what to call next. */
  description: string;
  /** `read` to look, `generate` to make or change (the API token scopes). */
  scope: Scope;
  input: Input;
  output: Output;
  annotations: Omit<ToolAnnotations, 'title'>;
  _meta?: Record<string, unknown>;
  run(
    args: z.infer<z.ZodObject<Input>>,
    ctx: McpContext,
    extra: Parameters<ToolCallback<Input>>[1],
  ): Promise<ToolResult<Output>>;
}

/** A tool's answer: its declared structured output, or a refusal (`isError`, whose content is not checked). */
export type ToolResult<Output extends Shape> = CallToolResult &
  ({ isError?: false; structuredContent?: z.infer<z.ZodObject<Output>> } | { isError: true });

/** Declares a tool (typed input and output) to be registered per request by `registerTools`. */
export function defineTool<Input extends Shape, Output extends Shape>(tool: AtelierTool<Input, Output>) {
  return tool;
}

type Extra = Parameters<ToolCallback<Shape>>[1];

/**
 * Registers tools for one request. McpServer lists them (schemas, annotations, `_meta`); calls come
 * here, so that input the zod schema refuses gets the same typed answer as any other refusal (a
 * code, the field, what to change) — McpServer's own check answers with bare text. The scope is
 * checked before the input, and every failure is a tool result with `isError`, never a protocol error.
 */
export function registerTools(
  server: McpServer,
  ctx: McpContext,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of differently-typed tools
  tools: readonly AtelierTool<any, any>[],
): void {
  const byName = new Map<string, AtelierTool<Shape, Shape>>();
  for (const tool of tools as readonly AtelierTool<Shape, Shape>[]) {
    byName.set(tool.name, tool);
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { title: tool.title, ...tool.annotations },
        ...(tool._meta && { _meta: tool._meta }),
      },
      (args: unknown, extra: Extra) => callTool(tool, args, ctx, extra),
    );
  }
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
    const result = await callTool(tool, request.params.arguments ?? {}, ctx, extra);
    if (!result.isError) checkOutput(tool, result);
    return result;
  });
}

async function callTool(
  tool: AtelierTool<Shape, Shape>,
  args: unknown,
  ctx: McpContext,
  extra: Extra,
): Promise<CallToolResult> {
  try {
    if (!ctx.viewer.scopes.includes(tool.scope)) {
      throw new ToolRefusal(
        'FORBIDDEN',
        `${tool.name} needs the "${tool.scope}" scope; this token has ${ctx.viewer.scopes.join(', ') || 'none'}. Create a token with "${tool.scope}" in Atelier's Settings.`,
      );
    }
    const parsed = z.object(tool.input).safeParse(args);
    if (!parsed.success) {
      throw new InvalidInputError(
        parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
      );
    }
    if (tool.scope === 'generate' && ctx.rateLimits) await takeRateLimit(ctx, ctx.rateLimits);
    return await tool.run(parsed.data, ctx, extra);
  } catch (error) {
    if (!(error instanceof ToolRefusal)) {
      ctx.app.logger.debug({ err: error, tool: tool.name }, 'MCP tool refused');
    }
    return toolFailure(error, ctx.app.logger);
  }
}

/** A tool whose answer breaks its own output schema is a bug: say so rather than mislead the model. */
function checkOutput(tool: AtelierTool<Shape, Shape>, result: CallToolResult): void {
  const checked = z.object(tool.output).safeParse(result.structuredContent);
  if (!checked.success) {
    throw new McpError(ErrorCode.InternalError, `${tool.name} answered outside its output schema`);
  }
}

/** The same buckets as GraphQL mutations (one budget per person and per token, whichever door). */
async function takeRateLimit(ctx: McpContext, limits: MutationLimits): Promise<void> {
  const seconds = await takeChangeBuckets(ctx.app.repositories.rateLimits, ctx.viewer, limits);
  if (seconds !== null) {
    throw new ToolRefusal(
      'RATE_LIMIT',
      `Too many changes in a short time; call again in ${seconds} s.`,
      undefined,
      { retryable: true, details: { retryAfterSeconds: seconds } },
    );
  }
}

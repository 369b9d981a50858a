import type { Scope } from '@atelier/domain';
import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
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
  ): Promise<CallToolResult & { structuredContent?: z.infer<z.ZodObject<Output>> }>;
}

/** Declares a tool (typed input and output) to be registered per request by `registerTools`. */
export function defineTool<Input extends Shape, Output extends Shape>(tool: AtelierTool<Input, Output>) {
  return tool;
}

/**
 * Registers tools for one request: the scope is checked first, and any failure becomes a tool result
 * with `isError` (a code, the field, what to change), never a protocol error.
 */
export function registerTools(
  server: McpServer,
  ctx: McpContext,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of differently-typed tools
  tools: readonly AtelierTool<any, any>[],
): void {
  for (const tool of tools as readonly AtelierTool<Shape, Shape>[]) {
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
      (async (args: unknown, extra: Parameters<ToolCallback<Shape>>[1]) => {
        try {
          if (!ctx.viewer.scopes.includes(tool.scope)) {
            throw new ToolRefusal(
              'FORBIDDEN',
              `${tool.name} needs the "${tool.scope}" scope; this token has ${ctx.viewer.scopes.join(', ') || 'none'}. Create a token with "${tool.scope}" in Atelier's Settings.`,
            );
          }
          return await tool.run(args as never, ctx, extra);
        } catch (error) {
          if (!(error instanceof ToolRefusal))
            {ctx.app.logger.debug({ err: error, tool: tool.name }, 'MCP tool refused');}
          return toolFailure(error, ctx.app.logger);
        }
      }),
    );
  }
}

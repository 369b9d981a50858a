import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerGalleryApp } from './app/gallery-app';
import type { McpContext } from './mcp-context';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import { installCancellation } from './running-calls';
import { registerTools } from './tool-kit';
import { atelierTools } from './tools/index';

export const MCP_SERVER_INFO = { name: 'atelier', title: 'Atelier', version: '1.0.0' } as const;

const INSTRUCTIONS =
  'Atelier is an image studio. Call list_providers to learn valid models and sizes, generate_images to make pictures (it reports progress and returns the images; if it hands back a job id, call get_job), search_images to find earlier ones, and the collection tools to file them.';

/** One MCP server for one request (stateless: any API process can answer any request). */
export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer(MCP_SERVER_INFO, {
    instructions: INSTRUCTIONS,
    capabilities: { tools: {}, resources: {}, prompts: {} },
  });
  registerTools(server, ctx, atelierTools);
  registerResources(server, ctx);
  registerPrompts(server, ctx);
  registerGalleryApp(server);
  installCancellation(server, ctx);
  return server;
}

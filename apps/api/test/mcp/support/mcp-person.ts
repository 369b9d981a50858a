import type { Scope, Viewer } from '@atelier/domain';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { TestStack } from '../../support/harness';
import { bearer, connectMcp } from '../../support/mcp-client';

export interface McpPerson {
  viewer: Viewer;
  client: Client;
  /** Calls a tool that must succeed; its structured answer and content blocks. */
  call<T = any>(name: string, args?: Record<string, unknown>): Promise<Answer<T>>;
  /** Calls a tool that must refuse; the refusal a model reads. */
  refused(name: string, args?: Record<string, unknown>): Promise<Refusal>;
}

export interface Answer<T> {
  structured: T;
  content: ContentBlock[];
}

export interface Refusal {
  code: string | undefined;
  field: string | undefined;
  message: string;
  text: string;
}

/** A new person with an API token of these scopes, connected to /mcp with the SDK's own client. */
export async function mcpPerson(stack: TestStack, url: string, scopes: Scope[]): Promise<McpPerson> {
  const viewer = await stack.newUser();
  const { secret } = await stack.app.services.accounts.createToken(viewer, { name: 'assistant', scopes });
  const client = await connectMcp(url, bearer(secret));
  return {
    viewer,
    client,
    async call(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (result.isError) throw new Error(`${name} refused: ${JSON.stringify(result.content)}`);
      return { structured: result.structuredContent as never, content: result.content };
    },
    async refused(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (!result.isError) throw new Error(`${name} answered instead of refusing`);
      const error = (result.structuredContent as { error?: Record<string, string> } | undefined)?.error;
      const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
      return { code: error?.code, field: error?.field, message: error?.message ?? text, text };
    },
  };
}

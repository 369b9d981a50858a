import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server';
import { type AtelierProcess, startAtelierProcess } from '../support/atelier-process';
import { createTestStack, type TestStack } from '../support/harness';
import { bearer } from '../support/mcp-client';
import { finalJob } from './support/job-calls';

const PROTOCOL = { 'mcp-protocol-version': '2025-11-25' };

describe('cancelling a tool call whose cancel reaches another API process', () => {
  let stack: TestStack;
  let server: RunningServer;
  let other: AtelierProcess;
  let otherUrl: string;

  beforeAll(async () => {
    stack = await createTestStack({ auth: 'real', localStepMs: 30 });
    server = await stack.listen();
    other = startAtelierProcess({
      role: 'api',
      databaseUrl: stack.databaseUrl,
      dataDir: stack.dataDir,
      env: { PORT: '0' },
    });
    await other.ready;
    otherUrl = /ready at (http:\/\/[\d.:]+)/.exec(other.output())![1]!;
  });
  afterAll(async () => {
    await other?.stop();
    await stack?.close();
  });

  it('stops the job, and the call held by the first process answers with it canceled', async () => {
    const viewer = await stack.newUser();
    const { secret } = await stack.app.services.accounts.createToken(viewer, {
      name: 'assistant',
      scopes: ['generate'],
    });
    const call = await post(server.url, secret, {
      jsonrpc: '2.0',
      id: 'call-7',
      method: 'tools/call',
      params: {
        name: 'generate_images',
        arguments: { prompt: 'a very long night', provider: 'local', width: 256, height: 256, steps: 50 },
        _meta: { progressToken: 'p-7' },
      },
    });
    const messages = sse(call);
    // Wait until the job runs: the first progress past 0.
    for (let next = await messages.next(); !next.done; next = await messages.next()) {
      if (next.value.method === 'notifications/progress' && next.value.params.progress > 0) break;
    }

    // A load balancer sent the cancel elsewhere: to the other process, which never saw the call.
    const cancel = await post(otherUrl, secret, {
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 'call-7', reason: 'the person changed their mind' },
    });
    expect(cancel.status).toBe(202);

    let answer: any;
    for (let next = await messages.next(); !next.done; next = await messages.next()) {
      if (next.value.id === 'call-7') answer = next.value;
    }
    expect(answer.result.structuredContent.job.status).toBe('CANCELED');
    const jobId = answer.result.structuredContent.job.id as string;
    expect((await finalJob(stack.app, viewer, jobId)).status).toBe('CANCELED');
  });
});

function post(url: string, secret: string, body: unknown): Promise<Response> {
  return fetch(`${url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...PROTOCOL,
      ...bearer(secret),
    },
    body: JSON.stringify(body),
  });
}

/** The JSON-RPC messages of a Streamable HTTP answer's event stream, as they arrive. */
async function* sse(response: Response): AsyncGenerator<any> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    buffer += decoder.decode(read.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('');
      if (data) yield JSON.parse(data);
    }
  }
}

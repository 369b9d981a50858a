import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createBridgeServer } from './bridge';
import { readEnv } from './env';
import { log } from './log';
import { RemoteAtelier } from './remote';

// A bridge never dies of a stray rejection: the host would restart it in a loop.
process.on('unhandledRejection', (reason) => log(`unexpected: ${String(reason)}`));

const env = readEnv();

const remote = new RemoteAtelier(env);
const connected = await remote.tryConnect();
const server = createBridgeServer(remote, connected);
const transport = new StdioServerTransport();

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await server.close().catch(() => undefined);
  await remote.close().catch(() => undefined);
  process.exit(0);
}
process.stdin.on('end', () => void shutdown());
process.stdin.on('close', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

await server.connect(transport);
log(
  connected
    ? `serving on stdio, bridged to ${env.url.href}`
    : `serving on stdio, not connected to ${env.url.href}: every request answers with the reason above until it is fixed`,
);

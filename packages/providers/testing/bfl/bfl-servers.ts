/** One loopback `node:http` server per fake host, all answering through the router. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleRequest } from './bfl-router';
import { type BflFakeState, track } from './bfl-state';
import type { BflHostRole } from './bfl-tasks';

export const roles: readonly BflHostRole[] = ['global', 'eu', 'us', 'cluster', 'delivery'];

export interface BflServers {
  /** `host:port` of each host. */
  hosts: Record<BflHostRole, string>;
  close(): Promise<void>;
}

/** Starts every host and records its origin in the state. */
export async function listenAll(state: BflFakeState): Promise<BflServers> {
  const servers = new Map<BflHostRole, Server>();
  const hosts: Partial<Record<BflHostRole, string>> = {};
  for (const role of roles) {
    const server = createServer((req, res) => track(state, handleRequest(state, role, req, res)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    servers.set(role, server);
    hosts[role] = `127.0.0.1:${port}`;
    state.origins.set(role, `http://127.0.0.1:${port}`);
  }
  return { hosts: hosts as Record<BflHostRole, string>, close: () => closeAll(state, [...servers.values()]) };
}

async function closeAll(state: BflFakeState, servers: Server[]): Promise<void> {
  state.closed = true;
  state.timers.forEach((timer) => clearTimeout(timer));
  state.timers.clear();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  await Promise.allSettled([...state.pending]);
}

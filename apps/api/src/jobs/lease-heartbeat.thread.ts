import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase } from '../db/database';
import { QueueRepository } from '../repositories/queue.repository';

export interface HeartbeatData {
  entry: string;
  databaseUrl: string;
  intervalMs: number;
}
export type ToHeartbeat = { type: 'leases'; workerIds: string[] } | { type: 'stop' };
export type FromHeartbeat = { type: 'beat'; ok: boolean };

/**
 * Renews this process's worker leases on a thread of its own, so that a main thread busy for
 * seconds (rendering, decoding) still looks alive: only a dead process stops renewing.
 */
const { databaseUrl, intervalMs } = workerData as HeartbeatData;
const db = createDatabase(databaseUrl, { max: 1 });
const queue = new QueueRepository(db);
let workerIds: string[] = [];

async function beat(): Promise<void> {
  let ok = true;
  try {
    await queue.renewLeases(workerIds);
  } catch {
    ok = false;
  }
  parentPort!.postMessage({ type: 'beat', ok } satisfies FromHeartbeat);
}

const timer = setInterval(() => void beat(), intervalMs);
parentPort!.on('message', (message: ToHeartbeat) => {
  if (message.type === 'leases') {
    workerIds = message.workerIds;
    void beat();
  } else {
    clearInterval(timer);
    void db.destroy().finally(() => parentPort!.close());
  }
});

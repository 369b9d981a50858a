import { type AtelierProcess, startAtelierProcess } from './atelier-process';

export type WorkerProcess = AtelierProcess;

/** Starts a separate worker-only process (one CPU job, two remote ones at a time). */
export function startWorkerProcess(env: {
  databaseUrl: string;
  dataDir: string;
  localStepMs: number;
}): WorkerProcess {
  return startAtelierProcess({
    role: 'worker',
    databaseUrl: env.databaseUrl,
    dataDir: env.dataDir,
    env: {
      ATELIER_LOCAL_STEP_MS: String(env.localStepMs),
      WORKER_CONCURRENCY: '1',
      WORKER_REMOTE_CONCURRENCY: '2',
    },
  });
}

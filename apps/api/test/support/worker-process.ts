import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface WorkerProcess {
  process: ChildProcess;
  output: () => string;
  /** Resolves once the process says its worker started. */
  ready: Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const apiRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts `src/main.ts` as a separate worker-only process, as a scaled-out deployment runs it. */
export function startWorkerProcess(env: {
  databaseUrl: string;
  dataDir: string;
  localStepMs: number;
}): WorkerProcess {
  const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH, // eslint-disable-line no-process-env -- the child needs to find node
      ATELIER_ROLE: 'worker',
      DATABASE_URL: env.databaseUrl,
      ATELIER_DATA_DIR: env.dataDir,
      ATELIER_LOCAL_STEP_MS: String(env.localStepMs),
      WORKER_CONCURRENCY: '1',
      WORKER_REMOTE_CONCURRENCY: '2',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker started')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`worker process exited (${code}) before starting:\n${output}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    process: child,
    output: () => output,
    ready,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

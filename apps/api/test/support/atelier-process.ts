import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface AtelierProcess {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves once the process says it is ready (the API listening, or the worker started). */
  ready: Promise<void>;
  /** Whether it is still running. */
  alive: () => boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface AtelierProcessOptions {
  role: 'api' | 'worker';
  databaseUrl: string;
  dataDir: string;
  /** Extra environment (PORT, ATELIER_LOCAL_STEP_MS, WORKER_CONCURRENCY, …). */
  env?: Record<string, string>;
}

const apiRoot = fileURLToPath(new URL('../../', import.meta.url));
const readyLine = { api: 'Atelier is ready at', worker: 'worker started' };

/** Starts `src/main.ts` as a separate process in one role, as a scaled-out deployment runs it. */
export function startAtelierProcess(options: AtelierProcessOptions): AtelierProcess {
  const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH, // eslint-disable-line no-process-env -- the child needs to find node
      ATELIER_ROLE: options.role,
      DATABASE_URL: options.databaseUrl,
      ATELIER_DATA_DIR: options.dataDir,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine[options.role])) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${options.role} process exited (${code}) before it was ready:\n${output}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    process: child,
    output: () => output,
    ready,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

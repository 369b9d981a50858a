import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
  /**
   * Run the production build (`dist/main.js`) instead of `src/main.ts` through tsx: `true` requires
   * it, `'if-built'` uses it when `pnpm --filter @atelier/api build` has made it. Default: tsx.
   */
  compiled?: boolean | 'if-built';
}

const apiRoot = fileURLToPath(new URL('../../', import.meta.url));
const readyLine = { api: 'Atelier is ready at', worker: 'worker started' };
const compiledMain = 'dist/main.js';

/** The command line that starts the API package's entry point, compiled or through tsx. */
export function atelierEntryPoint(compiled: AtelierProcessOptions['compiled'] = false): string[] {
  const built = existsSync(join(apiRoot, compiledMain));
  if (compiled === true && !built) {
    throw new Error(`${compiledMain} is missing: run \`pnpm --filter @atelier/api build\` first`);
  }
  return compiled && built ? ['--enable-source-maps', compiledMain] : ['--import', 'tsx', 'src/main.ts'];
}

/** Starts `src/main.ts` (or its build) as a separate process in one role, as a scaled-out deployment runs it. */
export function startAtelierProcess(options: AtelierProcessOptions): AtelierProcess {
  const child = spawn(process.execPath, atelierEntryPoint(options.compiled), {
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

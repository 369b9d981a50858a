/**
 * Claim: `pnpm start` runs the esbuild bundle (apps/api/dist) with plain node, and a process is
 * ready much sooner, and smaller, than the same code compiled on the fly by tsx.
 * For each role (api: "Atelier is ready at"; worker: "worker started"), time from spawn to the
 * ready line and resident memory (VmRSS) a second after it, tsx vs compiled, RUNS times each,
 * interleaved, on one migrated database of DATABASE_URL's server (a fresh one it creates).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApi } from '../../apps/api/scripts/build';
import { freePort } from '../../apps/api/src/db/embedded';
import { createMigratedDatabase, dropDatabase, startTestCluster } from '../../apps/api/test/support/postgres';
import { printTable, summarize } from '../support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SETTLE_MS = 1_000;
const apiRoot = fileURLToPath(new URL('../../apps/api/', import.meta.url));
const readyLine = { api: 'Atelier is ready at', worker: 'worker started' } as const;
/** tsx with its transform cache (a restart), without it (the first start after a deploy), and the bundle. */
const runners = {
  tsx: { args: ['--import', 'tsx', 'src/main.ts'], env: {} },
  'tsx, no cache': { args: ['--import', 'tsx', 'src/main.ts'], env: { TSX_DISABLE_CACHE: '1' } },
  compiled: { args: ['--enable-source-maps', 'dist/main.js'], env: {} },
} as const;

type Role = keyof typeof readyLine;
type Runner = keyof typeof runners;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1]) / 1024;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startOnce(role: Role, runner: Runner, databaseUrl: string, dataDir: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, runners[runner].args, {
    cwd: apiRoot,
    env: {
      ...runners[runner].env,
      PATH: process.env.PATH,
      ATELIER_ROLE: role,
      DATABASE_URL: databaseUrl,
      ATELIER_DATA_DIR: dataDir,
      PORT: String(port),
      WORKER_CONCURRENCY: '2',
      WORKER_REMOTE_CONCURRENCY: '4',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine[role])) resolve(performance.now() - started);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${role}/${runner} exited (${code}):\n${output}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const rss = rssMb(child.pid!);
  child.kill('SIGTERM');
  await exited(child);
  return { readyMs, rss };
}

async function main() {
  const built = performance.now();
  await buildApi();
  const buildMs = performance.now() - built;

  const cluster = await startTestCluster(process.env.DATABASE_URL);
  const name = `atelier_bench_startup_${process.pid}`;
  const databaseUrl = await createMigratedDatabase(cluster.adminUrl, name);
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-bench-startup-'));
  const results = new Map<string, { ready: number[]; rss: number[] }>();
  try {
    // One start of each, not counted: the disk cache warm for both.
    for (const runner of Object.keys(runners) as Runner[]) {
      await startOnce('api', runner, databaseUrl, dataDir);
    }
    for (let run = 0; run < RUNS; run++) {
      for (const role of Object.keys(readyLine) as Role[]) {
        for (const runner of Object.keys(runners) as Runner[]) {
          const { readyMs, rss } = await startOnce(role, runner, databaseUrl, dataDir);
          const key = `${role}/${runner}`;
          const entry = results.get(key) ?? { ready: [], rss: [] };
          entry.ready.push(readyMs);
          entry.rss.push(rss);
          results.set(key, entry);
        }
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await dropDatabase(cluster.adminUrl, name);
    await cluster.stop();
  }

  const median = (values: number[]) => summarize(values).p50;
  printTable(
    `Start-up, spawn to ready (${RUNS} runs each; bundle built in ${Math.round(buildMs)} ms)`,
    [...results].map(([key, { ready, rss }]) => ({
      'role/runner': key,
      'ready p50 ms': Math.round(median(ready)),
      'ready max ms': Math.round(Math.max(...ready)),
      'RSS p50 MB': Math.round(median(rss)),
    })),
  );
  printTable(
    'tsx ÷ compiled (p50)',
    (Object.keys(readyLine) as Role[]).map((role) => {
      const tsx = results.get(`${role}/tsx`)!;
      const cold = results.get(`${role}/tsx, no cache`)!;
      const compiled = results.get(`${role}/compiled`)!;
      return {
        role,
        'start-up ×': median(tsx.ready) / median(compiled.ready),
        'start-up × (no cache)': median(cold.ready) / median(compiled.ready),
        'RSS ×': median(tsx.rss) / median(compiled.rss),
      };
    }),
  );
}

await main();

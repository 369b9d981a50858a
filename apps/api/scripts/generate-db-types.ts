import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMigratedDatabase, dropDatabase, startTestCluster } from '../test/support/postgres';

/** Regenerates src/db/db.generated.ts from a freshly migrated database (`--verify` only checks it). */
const verify = process.argv.includes('--verify');
const cluster = await startTestCluster(process.env.DATABASE_URL);
const name = `atelier_codegen_${process.pid}`;
try {
  const url = await createMigratedDatabase(cluster.adminUrl, name);
  const outFile = fileURLToPath(new URL('../src/db/db.generated.ts', import.meta.url));
  execFileSync(
    'kysely-codegen',
    [
      '--dialect',
      'postgres',
      '--camel-case',
      '--exclude-pattern',
      'graphile_worker.*',
      '--url',
      url,
      '--out-file',
      outFile,
      ...(verify ? ['--verify'] : []),
    ],
    { stdio: 'inherit' },
  );
} finally {
  await dropDatabase(cluster.adminUrl, name);
  await cluster.stop();
}

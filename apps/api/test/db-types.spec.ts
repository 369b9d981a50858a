import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from './support/harness';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

it('db.generated.ts matches the migrated schema (run `pnpm generate` after adding a migration)', async () => {
  const outFile = fileURLToPath(new URL('../src/db/db.generated.ts', import.meta.url));
  const run = promisify(execFile)(
    'pnpm',
    [
      'exec',
      'kysely-codegen',
      '--dialect',
      'postgres',
      '--camel-case',
      '--exclude-pattern',
      'graphile_worker.*',
      '--url',
      database.url,
      '--out-file',
      outFile,
      '--verify',
    ],
    { cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  await expect(run).resolves.toBeDefined();
});

import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

// One copy of graphql for our sources and for yoga (see packages/schema/vitest.config.ts).
const graphql = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: { graphql } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // `pnpm test:topology` runs it, with vitest.topology.config.ts.
    exclude: [...configDefaults.exclude, 'test/topology/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});

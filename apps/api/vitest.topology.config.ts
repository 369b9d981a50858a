import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One copy of graphql for our sources and for yoga (see vitest.config.ts).
const graphql = createRequire(import.meta.url).resolve('graphql');

/**
 * `pnpm test:topology`: nginx, two API and two worker processes, PostgreSQL and an S3 server, one
 * scenario. Apart from `pnpm test` (vitest.config.ts leaves test/topology out): it takes minutes
 * and both cores, and starts its own database rather than cloning the shared template.
 */
export default defineConfig({
  resolve: { alias: { graphql } },
  test: {
    include: ['test/topology/**/*.spec.ts'],
    testTimeout: 240_000,
    hookTimeout: 150_000,
    maxWorkers: 1,
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One copy of graphql for our sources and for yoga (see packages/schema/vitest.config.ts).
const graphql = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: { graphql } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});

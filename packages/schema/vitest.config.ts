import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS build for external packages; Vite would pick the ESM build
// for our sources. Two copies of graphql break instanceof checks, so use Node's choice everywhere.
const graphql = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: { graphql } },
  test: { include: ['test/**/*.spec.ts', 'src/**/*.spec.ts'] },
});

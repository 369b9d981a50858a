import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';
import { firstScreenPreload } from './vite/first-screen-preload';
import { installableApp } from './vite/pwa';
import { graphcacheSchema } from './vite/graphcache-schema';
import { graphqlDocuments } from './vite/graphql-documents';

const apiUrl = process.env.ATELIER_API_URL ?? 'http://127.0.0.1:4000';
const proxy = {
  '/graphql': { target: apiUrl, ws: true, changeOrigin: true },
  '/files': { target: apiUrl, changeOrigin: true },
  '/downloads': { target: apiUrl, changeOrigin: true },
};

/**
 * react-router 7's package exports name only its development build (remix-run/react-router#14102,
 * open): dev warnings and checks on every navigation. A production build takes the production files
 * the package ships beside it.
 */
const reactRouterProduction = join(
  dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
  'dist/production/index.mjs',
);

export default defineConfig(({ command }) => ({
  resolve: {
    alias: command === 'build' ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : [],
  },
  plugins: [
    graphqlDocuments('src/gql'),
    graphcacheSchema({
      introspection: fileURLToPath(new URL('src/gql/introspection.ts', import.meta.url)),
      schema: fileURLToPath(new URL('../../packages/schema/schema.graphql', import.meta.url)),
      documents: fileURLToPath(new URL('src/gql/graphql.ts', import.meta.url)),
      cacheOptions: fileURLToPath(new URL('src/lib/urql-cache/index.ts', import.meta.url)),
    }),
    react(),
    firstScreenPreload({
      frame: 'src/components/layout/app-shell.tsx',
      pages: { '/': 'src/pages/create.tsx', '/gallery': 'src/pages/gallery.tsx' },
    }),
    // Brotli and gzip files beside every text asset, served by the API (sirv) by Accept-Encoding.
    installableApp(),
    compression({
      include: /\.(html|css|js|mjs|json|svg|webmanifest|txt)$/,
      // Browsers fetch the service worker script itself on every update check; it stays as built.
      exclude: [/service-worker\.js$/],
    }),
  ],
  server: { proxy },
  preview: { proxy },
  build: {
    sourcemap: true,
    // bench/bundle follows the entry's static imports through it.
    manifest: true,
    // Every browser the app supports has <link rel=modulepreload>: no polyfill in the entry.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Stable, named vendor chunks: they change far less often than the app code.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // graphql-ws is left out: it loads with the first subscription (lib/urql.ts).
            { name: 'graphql-client', test: /node_modules[\\/](urql|@urql|wonka|@0no-co)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    // Pure logic runs in node; component specs opt into jsdom with a docblock.
    environment: 'node',
    include: ['src/**/*.spec.{ts,tsx}', 'vite/**/*.spec.ts'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
  },
}));

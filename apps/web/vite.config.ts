import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const apiUrl = process.env.ATELIER_API_URL ?? 'http://127.0.0.1:4000';
const proxy = {
  '/graphql': { target: apiUrl, ws: true, changeOrigin: true },
  '/files': { target: apiUrl, changeOrigin: true },
  '/downloads': { target: apiUrl, changeOrigin: true },
};

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip files beside every text asset, served by the API (sirv) by Accept-Encoding.
    compression({ include: /\.(html|css|js|mjs|json|svg|webmanifest|txt)$/ }),
  ],
  server: { proxy },
  preview: { proxy },
  build: {
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Stable, named vendor chunks: they change far less often than the app code.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'graphql-client', test: /node_modules[\\/](urql|@urql|wonka|@0no-co|graphql-ws)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    // Pure logic runs in node; component specs opt into jsdom with a docblock.
    environment: 'node',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
  },
});

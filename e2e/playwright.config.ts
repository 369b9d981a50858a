import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { ADMIN_STATE } from './support/state';

const port = Number(process.env.E2E_PORT ?? 4173);
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The real stack: the API (with its worker and an embedded PostgreSQL of its own) serving the built
 * SPA, driven through Debian's Chromium. Never `playwright install`.
 */
export default defineConfig({
  testDir: 'specs',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    // The first run asks for the first account: create it once, and keep its session for the rest.
    { name: 'setup', testMatch: 'first-account.setup.ts' },
    { name: 'studio', testMatch: '**/*.e2e.ts', dependencies: ['setup'], use: { storageState: ADMIN_STATE } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'bash support/start-stack.sh',
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    url: `http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      ATELIER_DATA_DIR: `${root}e2e/.data`,
      ATELIER_WEB_DIST: `${root}apps/web/dist`,
      // Slow enough that a person (and a test) can watch progress and reload mid-job.
      ATELIER_LOCAL_STEP_MS: '250',
      // Flux and Ideogram through their faithful fakes: no keys, no network.
      ATELIER_FAKE_PROVIDERS: '1',
      // URL imports may reach an image host the tests start on loopback (refused everywhere else).
      ATELIER_URL_FETCH_ALLOW_ADDRESSES: '127.0.0.1',
      // Webhook endpoints may be a receiver the tests start on loopback (off by default).
      ATELIER_WEBHOOK_ALLOW_LOOPBACK: '1',
      LOG_LEVEL: 'warn',
    },
  },
});

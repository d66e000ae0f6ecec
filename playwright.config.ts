import { defineConfig } from '@playwright/test';
import { E2E_TOKEN, PRISTINE_LIBRARY, PRISTINE_PORT, SHARED_LIBRARY, SHARED_PORT, originOf } from './e2e/fixtures/env';

/** Debian's Chromium with the flags TOOLCHAIN.md lists (never `playwright install`). */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// The renderer is built before the servers start, so specs never run against a stale dist/.
// (SOURCEBOOK_E2E_SKIP_BUILD=1 when the caller has just built it.)
const build = process.env.SOURCEBOOK_E2E_SKIP_BUILD === '1' ? '' : 'npm run build:renderer --silent && ';
const serve = (library: string, port: number) => `node bin/sourcebook.mjs --library "${library}" serve --port ${port} --token ${E2E_TOKEN}`;

export default defineConfig({
  testDir: './e2e/specs',
  // Files run in parallel on the machine's two cores; tests inside a file run in order.
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  globalTeardown: './e2e/fixtures/global-teardown.ts',
  reporter: [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
  use: {
    baseURL: originOf(SHARED_PORT),
    launchOptions: chromium,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  webServer: [
    {
      command: build + serve(SHARED_LIBRARY, SHARED_PORT),
      // Without the token the server answers 401, which Playwright counts as "up".
      url: `${originOf(SHARED_PORT)}/`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: serve(PRISTINE_LIBRARY, PRISTINE_PORT),
      url: `${originOf(PRISTINE_PORT)}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
  projects: [
    {
      name: 'browser',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: /.*\.electron\.spec\.ts$/,
      use: { browserName: 'chromium' },
    },
    {
      // Electron specs launch the app themselves (`_electron.launch`) and skip when it is absent.
      name: 'electron',
      testMatch: /.*\.electron\.spec\.ts$/,
    },
  ],
});

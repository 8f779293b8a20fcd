import { defineConfig } from '@playwright/test';

/**
 * One e2e suite (Headlamp style): the specs drive the console in Debian's Chromium through
 * browser mode; test/e2e/electron.spec.ts drives the desktop shell where an Electron binary exists.
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.ROC_CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
    trace: 'retain-on-failure',
  },
});

import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/support/chromium';

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
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
});

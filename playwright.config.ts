import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores: tests that train networks run one at a time so timings inside the page stay meaningful.
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 900 },
    // The service worker (offline copy, isolation headers) has its own specs, hosted.spec.ts and update.spec.ts,
    // which allow it. Elsewhere it stays out of the way: each test's fresh context would otherwise download the
    // whole precache (~10 MB), and page.route() cannot intercept requests that a service worker answers.
    serviceWorkers: 'block',
    trace: 'off',
  },
  webServer: {
    // The production build, served as it would be hosted (with the CSP header).
    // E2E_DEV=1 runs against the dev server instead (faster iteration; the CSP meta tag is build-only).
    command: process.env.E2E_DEV
      ? `npx vite --host 127.0.0.1 --port ${PORT} --strictPort`
      : `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

// Shared helpers for the tests of the build on a plain static host (hosted.spec.ts, update.spec.ts).
import { expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Ports for the static servers these specs start: next to the preview server's E2E_PORT. */
export const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 1);

/** Waits until the service worker controls the page and the page is cross-origin isolated (on a host
 *  without headers the page reloads itself once for that, see src/site/serviceWorker.ts). */
export async function waitForIsolation(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .evaluate(() => navigator.serviceWorker.controller !== null && window.crossOriginIsolated && document.readyState === 'complete')
          .catch(() => false), // the page may be reloading
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** Starts training on the Text lab's current corpus with a tiny WASM model and waits for a few steps. */
export async function textLabTrains(page: Page): Promise<void> {
  await page.getByTestId('text-train').click();
  await expect.poll(async () => Number(await page.getByTestId('text-step').textContent()), { timeout: 60_000 }).toBeGreaterThan(2);
  await page.getByTestId('text-pause').click();
}

/** The Classify lab's step counter passes `n` (the landing page trains by itself). */
export async function classifyTrains(page: Page, n = 50): Promise<void> {
  await expect
    .poll(async () => Number(await page.getByTestId('iteration').textContent()), { timeout: 60_000 })
    .toBeGreaterThan(n);
}

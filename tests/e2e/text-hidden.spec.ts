// A hidden tab: training carries on in the worker (by design, and the page says so), a checkpoint is taken
// when the tab is hidden, and the step, elapsed time and speed read from the worker tell the truth on return.
// Emulated: headless Chromium cannot background a tab, so document.visibilityState / document.hidden are
// overridden and a visibilitychange event is dispatched; the page's timers are not actually throttled.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openLab, pasteCorpus, CORPUS, shown, tinyWasmModel } from './textLab';

async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** Seconds from the elapsed read-out ("1:05", "12 s", "2.3 s"…). */
async function elapsedSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('text-elapsed').textContent()) ?? '';
  const parts = text.match(/[\d.]+/g)?.map(Number) ?? [];
  if (text.includes(':')) return parts.reduce((a, p) => a * 60 + p, 0);
  return /min/.test(text) ? parts[0] * 60 + (parts[1] ?? 0) : (parts[0] ?? Number.NaN);
}

test('training carries on while the tab is hidden; a checkpoint is taken on hide; the read-outs are the worker’s', async ({ page }) => {
  test.setTimeout(120_000);
  // A long periodic checkpoint, so the one seen comes from hiding the tab.
  await openLab(page, '#/text?debug&ckpt=600');
  await expect(page.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 30_000 });
  await page.getByTestId('corpus-valid').selectOption('0');
  await pasteCorpus(page, CORPUS);
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
  await tinyWasmModel(page);
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 60_000 }).toBeGreaterThan(3);
  await expect(page.getByTestId('text-background-note')).toContainText('carries on in the background');

  const wallStart = Date.now();
  const before = await shown(page, 'text-step');
  const elapsedBefore = await elapsedSeconds(page);
  await setHidden(page, true);
  await expect(page.getByTestId('text-checkpoint')).toHaveAttribute('data-step', /^[1-9]\d*$/);
  const checkpointStep = Number(await page.getByTestId('text-checkpoint').getAttribute('data-step'));
  expect(checkpointStep).toBeGreaterThanOrEqual(before);
  await page.waitForTimeout(4000);
  await setHidden(page, false);
  // The worker trained on meanwhile.
  await expect.poll(() => shown(page, 'text-step'), { timeout: 10_000 }).toBeGreaterThan(checkpointStep);
  const wall = (Date.now() - wallStart) / 1000;
  const elapsedAfter = await elapsedSeconds(page);
  // Training time from the worker's clock: it grew, and never by more than the wall-clock time that passed.
  expect(elapsedAfter).toBeGreaterThan(elapsedBefore);
  expect(elapsedAfter - elapsedBefore).toBeLessThanOrEqual(wall + 1.5);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
});

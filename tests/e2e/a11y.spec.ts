// Accessibility kept as the app grows: axe-core (injected by ./axe.ts) finds no serious or critical violation
// on every route at landing and in the states people spend time in — training, dialogs and notices open,
// results shown, the derivations open — and in embed mode. Small models and short runs keep it fast.
import type { Page } from '@playwright/test';
import { seriousAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { openWithSmallCorpus, pasteCorpus, shown, tinyWasmModel } from './textLab';

async function noSeriousViolations(page: Page, state: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe, ${state}`).toEqual([]);
}

test('Classify: landing and training, the Share dialog, a notice, the derivation open, and embed mode', async ({ page }) => {
  await page.goto('./#/classify');
  await expect.poll(async () => Number(await page.getByTestId('iteration').textContent()), { timeout: 60_000 }).toBeGreaterThan(20);
  await noSeriousViolations(page, 'Classify training');

  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-iframe')).toBeVisible();
  await noSeriousViolations(page, 'Classify Share dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-dialog')).toBeHidden();
  await expect(page.getByTestId('share')).toBeFocused(); // focus returns to the button

  await page.getByTestId('how-it-works').locator('summary').click();
  await expect(page.getByTestId('how-it-works').locator('.katex').first()).toBeVisible(); // KaTeX loaded on view
  await noSeriousViolations(page, 'Classify derivation open');

  await page.goto('./#/classify?s=damaged!');
  await page.reload();
  await expect(page.getByTestId('classify-notice')).toBeVisible();
  await noSeriousViolations(page, 'Classify notice');

  await page.goto('./#/classify?embed&controls=train');
  await page.reload();
  await expect(page.getByTestId('embed-shell')).toBeVisible();
  await expect(page.getByTestId('pause')).toBeVisible();
  await noSeriousViolations(page, 'Classify embedded');
});

test('Text: landing, training, generated text and scores shown, a confirmation, the Share dialog, embed mode', async ({ page }) => {
  await openWithSmallCorpus(page);
  await noSeriousViolations(page, 'Text landing');
  await tinyWasmModel(page);
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 60_000 }).toBeGreaterThan(3);
  await noSeriousViolations(page, 'Text training');
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');

  await page.getByTestId('text-gen-length').fill('40');
  await page.getByTestId('text-gen-length').press('Enter');
  await page.getByTestId('text-generate').click();
  await expect(page.getByTestId('text-generated')).not.toBeEmpty({ timeout: 30_000 });
  await page.getByTestId('text-score-input').fill('the cat sat on the mat.\nzzz qqq xxx');
  await page.getByTestId('text-score-run').click();
  await expect(page.getByTestId('text-score-row').first()).toBeVisible({ timeout: 30_000 });
  await noSeriousViolations(page, 'Text results shown');

  await pasteCorpus(page, 'other letters entirely: xyzzy QWERTY 12345\n'.repeat(10));
  await expect(page.getByTestId('text-confirm-corpus')).toBeVisible();
  await noSeriousViolations(page, 'Text confirmation open');
  await page.getByTestId('text-confirm-corpus-no').click();

  await page.getByTestId('text-share').click();
  await expect(page.getByTestId('share-iframe')).toBeVisible();
  await noSeriousViolations(page, 'Text Share dialog');
  await page.getByTestId('share-close').click();

  await page.goto('./#/text?embed&controls=generate,score');
  await page.reload();
  await expect(page.getByTestId('embed-shell')).toBeVisible();
  await expect(page.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
  await noSeriousViolations(page, 'Text embedded');
});

test('Speed: landing and a short race with its results', async ({ page }) => {
  await page.goto('./#/speed?budget=100&engines=scratch');
  await expect(page.getByTestId('speed-run')).toBeVisible();
  await noSeriousViolations(page, 'Speed landing');
  await page.getByTestId('speed-run').click();
  await expect(page.getByTestId('speed-status')).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  await expect(page.getByTestId('speed-results')).toBeVisible();
  await noSeriousViolations(page, 'Speed results');
});

// Settings that cannot fit are refused before they run, in plain words with a way forward; an error shows its
// technical text only behind a disclosure; building a big model says so while it works.
import { expect, test } from './fixtures';
import { expectPlainWords } from './plainWords';
import { openLab, openWithSmallCorpus, setNumber, shown, tinyWasmModel } from './textLab';

test('a setting too large for WASM is refused with the numbers and a setting that fits, which one click applies', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithSmallCorpus(page);
  await tinyWasmModel(page);
  await page.getByTestId('text-cell').selectOption('lstm');
  await page.getByTestId('text-hidden').selectOption('1024');
  await setNumber(page, 'text-window', 256);
  await setNumber(page, 'text-batch', 256);

  const notice = page.getByTestId('text-resource-notice');
  await expect(notice).toHaveAttribute('data-level', 'refuse');
  await expect(notice).toContainText('does not fit');
  await expect(page.getByTestId('text-resource-message')).toContainText(/needs about [\d.]+ GB/);
  await expect(page.getByTestId('text-resource-message')).toContainText('the WebAssembly heap holds at most');
  await expect(page.getByTestId('text-train')).toBeDisabled();
  await expect(page.getByTestId('text-train-blocker')).toContainText('does not fit');
  await expectPlainWords(page, 'refusal');
  await page.getByTestId('text-resource-notice').screenshot({ path: 'test-results/preflight-refusal.png' });

  const apply = page.getByTestId('text-resource-apply');
  await expect(apply).toContainText(/^Use (batch|window|hidden) \d+/);
  await apply.click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('text-train')).toBeEnabled();
});

test('an error shows plain words, with the library text behind "Details (for bug reports)"', async ({ page }) => {
  await openLab(page, '#/text?debug');
  // After start-up (which clears the message line once its corpus is in).
  await expect(page.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 30_000 });
  await page.getByTestId('text-debug-throw').click();
  const error = page.getByTestId('text-error');
  await expect(error).toBeVisible();
  await expect(page.getByTestId('text-error-title')).toHaveText('Something failed inside the app. ');
  const details = page.getByTestId('text-error-details');
  await expect(details).toContainText('Details (for bug reports)');
  await expectPlainWords(page, 'thrown in the worker');
  await details.locator('summary').click();
  await error.screenshot({ path: 'test-results/error-disclosure.png' });
});

test('building a big model shows what is being built before the model is ready', async ({ page }) => {
  test.setTimeout(150_000);
  await openWithSmallCorpus(page);
  await tinyWasmModel(page);
  await page.getByTestId('text-cell').selectOption('lstm');
  await page.getByTestId('text-layers').selectOption('2');
  await page.getByTestId('text-hidden').selectOption('512');
  await setNumber(page, 'text-window', 8);
  await setNumber(page, 'text-batch', 2);
  await page.getByTestId('text-train').click();
  await expect(page.getByTestId('text-work')).toContainText('Building the model (LSTM 512 × 2 layers)…');
  await expect(page.getByTestId('text-work')).toHaveAttribute('role', 'status');
  await expect.poll(() => shown(page, 'text-step'), { timeout: 120_000 }).toBeGreaterThan(0);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  await expectPlainWords(page);
});

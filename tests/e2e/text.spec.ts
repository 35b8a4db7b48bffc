// End-to-end tests of the Text lab in headless Chromium: a tiny model trained on the real WebGPU path (the
// software adapter), streamed samples and generation, scoring, save → reload → load, responsiveness while
// training, and bad input. Models are tiny: software WebGPU is far slower than WASM.
import { expect, frameGapP95, test } from './fixtures';
import type { Page } from '@playwright/test';

const LINES = [
  'the cat sat on the mat and the dog sat on the log.',
  'a bird in the hand is worth two in the bush.',
  'the rain in spain stays mainly in the plain.',
];
const CORPUS = Array.from({ length: 40 }, (_, i) => LINES[i % LINES.length]).join('\n') + '\n';

/** A number shown in the page (thousands separators removed). */
async function shown(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).textContent())?.replace(/,/g, ''));
}

/** The smoothed training loss in nats, from the read-out's data attribute. */
async function lossNats(page: Page): Promise<number> {
  const v = await page.getByTestId('text-loss').getAttribute('data-nats');
  return v ? Number(v) : Number.NaN;
}

async function openLab(page: Page) {
  await page.goto('./#/text');
  await expect(page.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
}

async function setNumber(page: Page, testId: string, value: number) {
  const input = page.getByTestId(testId);
  await input.fill(String(value));
  await input.press('Enter');
  await expect(input).toHaveValue(String(value));
}

async function pasteCorpus(page: Page, text: string) {
  await page.getByTestId('corpus-input').fill(text);
  await page.getByTestId('corpus-apply').click();
}

/** Installs a counter of the distinct text lengths an element goes through (to see streaming). */
async function watchLengths(page: Page, testId: string) {
  await page.getByTestId(testId).evaluate((el) => {
    const seen = new Set<number>();
    (window as unknown as { __lengths: Set<number> }).__lengths = seen;
    new MutationObserver(() => seen.add(el.textContent?.length ?? 0)).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

const distinctLengths = (page: Page) => page.evaluate(() => (window as unknown as { __lengths: Set<number> }).__lengths.size);

test('a tiny LSTM trains on WebGPU, streams samples, generates, scores, and survives save → reload → load', async ({ page }) => {
  test.setTimeout(200_000);
  await openLab(page);
  await expect(page.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 30_000 });

  // Corpus: a small pasted text.
  await pasteCorpus(page, CORPUS);
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
  await expect(page.getByTestId('corpus-chars')).toHaveText(CORPUS.length.toLocaleString('en-US'));

  // WebGPU, explicitly: in headless Chromium it runs on the software adapter.
  await page.getByTestId('text-engine').selectOption('webgpu');
  await expect(page.getByTestId('text-status-backend')).toHaveText('webgpu', { timeout: 60_000 });
  await expect(page.getByTestId('text-status-fallback')).toBeVisible();
  await expect(page.getByTestId('text-status-adapter')).toContainText('software fallback');

  await page.getByTestId('text-hidden').selectOption('32');
  await setNumber(page, 'text-window', 16);
  await setNumber(page, 'text-batch', 8);
  await expect(page.getByTestId('text-confirm-settings')).toHaveCount(0);

  await page.getByTestId('text-train').click();
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  await expect.poll(() => shown(page, 'text-step'), { timeout: 60_000 }).toBeGreaterThan(3);
  const early = await lossNats(page);
  expect(early).toBeGreaterThan(0);

  // The page stays responsive while the worker trains.
  const p95 = await frameGapP95(page, 3000);
  expect(p95).toBeLessThan(50);

  // Streamed samples appear, newest on top, and grow while they stream.
  const firstSample = page.getByTestId('text-sample').first();
  await expect(firstSample).not.toHaveText('', { timeout: 60_000 });
  await expect.poll(async () => (await firstSample.textContent())?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(20);

  await expect.poll(() => lossNats(page), { timeout: 90_000, intervals: [1000] }).toBeLessThan(early * 0.8);
  await page.screenshot({ path: 'test-results/text-training.png', fullPage: true });

  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');

  // Generate, streaming.
  await setNumber(page, 'text-gen-length', 120);
  await watchLengths(page, 'text-generated');
  await page.getByTestId('text-generate').click();
  await expect.poll(async () => (await page.getByTestId('text-generated').textContent())?.length ?? 0, { timeout: 30_000 }).toBe(120);
  expect(await distinctLengths(page)).toBeGreaterThan(2);

  // Score: a line of the corpus beats the same characters shuffled.
  const line = LINES[0];
  const shuffled = line.split(' ').reverse().join(' ');
  await page.getByTestId('text-score-input').fill(`${shuffled}\n${line}`);
  await page.getByTestId('text-score-run').click();
  const rows = page.getByTestId('text-score-row');
  await expect(rows).toHaveCount(2);
  const bits = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-bits'))));
  expect(bits[0]).toBeLessThan(bits[1]);
  await expect(rows.first().getByTestId('text-heatmap')).toHaveAttribute('aria-label', new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await rows.first().getByTestId('text-heatmap-char').nth(5).hover();
  await expect(rows.first().getByTestId('text-guesses')).toContainText('The model expected');
  await page.screenshot({ path: 'test-results/text-scored.png', fullPage: true });

  // Save in the browser, reload, load, generate.
  await page.getByTestId('text-save-name').fill('e2e tiny lstm');
  await page.getByTestId('text-save').click();
  await expect(page.getByTestId('text-saved-list')).toContainText('e2e tiny lstm');
  const stepBefore = await shown(page, 'text-step');

  await page.reload();
  await expect(page.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 30_000 });
  const item = page.getByTestId('text-saved-item').filter({ hasText: 'e2e tiny lstm' });
  await item.getByTestId('text-saved-load').click();
  await expect(page.getByTestId('text-saved-message')).toContainText('Loaded');
  expect(await shown(page, 'text-step')).toBe(stepBefore);
  await expect(page.getByTestId('text-loss-chart')).toBeVisible();
  await setNumber(page, 'text-gen-length', 60);
  await page.getByTestId('text-generate').click();
  await expect.poll(async () => (await page.getByTestId('text-generated').textContent())?.length ?? 0, { timeout: 30_000 }).toBe(60);

  // Tidy up the saved model.
  await item.getByTestId('text-saved-delete').click();
  await item.getByTestId('text-saved-delete-yes').click();
  await expect(page.getByTestId('text-saved-list')).not.toContainText('e2e tiny lstm');
});

test('bad input: an empty corpus disables Train with a message; an empty paste or a too-short text is refused', async ({ page }) => {
  // The built-in corpus comes back empty.
  await page.route('**/corpus/sotu.txt', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: '' }));
  await openLab(page);
  await expect(page.getByTestId('text-error')).toContainText('empty');
  await expect(page.getByTestId('text-train')).toBeDisabled();
  await expect(page.getByTestId('text-train-blocker')).toBeVisible();

  // Pasting nothing is refused with a message.
  await pasteCorpus(page, '   ');
  await expect(page.getByTestId('corpus-message')).toContainText('empty');
  await expect(page.getByTestId('text-train')).toBeDisabled();

  // A text shorter than one training window: Train stays disabled and says why.
  await pasteCorpus(page, 'abcabc');
  await expect(page.getByTestId('corpus-chars')).toHaveText('6');
  await expect(page.getByTestId('text-train')).toBeDisabled();
  await expect(page.getByTestId('text-train-blocker')).toContainText('shorter than one training window');

  // A real text enables it.
  await pasteCorpus(page, CORPUS);
  await expect(page.getByTestId('text-train')).toBeEnabled();

  // A binary file is refused and the corpus stays.
  await page.getByTestId('corpus-file').setInputFiles({ name: 'image.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 0, 0]) });
  await expect(page.getByTestId('corpus-message')).toContainText('binary');
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
  // Non-UTF-8 (Latin-1) text is refused too.
  await page.getByTestId('corpus-file').setInputFiles({ name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]) });
  await expect(page.getByTestId('corpus-message')).toContainText('not valid UTF-8');
  await page.screenshot({ path: 'test-results/text-bad-input.png', fullPage: true });
});

test('a worker crash says so and offers to continue on another backend with the last weights', async ({ page }) => {
  await page.goto('./#/text?debug');
  await expect(page.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
  await pasteCorpus(page, CORPUS);
  await page.getByTestId('text-engine').selectOption('wasm');
  await expect(page.getByTestId('text-status-backend')).toHaveText('wasm', { timeout: 60_000 });
  await page.getByTestId('text-hidden').selectOption('32');
  await setNumber(page, 'text-window', 16);
  await setNumber(page, 'text-batch', 8);
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  const step = await shown(page, 'text-step');

  // Divergence: paused, rolled back, said so.
  await page.getByTestId('text-debug-diverge').click();
  await page.getByTestId('text-train').click();
  await expect(page.getByTestId('text-alert')).toContainText('diverged');
  await expect(page.getByTestId('text-phase')).toHaveText('paused');

  // Device loss: a clear message and a restart on another backend with the weights the page kept.
  await page.getByTestId('text-debug-lose-device').click();
  await expect(page.getByTestId('text-alert')).toContainText('lost');
  await expect(page.getByTestId('text-train')).toBeDisabled();
  await page.getByTestId('text-restart-engine').selectOption('cpu');
  await page.getByTestId('text-restart').click();
  await expect(page.getByTestId('text-status-backend')).toHaveText('cpu', { timeout: 60_000 });
  await expect(page.getByTestId('text-alert')).toHaveCount(0);
  expect(await shown(page, 'text-step')).toBeGreaterThan(0);
  expect(step).toBeGreaterThan(0);
  await expect(page.getByTestId('text-train')).toBeEnabled();
});

// End-to-end tests of the Text lab in headless Chromium: a tiny model trained on the real WebGPU path (the
// software adapter), streamed samples and generation, scoring, save → reload → load, responsiveness while
// training, and bad input. Models are tiny: software WebGPU is far slower than WASM.
import { expect, frameGapP95, test } from './fixtures';
import type { Page } from '@playwright/test';
import { CORPUS, LINES, openLab, openWithSmallCorpus, pasteCorpus, setNumber, shown, tinyWasmModel } from './textLab';

/** The characters of `text` in a fixed pseudo-random order (same letters, no structure). */
function shuffleChars(text: string): string {
  const chars = Array.from(text);
  let seed = 12345;
  for (let i = chars.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** The smoothed training loss in nats, from the read-out's data attribute. */
async function lossNats(page: Page): Promise<number> {
  const v = await page.getByTestId('text-loss').getAttribute('data-nats');
  return v ? Number(v) : Number.NaN;
}

/** Counts the distinct text lengths an element goes through (to see streaming); watches its section, as a
 *  new run replaces the element. */
async function watchLengths(page: Page, testId: string) {
  await page.getByTestId(testId).evaluate((el, id) => {
    const seen = new Set<number>();
    (window as unknown as { __lengths: Set<number> }).__lengths = seen;
    const root = el.closest('section') ?? document.body;
    new MutationObserver(() => seen.add(root.querySelector(`[data-testid="${id}"]`)?.textContent?.length ?? 0)).observe(root, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  }, testId);
}

const distinctLengths = (page: Page) => page.evaluate(() => (window as unknown as { __lengths: Set<number> }).__lengths.size);

/** Scores `line` and its shuffled characters; the corpus line must rank first (fewer bits per character).
 *  Returns the ranked rows. */
async function scoreLineAboveShuffle(page: Page, line: string) {
  await page.getByTestId('text-score-input').fill(`${shuffleChars(line)}\n${line}`);
  await page.getByTestId('text-score-run').click();
  const rows = page.getByTestId('text-score-row');
  await expect(rows).toHaveCount(2);
  const bits = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-bits'))));
  expect(bits[0]).toBeLessThan(bits[1]);
  await expect(rows.first().getByTestId('text-heatmap')).toHaveAttribute('aria-label', new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return rows;
}

test('a tiny LSTM trains on WebGPU, streams samples, generates, scores, and survives save → reload → load', async ({ page }) => {
  test.setTimeout(200_000);
  await openWithSmallCorpus(page);
  await expect(page.getByTestId('corpus-chars')).toHaveText(CORPUS.length.toLocaleString('en-US'));

  // WebGPU, explicitly: in headless Chromium it runs on the software adapter.
  await page.getByTestId('text-engine').selectOption('webgpu');
  await expect(page.getByTestId('text-status-backend')).toHaveText('webgpu', { timeout: 60_000 });
  await expect(page.getByTestId('text-status-fallback')).toBeVisible();
  await expect(page.getByTestId('text-status-adapter')).toContainText('software fallback');

  await page.getByTestId('text-hidden').selectOption('32');
  await setNumber(page, 'text-window', 16);
  await setNumber(page, 'text-batch', 8);
  await setNumber(page, 'text-lr', 0.03);
  await expect(page.getByTestId('text-confirm-settings')).toHaveCount(0);
  // The default schedule (core/text/defaults.ts) is stated next to the rate, scaled with it.
  await expect(page.getByText('The rate decays along a cosine to 0.003 (0.1×) over 3,600 steps.')).toBeVisible();

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

  await expect.poll(() => lossNats(page), { timeout: 90_000, intervals: [1000] }).toBeLessThan(early - 0.3);
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
  const rows = await scoreLineAboveShuffle(page, line);
  await rows.first().getByTestId('text-heatmap-char').nth(5).hover();
  await expect(rows.first().getByTestId('text-guesses')).toContainText('The model expected');
  // Keyboard: focus the line's first character, then move with the arrow keys.
  await page.mouse.move(0, 0);
  await rows.first().getByTestId('text-heatmap-char').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(rows.first().getByTestId('text-heatmap-char').nth(2)).toBeFocused();
  await expect(rows.first().getByTestId('text-guesses')).toContainText(`“${line[2]}”`);
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

  // Rename, then tidy up.
  await item.getByRole('button', { name: 'Rename' }).click();
  const nameBox = page.getByRole('textbox', { name: 'New name for e2e tiny lstm' });
  await nameBox.fill('e2e renamed');
  await nameBox.press('Enter');
  const renamed = page.getByTestId('text-saved-item').filter({ hasText: 'e2e renamed' });
  await expect(renamed).toHaveCount(1);
  await renamed.getByTestId('text-saved-delete').click();
  await renamed.getByTestId('text-saved-delete-yes').click();
  await expect(page.getByTestId('text-saved-list')).not.toContainText('e2e renamed');
});

test('bad input: an empty corpus disables Train with a message; an empty paste or a too-short text is refused', async ({ page }) => {
  // No IndexedDB (as in some private windows): the page says so and works in memory.
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  // The built-in corpus comes back empty.
  await page.route('**/corpus/sotu.txt', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: '' }));
  await openLab(page);
  await expect(page.getByTestId('text-error')).toContainText('empty');
  await expect(page.getByTestId('text-train')).toBeDisabled();
  await expect(page.getByTestId('text-train-blocker')).toBeVisible();
  await expect(page.getByTestId('text-storage-unavailable')).toBeVisible();

  // Pasting nothing is refused with a message.
  await pasteCorpus(page, '   ');
  await expect(page.getByTestId('corpus-message')).toContainText('empty');
  await expect(page.getByTestId('text-train')).toBeDisabled();

  // A text shorter than one training window is refused when applied, says why, and stays in the box
  // (issue 13: refused up front, not at Train).
  await pasteCorpus(page, 'abcabc');
  await expect(page.getByTestId('corpus-message')).toContainText('but a training window of');
  await expect(page.getByTestId('corpus-input')).toHaveValue('abcabc');
  await expect(page.getByTestId('text-train')).toBeDisabled();

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

  // A huge paste is refused, and the text box keeps what it had.
  await page.getByTestId('corpus-input').fill('keep me');
  await page.getByTestId('corpus-input').evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'x'.repeat(6_000_000));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('corpus-message')).toContainText('the text box takes up to');
  await expect(page.getByTestId('corpus-input')).toHaveValue('keep me');

  // A large file (6 MB) is read in chunks with a progress bar, and the page keeps painting meanwhile
  // (measured from when the file is handed over, so Playwright's own transfer of it doesn't count).
  const big = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(140_000));
  await page.getByTestId('corpus-file').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: big });
  expect(await frameGapP95(page, 1500)).toBeLessThan(50);
  await expect(page.getByTestId('corpus-current')).toContainText('big.txt', { timeout: 60_000 });
  await expect(page.getByTestId('corpus-chars')).toHaveText(big.length.toLocaleString('en-US'));

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/text-phone.png', fullPage: true });
});

test('on WASM: settings ask before discarding the model; files export and import; divergence and device loss are recoverable', async ({ page }, testInfo) => {
  await page.goto('./#/text?debug');
  await expect(page.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
  await pasteCorpus(page, CORPUS);
  await tinyWasmModel(page);
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  const step = await shown(page, 'text-step');

  // The learning rate changes live; the cell needs a fresh model, so the page asks (and can keep the model).
  await setNumber(page, 'text-lr', 0.005);
  await expect(page.getByTestId('text-confirm-settings')).toHaveCount(0);
  await page.getByTestId('text-cell').selectOption('gru');
  await expect(page.getByTestId('text-confirm-settings')).toContainText('cell: LSTM → GRU');
  await expect(page.getByTestId('text-train')).toBeDisabled();
  await page.getByTestId('text-confirm-settings-no').click();
  await expect(page.getByTestId('text-cell')).toHaveValue('lstm');
  expect(await shown(page, 'text-step')).toBe(step);
  // A new corpus asks too.
  await pasteCorpus(page, 'something else entirely, with other letters: xyzzy QWERTY 12345\n'.repeat(10));
  await expect(page.getByTestId('text-confirm-corpus')).toBeVisible();
  await page.getByTestId('text-confirm-corpus-no').click();
  await expect(page.getByTestId('corpus-chars')).toHaveText(CORPUS.length.toLocaleString('en-US'));

  // Export as files, then import them back.
  const downloads: string[] = [];
  page.on('download', async (d) => {
    const path = testInfo.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    downloads.push(path);
  });
  await page.getByTestId('text-export').click();
  await expect.poll(() => downloads.length).toBe(3);
  await page.getByTestId('text-import-files').setInputFiles(downloads);
  await expect(page.getByTestId('text-saved-message')).toContainText('Model imported');
  expect(await shown(page, 'text-step')).toBe(step);

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
  await expect.poll(() => shown(page, 'text-step')).toBeGreaterThan(0);
  await expect(page.getByTestId('text-train')).toBeEnabled();
});

test('the from-scratch JavaScript RNN is an engine of its own: it trains in the worker, streams, generates and scores', async ({ page }) => {
  test.setTimeout(150_000);
  await openWithSmallCorpus(page);

  await page.getByTestId('text-engine').selectOption('scratch');
  await expect(page.getByTestId('text-status-backend')).toHaveText(/scratch/, { timeout: 60_000 });
  // min-char-rnn: one vanilla RNN layer on one-hot input; the page makes the settings fit.
  await expect(page.getByTestId('text-cell')).toHaveValue('rnn');
  await page.getByTestId('text-hidden').selectOption('32');
  await setNumber(page, 'text-window', 16);
  await setNumber(page, 'text-batch', 4);
  const confirm = page.getByTestId('text-confirm-settings');
  if (await confirm.count()) await confirm.getByRole('button').first().click();

  await page.getByTestId('text-train').click();
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  await expect.poll(() => shown(page, 'text-step'), { timeout: 60_000 }).toBeGreaterThan(5);
  // The scratch engine is quick on this tiny text: compare with a uniform guess over its 22 characters.
  await expect.poll(() => lossNats(page), { timeout: 90_000, intervals: [1000] }).toBeLessThan(Math.log(22) - 1);
  await expect(page.getByTestId('text-speed')).toHaveText(/^[\d.,]+k?$/);
  await expect(page.getByTestId('text-chars-seen')).toHaveText(/^[\d.,]+[kM]?$/);
  // The loss chart can count seconds of training instead of steps.
  await page.getByTestId('text-axis-time').check();
  await expect(page.getByTestId('text-loss-chart')).toContainText('seconds of training');
  await expect(page.getByTestId('text-sample').first()).not.toHaveText('', { timeout: 60_000 });
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');

  await setNumber(page, 'text-gen-length', 80);
  await page.getByTestId('text-generate').click();
  await expect.poll(async () => (await page.getByTestId('text-generated').textContent())?.length ?? 0, { timeout: 30_000 }).toBe(80);

  await scoreLineAboveShuffle(page, LINES[1]);
});

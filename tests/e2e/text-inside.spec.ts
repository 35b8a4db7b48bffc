// End-to-end test of "Inside the network" in the Text lab, on WASM with a tiny LSTM: units over text
// (keyboard stepping), the probe (a built-in pattern, an invalid and a catastrophically slow regex), the
// gradients-through-time chart, a short cell race, a CSV export, and the section at phone width.
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openWithSmallCorpus, shown, tinyWasmModel } from './textLab';

test('inside the network: units over text, probe, gradients through time, cell race, export, phone width', async ({ page }) => {
  test.setTimeout(240_000);
  await openWithSmallCorpus(page);
  await tinyWasmModel(page);
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 60_000 }).toBeGreaterThan(5);

  // Open the section while training: the text is coloured by unit 0.
  await page.getByTestId('inside').locator('summary').click();
  const text = page.getByTestId('inside-text');
  await expect(text).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('inside-unit')).toHaveText('unit 0 of 32');
  await expect(page.getByTestId('inside-source-note')).toContainText('training characters');
  const colours = await text.locator('span').evaluateAll((els) => new Set(els.slice(0, 200).map((e) => (e as HTMLElement).style.background)).size);
  expect(colours).toBeGreaterThan(5);
  await expect(page.getByTestId('inside-contexts').locator('li')).toHaveCount(10);

  // Keyboard: →, j step forward; ←, k step back; the box keeps focus.
  await text.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('inside-unit')).toHaveText('unit 1 of 32');
  await page.keyboard.press('j');
  await expect(page.getByTestId('inside-unit')).toHaveText('unit 2 of 32');
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('inside-unit')).toHaveText('unit 31 of 32');
  await expect(text).toBeFocused();
  await expect(text).toHaveAttribute('aria-label', /unit 31 of layer 1 \(h\)/);

  // Probe with a built-in pattern: a ranking; choosing a unit shows it.
  await page.getByTestId('inside-probe').selectOption('after-full-stop');
  const ranking = page.getByTestId('inside-ranking');
  await expect(ranking.locator('tbody tr')).toHaveCount(10);
  const second = ranking.getByTestId('inside-rank-unit').nth(1);
  const label = (await second.textContent()) ?? '';
  await second.click();
  await expect(page.getByTestId('inside-unit')).toHaveText(`${label} of 32`);

  // Export the unit's values as CSV.
  const unitDownload = page.waitForEvent('download');
  await page.getByTestId('inside-export-unit').click();
  const unitCsv = await readFile((await (await unitDownload).path())!, 'utf8');
  expect(unitCsv.split('\n')[0]).toBe('position,char,value');
  expect(unitCsv.split('\n').length).toBeGreaterThan(1000);

  // A user regex: invalid → message; catastrophic backtracking → stopped with a message, page responsive.
  await page.getByTestId('inside-probe').selectOption('regex');
  await page.getByTestId('inside-regex').fill('(');
  await page.getByTestId('inside-probe-run').click();
  await expect(page.getByTestId('inside-probe-message')).toContainText('Not a valid regular expression');
  await page.getByTestId('inside-regex').fill(String.raw`(\w+\s?)*$`);
  await page.getByTestId('inside-probe-run').click();
  await expect(page.getByTestId('inside-probe-message')).toContainText('took longer than', { timeout: 20_000 });
  await page.getByTestId('inside-regex').fill('[aeiou]');
  await page.getByTestId('inside-probe-run').click();
  await expect(page.getByTestId('inside-probe-message')).toHaveCount(0);
  await expect(ranking.locator('tbody tr')).toHaveCount(10);

  // Gradients through time: the chart and its table.
  await expect(page.getByTestId('inside-grads-chart')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('inside-grads-table').locator('tbody tr')).toHaveCount(7);

  // A short cell race (paused first): RNN and LSTM, 2 s each.
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  await page.getByTestId('inside-race-gru').uncheck();
  const seconds = page.getByTestId('inside-race-seconds');
  await seconds.fill('2');
  await seconds.press('Enter');
  await page.getByTestId('inside-race-start').click();
  await expect(page.getByTestId('inside-race-table').locator('tbody tr')).toHaveCount(2, { timeout: 120_000 });
  await expect(page.getByTestId('inside-race-sample-lstm')).not.toHaveText('');
  await expect(page.getByTestId('inside-race-time')).toBeVisible();
  const raceDownload = page.waitForEvent('download');
  await page.getByTestId('inside-race-export-csv').click();
  const raceCsv = await readFile((await (await raceDownload).path())!, 'utf8');
  expect(raceCsv.split('\n')[0]).toBe('cell,seconds,chars,step,valid_loss_nats');
  expect(raceCsv).toContain('\nlstm,');
  await page.getByTestId('inside').screenshot({ path: 'test-results/text-inside.png' });

  // How it works explains the views.
  await page.getByTestId('text-how').locator('summary').click();
  await expect(page.getByTestId('inside-how')).toContainText('Gradients through time');

  // Phone width: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByTestId('inside').screenshot({ path: 'test-results/text-inside-phone.png' });
});

// End-to-end test of the Speed view in headless Chromium: a short race on the from-scratch engine, WASM and
// WebGPU (the software adapter here, which must be flagged), the chart, the raw report, and cancel.
import { seriousAxeViolations } from './axe';
import { expect, test } from './fixtures';

const RACE = './#/speed?budget=250&engines=scratch,wasm,webgpu';

test('races the engines, charts the speed-ups, flags the software adapter, and cancels', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(RACE);
  await expect(page.getByTestId('speed-budget')).toHaveValue('250');
  await expect(page.getByTestId('speed-engine-cpu')).not.toBeChecked();

  await page.getByTestId('speed-run').click();
  const status = page.getByTestId('speed-status');
  await expect(status).toHaveAttribute('data-phase', 'running');
  await expect(status).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });

  const results = page.getByTestId('speed-results');
  for (const engine of ['scratch', 'wasm', 'webgpu']) {
    await expect(results.locator(`[data-testid="speed-row"][data-engine="${engine}"][data-status="ok"]`).first()).toBeVisible();
  }
  // Every engine ran the Classify net; TensorFlow.js ran the LSTM the from-scratch engine lacks.
  for (const engine of ['scratch', 'wasm', 'webgpu']) {
    await expect(results.locator(`[data-testid="speed-row"][data-task="classify-h3"][data-engine="${engine}"]`)).toHaveAttribute('data-status', 'ok');
  }
  await expect(results.locator('[data-testid="speed-row"][data-task="train-lstm-64"][data-engine="scratch"]')).toHaveAttribute('data-status', 'n/a');
  await expect(results.locator('[data-testid="speed-row"][data-task="train-lstm-64"][data-engine="wasm"]')).toHaveAttribute('data-status', 'ok');

  // What ran: the browser, and WebGPU on a software adapter, flagged.
  await expect(page.getByTestId('speed-useragent')).toContainText('Chrome');
  const webgpu = page.locator('[data-testid="speed-engine-info"][data-engine="webgpu"]');
  await expect(webgpu).toHaveAttribute('data-available', 'true');
  await expect(webgpu).toHaveAttribute('data-software', 'true');
  await expect(webgpu.getByTestId('speed-software-flag')).toBeVisible();
  await expect(webgpu).toContainText('swiftshader');

  // The chart: one bar per measured (task, engine), the reference engine at 1×.
  const chart = page.getByTestId('speed-chart');
  await expect(chart).toBeVisible();
  expect(await chart.getByTestId('speed-bar').count()).toBeGreaterThanOrEqual(8);
  const scratchBar = chart.locator('[data-testid="speed-bar"][data-task="classify-h3"][data-engine="scratch"]');
  await expect(scratchBar).toHaveAttribute('data-speedup', '1');

  // The raw report is there for people to keep.
  const report = JSON.parse((await page.getByTestId('speed-json').textContent()) ?? '{}') as { rows: unknown[]; engines: unknown[] };
  expect(report.engines).toHaveLength(3);
  expect(report.rows.length).toBe(15);

  await page.screenshot({ path: 'test-results/speed.png', fullPage: true });

  // Cancel: a new race stops promptly and keeps what it finished.
  await page.getByTestId('speed-engine-cpu').check();
  await page.getByTestId('speed-run').click();
  await expect(status).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('speed-row').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('speed-cancel').click();
  await expect(status).toHaveAttribute('data-phase', 'cancelled', { timeout: 5_000 });
  await expect(page.getByTestId('speed-cancel')).toBeDisabled();
  await expect(page.getByTestId('speed-run')).toBeEnabled();
  const rowsAfterCancel = await page.getByTestId('speed-row').count();
  expect(rowsAfterCancel).toBeGreaterThan(0);
  expect(rowsAfterCancel).toBeLessThan(20);
  // Nothing more arrives after the cancel.
  await page.waitForTimeout(1500);
  expect(await page.getByTestId('speed-row').count()).toBe(rowsAfterCancel);
});

test('races WebGPU twice — fused kernels and TensorFlow.js ops — and shows dispatches per step for each', async ({ page }) => {
  test.setTimeout(180_000);
  // One short text task (RNN 64, window 32, batch 16): the software adapter is slow.
  await page.goto('./#/speed?budget=50&engines=webgpu,webgpu-ops&tasks=train-rnn-64');
  await expect(page.getByTestId('speed-engine-webgpu')).toBeChecked();
  await expect(page.getByTestId('speed-engine-webgpu-ops')).toBeChecked();
  await expect(page.getByTestId('speed-engine-wasm')).not.toBeChecked();
  await page.getByTestId('speed-run').click();
  const status = page.getByTestId('speed-status');
  await expect(status).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });

  const counts: Record<string, number> = {};
  for (const engine of ['webgpu', 'webgpu-ops']) {
    const row = page.locator(`[data-testid="speed-row"][data-task="train-rnn-64"][data-engine="${engine}"]`);
    await expect(row).toHaveAttribute('data-status', 'ok');
    await expect(row.getByTestId('speed-value')).toContainText('chars/s');
    counts[engine] = Number(((await row.getByTestId('speed-dispatches').textContent()) ?? '').replace(/,/g, ''));
    expect(counts[engine], `${engine}: dispatches per step`).toBeGreaterThan(0);
    const info = page.locator(`[data-testid="speed-engine-info"][data-engine="${engine}"]`);
    await expect(info).toHaveAttribute('data-available', 'true');
    await expect(info).toContainText('backend webgpu');
  }
  await expect(page.getByTestId('speed-results')).toContainText('WebGPU (fused kernels)');
  await expect(page.getByTestId('speed-results')).toContainText('WebGPU (TensorFlow.js ops)');
  // Counted, not estimated: the fused kernels issue fewer dispatches than the same step through TensorFlow.js ops.
  expect(counts.webgpu).toBeLessThan(counts['webgpu-ops']);
  await expect(page.getByTestId('speed-chart').getByTestId('speed-bar')).toHaveCount(2);
  const report = JSON.parse((await page.getByTestId('speed-json').textContent()) ?? '{}') as { rows: { engine: string; dispatchesPerStep?: number }[] };
  expect(report.rows.map((r) => [r.engine, r.dispatchesPerStep])).toEqual([
    ['webgpu', counts.webgpu],
    ['webgpu-ops', counts['webgpu-ops']],
  ]);
  expect(await seriousAxeViolations(page), 'axe, the race with dispatch counts').toEqual([]);
  await page.screenshot({ path: 'test-results/speed-webgpu-twice.png', fullPage: true });
});

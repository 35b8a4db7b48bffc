// End-to-end test of the Text lab's "How it works → On the GPU": the current cell's fused WGSL kernel shown
// as text next to its math, the bench's dispatch figures, and a count for the current (small) model on the
// software WebGPU adapter, fused against TensorFlow.js ops.
import { seriousAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { openLab, setNumber } from './textLab';

test('How it works shows the cell\u2019s WGSL kernel and counts dispatches per step both ways', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page);
  // A small LSTM (the count trains it a few steps on the software adapter).
  await page.getByTestId('text-hidden').selectOption('32');
  await setNumber(page, 'text-window', 8);
  await setNumber(page, 'text-batch', 4);

  await page.getByTestId('text-how').locator('summary').click();
  const gpu = page.getByTestId('text-how-gpu');
  await gpu.scrollIntoViewIfNeeded();
  const code = gpu.getByTestId('text-how-wgsl');
  await expect(code).toBeVisible({ timeout: 30_000 });
  await expect(code).toContainText('fn main(index : i32)');
  await expect(code).toContainText('const H = 32;');
  await expect(code).toContainText('storageBarrier();');
  await expect(code).toContainText('fn sigmoidF');
  // Text, never HTML: the code element holds no elements of its own.
  expect(await code.locator('code *').count()).toBe(0);
  await expect(gpu).toContainText('lstmForward.ts');
  await expect(gpu.getByTestId('text-how-dispatches')).toContainText('npm run bench');

  await gpu.getByTestId('text-how-count').click();
  const counted = gpu.getByTestId('text-how-dispatches-counted');
  await expect(counted).toBeVisible({ timeout: 150_000 });
  await expect(counted).toContainText('LSTM 32, window 8, batch 4');
  const [fused, ops] = (await counted.locator('td.num').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
  expect(fused).toBeGreaterThan(0);
  expect(fused).toBeLessThan(ops);
  expect(await seriousAxeViolations(page, '[data-testid="text-how-gpu"]'), 'axe, the GPU section').toEqual([]);
  await gpu.screenshot({ path: 'test-results/text-how-gpu.png' });
});

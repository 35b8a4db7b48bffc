// End-to-end tests of the Text lab's "nothing lost" promises, on the WASM backend with a tiny LSTM: the corpus,
// settings and a training checkpoint survive a reload ("Resume from step N"); a crashed worker and a lost GPU
// device (simulated, and really destroyed under the fused WebGPU kernels) are replaced by a new worker that
// continues from the last checkpoint by itself; without IndexedDB
// the page says so and trains in memory; a save in another tab is announced.
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { CORPUS, openLab, pasteCorpus, setNumber, shown, tinyWasmModel } from './textLab';

/** Pasted corpus, WASM, LSTM 32, window 16, batch 8: a few hundred steps a minute on two cores. */
async function tinySetup(page: Page) {
  await pasteCorpus(page, CORPUS);
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
  await tinyWasmModel(page);
}

/** The step of the checkpoint in the autosave database, or -1 (read inside the page, without creating it). */
function savedCheckpointStep(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('backprop-playground-text-autosave');
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onerror = () => resolve(-1);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('autosave').objectStore('autosave').get('checkpoint');
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { value?: { step?: number } } | undefined)?.value?.step ?? -1);
          };
          get.onerror = () => {
            db.close();
            resolve(-1);
          };
        };
      }),
  );
}

/** The checkpoint step the recovery message names ("…from the checkpoint at step N…"). */
async function recoveredFromStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('text-alert-recovery').textContent()) ?? '';
  const m = /checkpoint at step ([\d,]+)/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : 0;
}

test('a reload brings back the corpus and settings, and "Resume from step N" continues training', async ({ page }) => {
  await openLab(page);
  await tinySetup(page);
  await setNumber(page, 'text-lr', 0.03);
  await page.getByTestId('corpus-valid').selectOption('0.02');
  await expect(page.getByTestId('corpus-valid')).toHaveValue('0.02');
  await page.getByTestId('text-prime').fill('the ');
  await page.getByTestId('text-score-input').fill('the cat sat');

  await page.getByTestId('text-train').click();
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  const step = await shown(page, 'text-step');
  // Pausing checkpoints the model.
  await expect.poll(() => savedCheckpointStep(page)).toBe(step);

  await page.reload();
  await expect(page.getByTestId('text-status-backend')).toHaveText('wasm', { timeout: 60_000 });
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
  await expect(page.getByTestId('corpus-chars')).toHaveText(CORPUS.length.toLocaleString('en-US'));
  await expect(page.getByTestId('text-engine')).toHaveValue('wasm');
  await expect(page.getByTestId('text-hidden')).toHaveValue('32');
  await expect(page.getByTestId('text-window')).toHaveValue('16');
  await expect(page.getByTestId('text-batch')).toHaveValue('8');
  await expect(page.getByTestId('text-lr')).toHaveValue('0.03');
  await expect(page.getByTestId('corpus-valid')).toHaveValue('0.02');
  await expect(page.getByTestId('text-prime')).toHaveValue('the ');
  await expect(page.getByTestId('text-score-input')).toHaveValue('the cat sat');

  // The checkpoint is offered, and nothing trains until asked.
  const resume = page.getByTestId('text-resume-go');
  await expect(resume).toHaveText(`▶ Resume from step ${step.toLocaleString('en-US')}`);
  await expect(resume).toBeEnabled();
  await page.getByTestId('text-resume').screenshot({ path: 'test-results/text-resume.png' });
  await page.screenshot({ path: 'test-results/text-resume-page.png', fullPage: true });
  await expect(page.getByTestId('text-phase')).not.toHaveText('training');

  await resume.click();
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  await expect(page.getByTestId('text-resume')).toHaveCount(0);
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(step + 3);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
});

test('a crashed worker is replaced and training continues from the last checkpoint', async ({ page }) => {
  await openLab(page, '#/text?debug&ckpt=2');
  await tinySetup(page);
  await page.getByTestId('text-train').click();
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  // A periodic checkpoint (every 2 s here, 30 s normally) while training.
  await expect.poll(() => savedCheckpointStep(page), { timeout: 30_000 }).toBeGreaterThan(0);
  const before = await shown(page, 'text-step');

  await page.getByTestId('text-debug-crash').click();
  await expect(page.getByTestId('text-alert')).toContainText('crashed');
  await expect(page.getByTestId('text-alert-recovery')).toHaveAttribute('data-status', 'recovered', { timeout: 60_000 });
  const from = await recoveredFromStep(page);
  expect(from).toBeGreaterThan(0);
  expect(from).toBeLessThanOrEqual(before + 50);
  await expect(page.getByTestId('text-status-backend')).toHaveText('wasm');
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  await page.getByTestId('text-alert').screenshot({ path: 'test-results/text-recovered.png' });
  // It carries on from the checkpoint: the step never went back to 0.
  expect(await shown(page, 'text-step')).toBeGreaterThanOrEqual(from);
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(from + 3);

  // Divergence still pauses with a message and keeps finite weights.
  await page.getByTestId('text-debug-diverge').click();
  await expect(page.getByTestId('text-alert')).toContainText('diverged', { timeout: 30_000 });
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  expect(await shown(page, 'text-step')).toBeGreaterThan(0);
});

test('a lost GPU device: a new worker continues on a working backend from the checkpoint', async ({ page }) => {
  await openLab(page, '#/text?debug&ckpt=2');
  await tinySetup(page);
  await page.getByTestId('text-train').click();
  await expect.poll(() => savedCheckpointStep(page), { timeout: 30_000 }).toBeGreaterThan(0);

  await page.getByTestId('text-debug-lose-device').click();
  await expect(page.getByTestId('text-alert')).toContainText('lost');
  await expect(page.getByTestId('text-alert-recovery')).toHaveAttribute('data-status', 'recovered', { timeout: 60_000 });
  const from = await recoveredFromStep(page);
  expect(from).toBeGreaterThan(0);
  await expect(page.getByTestId('text-status-backend')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(from + 3);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
});

test('a real device loss under the fused WebGPU kernels: the device is destroyed mid-training, and a new worker continues from the checkpoint', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page, '#/text?debug&ckpt=2');
  await pasteCorpus(page, CORPUS);
  await expect(page.getByTestId('corpus-current')).toContainText('Pasted text');
  // WebGPU chosen by hand (the software adapter here): the LSTM trains through the fused kernels and the
  // fused optimiser, the default on that backend.
  await page.getByTestId('text-engine').selectOption('webgpu');
  await expect(page.getByTestId('text-status-backend')).toHaveText('webgpu', { timeout: 60_000 });
  await page.getByTestId('text-hidden').selectOption('32');
  await setNumber(page, 'text-window', 16);
  await setNumber(page, 'text-batch', 8);
  await page.getByTestId('text-train').click();
  await expect.poll(() => savedCheckpointStep(page), { timeout: 60_000 }).toBeGreaterThan(0);

  await page.getByTestId('text-debug-destroy-device').click();
  await expect(page.getByTestId('text-alert')).toContainText('lost', { timeout: 30_000 });
  await expect(page.getByTestId('text-alert-recovery')).toHaveAttribute('data-status', 'recovered', { timeout: 90_000 });
  const from = await recoveredFromStep(page);
  expect(from).toBeGreaterThan(0);
  await expect(page.getByTestId('text-status-backend')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);
  await expect(page.getByTestId('text-alert')).toContainText('WebGPU device lost: Device was destroyed.');
  await page.getByTestId('text-alert').screenshot({ path: 'test-results/text-device-destroyed.png' });
  await expect(page.getByTestId('text-phase')).toHaveText('training');
  await expect.poll(() => shown(page, 'text-step'), { timeout: 60_000 }).toBeGreaterThan(from + 3);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
});

test('without IndexedDB the page says so once and still trains; another tab’s save is announced', async ({ page, context }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  await openLab(page);
  const notice = page.getByTestId('text-storage-unavailable');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Autosave is off');
  await tinySetup(page);
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  await expect(notice).toHaveCount(1);

  // Two tabs with storage: when one saves, the other is told that the last writer wins.
  const a = await context.newPage();
  const b = await context.newPage();
  await openLab(a);
  await openLab(b);
  await expect(a.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 30_000 });
  await expect(b.getByTestId('corpus-chars')).not.toHaveText('', { timeout: 30_000 });
  await setNumber(b, 'text-lr', 0.004);
  await expect(a.getByTestId('text-other-tab')).toContainText('Another tab saved its settings');
  await expect(b.getByTestId('text-other-tab')).toHaveCount(0);
  await a.close();
  await b.close();
});

test('a full storage quota is reported once and the lab keeps working in memory', async ({ page }) => {
  // Every autosave write fails as it does when the site's quota is used up.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.transaction.db.name === 'backprop-playground-text-autosave') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openLab(page);
  await tinySetup(page);
  const notice = page.getByTestId('text-storage-unavailable');
  await expect(notice).toContainText('full');
  await page.getByTestId('text-train').click();
  await expect.poll(() => shown(page, 'text-step'), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.getByTestId('text-pause').click();
  await expect(page.getByTestId('text-phase')).toHaveText('paused');
  await expect(notice).toHaveCount(1);
});

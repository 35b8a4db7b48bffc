// WASM threads (src/workers/wasmThreads.ts) in the built app under `vite preview` (COOP/COEP and the CSP header):
// the page is cross-origin isolated, the Text lab's WASM backend asked for one thread per core (`threads=0`;
// the default is one thread, wasmThreads.ts says why) runs them with its pthread scripts loaded from this origin (the fixture fails the test on any CSP violation), and — the same seed, the
// same steps — the threaded build ends with the same weights as the single-threaded one, within float
// tolerance. Two fresh Text workers of the app are driven directly (bench/textWorkerDriver.ts).
import { driveTextWorker, TEXT_WORKER_TAP, type DriveArgs } from '../../bench/textWorkerDriver';
import { expect, test } from './fixtures';
import { CORPUS } from './textLab';

const STEPS = 20;

test('WASM threads start from same-origin scripts and train to the same weights as one thread', async ({ page }) => {
  await page.addInitScript(TEXT_WORKER_TAP);
  await page.goto('./#/text?threads=0');
  await expect(page.getByTestId('text-status-backend')).toBeVisible({ timeout: 60_000 });
  const env = await page.evaluate(() => ({ isolated: window.crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(env.isolated).toBe(true);

  // The page's own status line, on WASM with `threads=0`: one thread per core (at most 8).
  await page.getByTestId('text-engine').selectOption('wasm');
  const perCore = Math.min(8, Math.max(1, env.cores));
  await expect(page.getByTestId('text-status-wasm')).toHaveText(`WASM · SIMD · ${perCore} thread${perCore === 1 ? '' : 's'}`, { timeout: 60_000 });

  const workerUrl = await page.evaluate(() => (window as unknown as { __textWorkerUrl: string }).__textWorkerUrl);
  const args: DriveArgs = {
    workerUrl,
    engine: 'wasm',
    wasmThreads: 1,
    corpus: CORPUS,
    model: { cell: 'lstm', layers: 1, hidden: 128, input: 'embedding', embedding: 32, dropout: 0 },
    train: { seqLength: 16, batchSize: 16, optimizer: 'adam', learningRate: 0.02, clipNorm: 5, seed: 7 },
    loop: { sampleEveryMs: 0, evalEveryMs: 0 },
    warmSteps: 0,
    steps: STEPS,
    exportWeights: true,
  };
  const single = await page.evaluate(driveTextWorker, args);
  // Two threads even on a one-core machine: the comparison must run the threaded build.
  const threaded = await page.evaluate(driveTextWorker, { ...args, wasmThreads: 2 });
  expect(single.report.wasm).toEqual({ simd: true, threads: 1 });
  expect(threaded.report.wasm).toEqual({ simd: true, threads: 2 });

  const a = single.weights!;
  const b = threaded.weights!;
  expect(b.length).toBe(a.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1e-3 + Math.abs(a[i])));
  console.log(`${a.length} weights after ${STEPS} steps: largest relative difference ${worst.toExponential(2)}`);
  expect(worst).toBeLessThan(1e-3);
});

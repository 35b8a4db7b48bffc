// `npm run bench -- --only=threads`: training speed of the Text worker on WASM, single-threaded build against
// threads (one per core, src/workers/wasmThreads.ts), in the built app under `vite preview` (cross-origin
// isolated) in headless Chromium. Per size: the default LSTM 256, an LSTM 128 and a vanilla RNN 128 (embedding
// 32, the default training settings, the built-in corpus), training only (no sampling, no evaluation).
// Each worker is fresh (bench/textWorkerDriver.ts): warm-up steps, then timed steps; the two settings
// alternate over ROUNDS rounds (1, N, then N, 1, …) and each keeps its best round, so a neighbour's burst of
// CPU use hurts both alike. Keys: text.wasm_threads.<cell>_<hidden>.{chars_per_s_1,chars_per_s_n,threads,ratio}.
import type { Browser } from '@playwright/test';
import type { TextModelSettings } from '../src/core/text/defaults';
import { DEFAULT_MODEL_SETTINGS, DEFAULT_TRAIN_SPEC } from '../src/core/text/defaults';
import { driveTextWorker, TEXT_WORKER_TAP, type DriveArgs } from './textWorkerDriver';

const ROUNDS = 3;
const SIZES: { key: string; model: TextModelSettings; warmSteps: number; steps: number }[] = [
  { key: 'lstm_256', model: DEFAULT_MODEL_SETTINGS, warmSteps: 3, steps: 24 },
  { key: 'lstm_128', model: { cell: 'lstm', layers: 1, hidden: 128, input: 'embedding', embedding: 32, dropout: 0 }, warmSteps: 5, steps: 40 },
  { key: 'rnn_128', model: { cell: 'rnn', layers: 1, hidden: 128, input: 'embedding', embedding: 32, dropout: 0 }, warmSteps: 10, steps: 120 },
];

export interface ThreadsRow {
  size: string;
  threads: number;
  charsPerSecSingle: number;
  charsPerSecThreads: number;
  /** threads ÷ single (> 1: threads are faster). */
  ratio: number;
}

export async function measureWasmThreads(browser: Browser, baseUrl: string, log: (line: string) => void): Promise<ThreadsRow[]> {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  try {
    await page.addInitScript(TEXT_WORKER_TAP);
    await page.goto(`${baseUrl}#/text`);
    await page.getByTestId('text-status-backend').waitFor({ timeout: 90_000 });
    const env = await page.evaluate(() => ({ isolated: window.crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    log(`  page: crossOriginIsolated ${env.isolated}, navigator.hardwareConcurrency ${env.cores}`);
    const workerUrl = await page.evaluate(() => (window as unknown as { __textWorkerUrl: string }).__textWorkerUrl);
    const corpus = await page.evaluate(() => fetch('corpus/sotu.txt').then((r) => r.text()));
    const train = DEFAULT_TRAIN_SPEC;
    const rows: ThreadsRow[] = [];
    for (const size of SIZES) {
      const best = new Map<number, number>();
      let threadsSeen = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const wasmThreads of round % 2 === 0 ? [1, 0] : [0, 1]) {
          const args: DriveArgs = {
            workerUrl, engine: 'wasm', wasmThreads, corpus, model: size.model, train,
            loop: { sampleEveryMs: 0, evalEveryMs: 0 }, warmSteps: size.warmSteps, steps: size.steps, exportWeights: false,
          };
          const r = await page.evaluate(driveTextWorker, args);
          const threads = r.report.wasm?.threads ?? 1;
          const charsPerSec = (size.steps * train.batchSize * train.seqLength) / (r.ms / 1000);
          if (wasmThreads === 0) threadsSeen = threads;
          best.set(wasmThreads, Math.max(best.get(wasmThreads) ?? 0, charsPerSec));
          log(`  ${size.key} round ${round + 1}: ${threads} thread${threads === 1 ? '' : 's'}: ${Math.round(charsPerSec)} chars/s (${(r.ms / size.steps).toFixed(1)} ms/step)${r.report.wasm?.note ? ` — ${r.report.wasm.note}` : ''}`);
        }
      }
      const single = best.get(1) ?? NaN;
      const threaded = best.get(0) ?? NaN;
      rows.push({ size: size.key, threads: threadsSeen, charsPerSecSingle: Math.round(single), charsPerSecThreads: Math.round(threaded), ratio: threaded / single });
    }
    return rows;
  } finally {
    await page.close();
  }
}

export function threadsMarkdown(rows: readonly ThreadsRow[]): string {
  const lines = ['| size (window 16 × batch 64) | 1 thread, chars/s | threads | threads, chars/s | ratio |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.size} | ${r.charsPerSecSingle} | ${r.threads} | ${r.charsPerSecThreads} | ${r.ratio.toFixed(2)} |`);
  return `${lines.join('\n')}\n`;
}

// Drives a fresh Text worker of the built app from inside its page (Playwright's page.evaluate), for the WASM
// threads benchmark (bench/wasmThreads.ts) and the thread/no-thread agreement test
// (tests/e2e/text-wasm-threads.spec.ts): init → set-corpus → build (seeded) → train `warmSteps` → train
// `steps` timed → optionally export the weights. The page's own session keeps its worker; this one is separate.
//
// TEXT_WORKER_TAP (an init script) records the URL the app starts its Text worker from; driveTextWorker runs in
// the page and must stay self-contained (Playwright sends its source text).
import type { LoopOptions, TextModelSettings } from '../src/core/text/defaults';
import type { TextTrainSpec } from '../src/core/text/engine';
import type { BackendReport } from '../src/workers/textProtocol';

/** Wraps the Worker constructor so `window.__textWorkerUrl` holds the Text worker's URL. Also defines
 *  `__name`, which tsx (esbuild with keepNames) calls in the source of driveTextWorker it sends. */
export const TEXT_WORKER_TAP = `(() => {
  window.__name = window.__name || ((f) => f);
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url, options) {
      super(url, options);
      if (String(url).includes('text.worker')) window.__textWorkerUrl = String(url);
    }
  };
})();`;

export interface DriveArgs {
  workerUrl: string;
  engine: 'wasm' | 'cpu';
  /** InitRequest.wasmThreads: 1 = single-threaded build, 0 = one per core. */
  wasmThreads: number;
  corpus: string;
  model: TextModelSettings;
  train: TextTrainSpec;
  loop: Partial<LoopOptions>;
  warmSteps: number;
  steps: number;
  exportWeights: boolean;
}

export interface DriveResult {
  report: BackendReport;
  /** Wall time of the timed `steps` (ms). */
  ms: number;
  /** The float32 weights after warmSteps + steps (when asked for). */
  weights?: number[];
}

/** Runs in the page. */
export async function driveTextWorker(args: DriveArgs): Promise<DriveResult> {
  type Event = { type: string; id?: number; message?: string; reason?: string; report?: BackendReport; bundle?: { weights: ArrayBuffer } };
  const worker = new Worker(args.workerUrl, { type: 'module' });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (e: Event) => void; reject: (e: Error) => void; until: string }>();
  worker.addEventListener('message', (m: MessageEvent<Event>) => {
    const e = m.data;
    if (e.id === undefined) return;
    const w = waiting.get(e.id);
    if (!w) return;
    if (e.type === 'error') {
      waiting.delete(e.id);
      w.reject(new Error(`${e.message}`));
    } else if (e.type === w.until) {
      waiting.delete(e.id);
      w.resolve(e);
    }
  });
  const request = (msg: Record<string, unknown>, until: string) =>
    new Promise<Event>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject, until });
      worker.postMessage({ ...msg, id });
    });
  try {
    const ready = await request({ type: 'init', engine: args.engine, wasmThreads: args.wasmThreads }, 'ready');
    await request({ type: 'set-options', options: args.loop }, 'ok');
    await request({ type: 'set-corpus', text: args.corpus, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.05 }, 'corpus');
    await request({ type: 'build', model: args.model, train: args.train }, 'built');
    const trainFor = async (steps: number) => {
      if (steps <= 0) return;
      const done = await request({ type: 'train', maxSteps: steps }, 'done');
      if (done.reason !== 'limit') throw new Error(`training ended with ${done.reason}`);
    };
    await trainFor(args.warmSteps);
    const t0 = performance.now();
    await trainFor(args.steps);
    const ms = performance.now() - t0;
    let weights: number[] | undefined;
    if (args.exportWeights) {
      const exported = await request({ type: 'export' }, 'exported');
      weights = Array.from(new Float32Array(exported.bundle!.weights));
    }
    return { report: ready.report!, ms, weights };
  } finally {
    worker.terminate();
  }
}

// "Auto" picks the Text lab's backend by measuring: time a few training steps of the visitor's actual model on
// each hardware candidate, train on the fastest. This file is the pure part — the chooser, the key a choice is
// kept under, the sentence that reports it. The worker supplies the timing function (workers/text/autoJob.ts:
// it activates each backend, trains a throw-away copy of the model and disposes it); tests inject timings.
//
// Why measure instead of ordering: on a real GPU each of TensorFlow.js's small kernels costs a fixed dispatch
// overhead, so a recurrent step can be slower on WebGPU than on WASM; the fused kernels change that, WebGL sits
// in between, and which wins depends on the GPU and on the model's shape (issue 11). Only a stopwatch knows.
//
// Rules (tested in tests/unit/text-auto-backend.test.ts):
// - candidates are timed in the order given (the hardware order WebGPU → WebGL → WASM); the fastest wins;
// - a tie keeps the earlier candidate (stable: a strict ">" decides);
// - a candidate whose timing throws, or returns no positive finite figure, is skipped with its reason;
// - when every candidate fails there is no winner (the caller falls back to the plain order);
// - a single candidate is not timed at all: there is nothing to compare, and the default model starts
//   training at once (on a machine without a GPU that candidate is WASM).

/** A backend name as the measurement sees it (the worker's TensorFlow.js backend names). */
export type AutoBackendName = string;

/** One candidate's outcome. */
export interface AutoMeasurement {
  backend: AutoBackendName;
  ok: boolean;
  /** Predicted characters per second over the timed steps (ok only). */
  charsPerSec?: number;
  /** Why it was skipped (failed to start, threw while training, …). */
  reason?: string;
}

/** What Auto decided, as kept per model shape and reported to the page. */
export interface AutoChoice {
  /** autoShapeKey of the model it was measured on. */
  key: string;
  /** The hardware candidates it chose among, in order (a cached choice is reused only for the same set). */
  candidates: AutoBackendName[];
  /** One entry per candidate timed (empty when there was a single candidate). */
  measurements: AutoMeasurement[];
  /** The backend to train on; undefined when every candidate failed. */
  winner?: AutoBackendName;
  /** Date.now() when it was measured. */
  measuredAt: number;
}

/** About 3 s of measuring in all, shared between the candidates. */
export const AUTO_TOTAL_BUDGET_MS = 3000;

/** The timing budget of each of `count` candidates (ms). */
export function budgetPerCandidate(count: number, totalMs = AUTO_TOTAL_BUDGET_MS): number {
  return count > 0 ? totalMs / count : 0;
}

export interface ChooseOptions {
  /** Called before each candidate is timed: index is 0-based, count the number of candidates. */
  onProgress?(backend: AutoBackendName, index: number, count: number): void;
  /** Checked before each candidate; true stops the measuring (chooseFastest then throws AutoCancelled). */
  cancelled?(): boolean;
  now?(): number;
}

/** The measuring was cancelled (through the protocol's `cancel`). */
export class AutoCancelled extends Error {
  constructor() {
    super('measuring cancelled');
    this.name = 'AutoCancelled';
  }
}

/**
 * Times each candidate with `time(backend, budgetMs)` (resolves with chars/s) and picks the fastest (see the
 * rules above). Returns the measurements and the winner; `key` and `measuredAt` are filled in by the caller's
 * arguments. A cancellation between candidates throws AutoCancelled.
 */
export async function chooseFastest(
  key: string,
  candidates: readonly AutoBackendName[],
  time: (backend: AutoBackendName, budgetMs: number) => Promise<number>,
  options: ChooseOptions = {},
): Promise<AutoChoice> {
  const now = options.now ?? Date.now;
  const list = [...candidates];
  if (list.length <= 1) return { key, candidates: list, measurements: [], winner: list[0], measuredAt: now() };
  const budget = budgetPerCandidate(list.length);
  const measurements: AutoMeasurement[] = [];
  let best: AutoMeasurement | undefined;
  for (let i = 0; i < list.length; i++) {
    if (options.cancelled?.()) throw new AutoCancelled();
    const backend = list[i];
    options.onProgress?.(backend, i, list.length);
    let m: AutoMeasurement;
    try {
      const charsPerSec = await time(backend, budget);
      m = charsPerSec > 0 && Number.isFinite(charsPerSec) ? { backend, ok: true, charsPerSec } : { backend, ok: false, reason: `no usable timing (${charsPerSec})` };
    } catch (err) {
      if (err instanceof AutoCancelled) throw err;
      m = { backend, ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    measurements.push(m);
    if (m.ok && (!best || (m.charsPerSec as number) > (best.charsPerSec as number))) best = m;
  }
  return { key, candidates: list, measurements, winner: best?.backend, measuredAt: now() };
}

/** Whether a kept choice was made among the same candidates (a new GPU, or a lost one, means measuring again). */
export function sameCandidates(a: readonly AutoBackendName[], b: readonly AutoBackendName[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The settings that decide a training step's speed (learning rate, clipping and seed do not). */
export interface AutoShape {
  cell: string;
  layers: number;
  hidden: number;
  input: string;
  embedding: number;
  dropout: number;
  vocabSize: number;
  seqLength: number;
  batchSize: number;
  optimizer: string;
  carryState?: boolean;
}

/** The key a choice is kept under: one per model shape, e.g. "lstm-128x1-onehot-v65-T16-B64-adam". The
 *  embedding width counts only with embedding input; dropout only as on/off; carried state (which runs
 *  the ops graph instead of the fused kernels) is part of it. */
export function autoShapeKey(s: AutoShape): string {
  const input = s.input === 'embedding' ? `emb${s.embedding}` : s.input;
  return [
    `${s.cell}-${s.hidden}x${s.layers}`,
    input,
    `v${s.vocabSize}`,
    `T${s.seqLength}`,
    `B${s.batchSize}`,
    s.optimizer,
    ...(s.dropout > 0 ? ['dropout'] : []),
    ...(s.carryState ? ['carry'] : []),
  ].join('-');
}

const NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** "WebGPU", "WASM", … */
export const backendLabel = (backend: AutoBackendName): string => NAMES[backend] ?? backend;

/**
 * The sentence for the page: "WebGPU 41,000 chars/s · WASM 9,800 → WebGPU"; a failed candidate reads
 * "WebGL failed"; a single candidate "WASM (the only hardware backend here)"; nothing usable "… → none".
 */
export function describeAutoChoice(choice: Pick<AutoChoice, 'candidates' | 'measurements' | 'winner'>): string {
  if (choice.measurements.length === 0) {
    return choice.winner ? `${backendLabel(choice.winner)} (the only hardware backend here)` : 'no hardware backend here';
  }
  const firstOk = choice.measurements.findIndex((m) => m.ok);
  const figures = choice.measurements.map((m, i) =>
    m.ok ? `${backendLabel(m.backend)} ${Math.round(m.charsPerSec as number).toLocaleString('en-US')}${i === firstOk ? ' chars/s' : ''}` : `${backendLabel(m.backend)} failed`,
  );
  return `${figures.join(' · ')} → ${choice.winner ? backendLabel(choice.winner) : 'none'}`;
}

// The learning-speed benchmark's shared pieces (`npm run bench`, keys text.valid_bits_*): how the page's
// default run and min-char-rnn are scored, the JavaScript port of min-char-rnn used where Python with NumPy
// is missing, and the summary keys.
//
// One validation measure for both (the Text lab worker's, TfjsTextEngine.evaluate, as on Stop): the whole
// validation text — the last ⌊0.05·n⌋ characters of the corpus, never trained on — cut into consecutive rows
// of 256 characters (the last row shorter), each row read from a zero state; every next-character
// prediction is counted once; the mean of −log₂ p over all of them is the figure in bits/char.
import type { CharStepper } from '../text/engine';
import { ScratchRnnEngine } from '../text/scratch';

/** The worker's evaluation row (src/core/text/tfjs/engine.ts, EVAL_ROW). */
export const VALID_ROW = 256;
/** The lab's default validation fraction (the page's corpus options). */
export const VALID_FRACTION = 0.05;
/** The wall times the benchmark reports, seconds. */
export const QUALITY_SECONDS = [90, 300] as const;

/** Mean −log₂ p(next) over `tokens`, in rows of `row` characters each from a zero state (the page's measure). */
export function validBitsInRows(stepper: CharStepper, tokens: Int32Array, row = VALID_ROW): number {
  const targets = tokens.length - 1;
  if (targets < 1) return NaN;
  let nats = 0;
  for (let i = 0; i < targets; i++) {
    if (i % row === 0) stepper.reset();
    nats -= Math.log(stepper.next(tokens[i])[tokens[i + 1]]);
  }
  return nats / targets / Math.LN2;
}

/** One checkpoint of a timed training run. */
export interface QualityPoint {
  /** The checkpoint (seconds of training wall time). */
  seconds: number;
  /** Training wall time actually elapsed when it was taken. */
  trainedSeconds: number;
  steps: number;
  /** Training characters predicted so far (steps × batch × window). */
  chars: number;
  validBits: number;
}

export interface MinCharRun {
  /** 'numpy': Karpathy's script (bench/minchar/min_char_rnn.py); 'js-port': ScratchRnnEngine with its settings. */
  implementation: 'numpy' | 'js-port';
  points: QualityPoint[];
}

/**
 * min-char-rnn's algorithm and settings on the from-scratch engine (hidden 100, window 25, batch 1,
 * Adagrad 0.1 with ε 1e-8, elementwise clip 5, one-hot input, N(0, 0.01²) weights, state carried, pointer
 * reset at the end): trains for each checkpoint's wall time (the clock stops while scoring).
 */
export async function runMinCharPort(
  train: Int32Array,
  valid: Int32Array,
  vocabSize: number,
  seconds: readonly number[],
  now: () => number = () => performance.now(),
): Promise<MinCharRun> {
  const engine = new ScratchRnnEngine(
    { cell: 'rnn', layers: 1, hidden: 100, input: 'onehot', embedding: 0, dropout: 0, vocabSize },
    { seqLength: 25, batchSize: 1, optimizer: 'adagrad', learningRate: 0.1, clipNorm: 5, seed: 0 },
    train,
  );
  const points: QualityPoint[] = [];
  let trainedMs = 0;
  let steps = 0;
  try {
    for (const s of [...seconds].sort((a, b) => a - b)) {
      while (trainedMs < s * 1000) {
        const t0 = now();
        await engine.train(50);
        trainedMs += now() - t0;
        steps += 50;
      }
      points.push({ seconds: s, trainedSeconds: trainedMs / 1000, steps, chars: steps * 25, validBits: validBitsInRows(await engine.stepper(), valid) });
    }
  } finally {
    engine.dispose();
  }
  return { implementation: 'js-port', points };
}

export interface QualitySummary {
  'text.valid_bits_90s': number | null;
  'text.valid_bits_300s': number | null;
  'text.minchar_valid_bits_90s': number | null;
  'text.minchar_valid_bits_300s': number | null;
  'text.valid_bits_90s_vs_minchar': number | null;
  'text.valid_bits_300s_vs_minchar': number | null;
  /** 'numpy' or 'js-port'. */
  'text.minchar_implementation': string | null;
}

const at = (points: readonly QualityPoint[] | undefined, s: number) => {
  const bits = points?.find((p) => p.seconds === s)?.validBits;
  return bits !== undefined && Number.isFinite(bits) ? bits : null;
};

/** The summary keys from the page's and min-char-rnn's checkpoints (null where a run is missing). */
export function qualitySummary(page: readonly QualityPoint[] | null, minchar: MinCharRun | null): QualitySummary {
  const ours90 = at(page ?? undefined, 90);
  const ours300 = at(page ?? undefined, 300);
  const ref90 = at(minchar?.points, 90);
  const ref300 = at(minchar?.points, 300);
  return {
    'text.valid_bits_90s': ours90,
    'text.valid_bits_300s': ours300,
    'text.minchar_valid_bits_90s': ref90,
    'text.minchar_valid_bits_300s': ref300,
    'text.valid_bits_90s_vs_minchar': ours90 !== null && ref90 ? ours90 / ref90 : null,
    'text.valid_bits_300s_vs_minchar': ours300 !== null && ref300 ? ours300 / ref300 : null,
    'text.minchar_implementation': minchar?.implementation ?? null,
  };
}

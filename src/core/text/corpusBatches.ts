// Training batches of B windows of T characters: inputs are tokens[o : o+T], targets tokens[o+1 : o+T+1].
//
// Two modes:
//  • 'random': every window starts at an independent uniform offset. Windows are unrelated, so engines
//    start each one from a zero state (`resetState` is always true).
//  • 'sequential': truncated BPTT over a stream, as in min-char-rnn and char-rnn. The corpus is cut into B
//    contiguous lanes of L = ⌊n / B⌋ tokens; row b reads lane b from offset p, and p advances by T each
//    call, so an engine can carry row b's hidden state from one batch to the next. Following min-char-rnn
//    exactly, p goes back to 0 (and `resetState` is true) on the first call and whenever p + T + 1 ≥ L.
//    With B = 1 the windows are exactly min-char-rnn's.
import { seededRandom, type UniformRandom } from './sampling';

export interface TokenBatch {
  /** B×T input tokens, row-major (row b = sequence b). */
  inputs: Int32Array;
  /** B×T targets: each input's next token. */
  targets: Int32Array;
  /** True when the windows do not continue the previous batch's, so carried state must be zeroed. */
  resetState: boolean;
}

export type BatchMode = 'random' | 'sequential';

export interface BatchSamplerOptions {
  batchSize: number;
  seqLength: number;
  mode: BatchMode;
  /** Source of uniform numbers in [0, 1) for 'random' mode; default seededRandom(seed). */
  rng?: UniformRandom;
  /** Seed for the default generator (default 0). */
  seed?: number;
}

export interface BatchSampler {
  readonly batchSize: number;
  readonly seqLength: number;
  readonly mode: BatchMode;
  /** A fresh batch (new arrays each call). */
  next(): TokenBatch;
}

export function createBatchSampler(tokens: Int32Array, options: BatchSamplerOptions): BatchSampler {
  const { batchSize: B, seqLength: T, mode } = options;
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`batch size must be a whole number ≥ 1, got ${B}`);
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`window length must be a whole number ≥ 1, got ${T}`);
  const n = tokens.length;

  if (mode === 'random') {
    const rng = options.rng ?? seededRandom(options.seed ?? 0);
    if (n < T + 1) throw new RangeError(`${n} tokens are too few for a window of ${T} (need ${T + 1})`);
    const offsets = n - T; // valid starts: 0 … n−T−1
    return {
      batchSize: B,
      seqLength: T,
      mode,
      next() {
        const inputs = new Int32Array(B * T);
        const targets = new Int32Array(B * T);
        for (let b = 0; b < B; b++) {
          const o = Math.min(offsets - 1, Math.floor(rng.next() * offsets));
          inputs.set(tokens.subarray(o, o + T), b * T);
          targets.set(tokens.subarray(o + 1, o + T + 1), b * T);
        }
        return { inputs, targets, resetState: true };
      },
    };
  }

  const cursor = createLaneCursor(n, B, T);
  return {
    batchSize: B,
    seqLength: T,
    mode,
    next() {
      const { starts, resetState } = cursor.next();
      const inputs = new Int32Array(B * T);
      const targets = new Int32Array(B * T);
      for (let b = 0; b < B; b++) {
        const o = starts[b];
        inputs.set(tokens.subarray(o, o + T), b * T);
        targets.set(tokens.subarray(o + 1, o + T + 1), b * T);
      }
      return { inputs, targets, resetState };
    },
  };
}

/** Window starts of the 'sequential' mode, for engines that cut the windows themselves (on a device). */
export interface LaneCursor {
  /** Lane length L = ⌊n / B⌋. */
  readonly lane: number;
  /** The next B window starts (b·L + p) and whether carried state must be zeroed first. */
  next(): { starts: Int32Array; resetState: boolean };
}

/**
 * The 'sequential' mode's positions over n tokens: B lanes of L = ⌊n / B⌋ tokens, row b at b·L + p, p += T
 * per call, back to p = 0 (resetState) on the first call and whenever p + T + 1 ≥ L — min-char-rnn's rule.
 */
export function createLaneCursor(n: number, B: number, T: number): LaneCursor {
  const lane = Math.floor(n / B);
  if (lane < T + 1) {
    throw new RangeError(
      `${n} tokens split into ${B} lanes leaves ${lane} per lane, too few for a window of ${T} (need ${T + 1}); lower the batch size or window`,
    );
  }
  let p = 0;
  let started = false;
  return {
    lane,
    next() {
      let resetState = false;
      if (!started || p + T + 1 >= lane) {
        p = 0;
        started = true;
        resetState = true;
      }
      const starts = new Int32Array(B);
      for (let b = 0; b < B; b++) starts[b] = b * lane + p;
      p += T;
      return { starts, resetState };
    },
  };
}

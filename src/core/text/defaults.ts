// The Text lab's settings with their defaults, in one place: what the page starts with, what the worker
// falls back to, and what a saved session is repaired to. The UI's allowed ranges live with the UI
// (src/labs/text/settings.ts); caps on untrusted input live in src/core/limits.ts.
import type { TextModelSpec, TextTrainSpec } from './engine';
import type { LrSchedule } from './lrSchedule';

/** How the corpus becomes tokens: characters are Unicode code points. */
export interface VocabOptions {
  /** Lower-case the text before building the vocabulary. */
  lowercase: boolean;
  /** Characters seen fewer times than this map to the unknown token. 1 keeps every character. */
  minCount: number;
}

/** The model settings the page chooses; vocabSize comes from the corpus. */
export type TextModelSettings = Omit<TextModelSpec, 'vocabSize'>;

/** Settings of the worker's training loop that can change at any time (`set-options`). */
export interface LoopOptions {
  /** Training steps per burst between yields to the message queue (1–1000). Smaller = snappier controls;
   *  a yield costs microseconds, and GPU work is not synchronised by it (only loss reads sync). */
  stepsPerBurst: number;
  /** Read the loss back every this many steps (GPU backends stall on every read). */
  lossReadEvery: number;
  /** Post a `progress` event at most this often (ms). */
  progressEveryMs: number;
  /** Generate a streamed `sample` this often while training (ms); 0 disables. */
  sampleEveryMs: number;
  sampleLength: number;
  /** 0..2; 0 = greedy (argmax). */
  sampleTemperature: number;
  /** Text fed before sampling ('' = start from a random character of the corpus; see prime.ts). */
  samplePrime: string;
  /** Evaluate validation loss this often (ms); 0 disables. */
  evalEveryMs: number;
  /** Characters of the validation split used by the periodic evaluation (the whole split on `stop`). */
  evalChars: number;
  /** Exponential smoothing of the reported training loss: smooth = β·smooth + (1−β)·loss, per read. */
  smoothing: number;
}

export const DEFAULT_LOOP_OPTIONS: LoopOptions = {
  stepsPerBurst: 1,
  lossReadEvery: 4,
  progressEveryMs: 250,
  sampleEveryMs: 4000,
  sampleLength: 200,
  sampleTemperature: 0.8,
  samplePrime: '',
  evalEveryMs: 5000,
  evalChars: 4000,
  smoothing: 0.9,
};

/** Defaults chosen to learn visibly within a minute on a 2-core machine on WASM (issue 12). WASM pays a fixed
 *  cost per time step, so a short window with a wide batch moves the most characters per second: LSTM 128 at
 *  window 16 × batch 64 ran ~81 ms/step (12.7k chars/s) against 220 ms (4.7k) at the old 64 × 16, and reached
 *  2.47 validation bits/char after the ~940 steps that fit in 90 s then, against 2.79 after the old default's
 *  ~345 (Node, WASM, the built-in corpus, whole validation text). Window 32 × batch 32: 2.54; GRU 64 × 32:
 *  2.50; a vanilla RNN 128, though 3× faster per step, learns too little per character (2.95 after 1 M chars).
 *  Carried state between windows (carryState) was measured and is worse here, so it is off (after 1,726 steps
 *  of the then default: 2.402 bits/char against 2.352 without).
 *  Adam's rate, 0.01: per character trained (deterministic with the seed, so no clock involved), validation
 *  bits/char after 0.5 M / 1 M / 2 M / 3.5 M characters were 2.61 / 2.49 / — / 2.39 at 0.02, 2.67 / 2.49 /
 *  2.41 / 2.33 at 0.015, 2.70 / 2.47 / 2.35 / 2.28 at 0.01 and 3.01 / 2.68 at 0.005 (LSTM 128). Adam's β₂ at
 *  0.99 instead of 0.999: worse (LSTM 192: 2.313 / 2.141 against 2.301 / 2.105 at the 90 s / 5 min marks).
 *
 *  The width, 256: once the WASM kernels made training fast enough (core/wasmSlices.ts, wasmRows.ts), the
 *  LSTM 128 was short of capacity. Per step (Node, WASM, seed 1, whole validation text; cosine over 5,200
 *  steps), after 1,600 / 3,000 steps: H 128 2.360 / 2.231, H 192 2.301 / 2.178, H 256 2.224 / 2.112. Speed,
 *  interleaved in one Node process: 27.8k / 21.8k / 18.3k / 12.2k chars/s for H 128 / 160 / 192 / 256. At
 *  the steps each fits in 90 s and 5 minutes at those speeds, each with a cosine ending near 5 minutes: H 192
 *  2.301 / 2.105 (batch 32 instead of 64: 2.319 / 2.114), H 256 2.289 / 2.081 — the wider model wins at both
 *  marks. The page's own figures are in the README (`npm run bench -- --only=quality`). */
export const DEFAULT_MODEL_SETTINGS: TextModelSettings = {
  cell: 'lstm',
  layers: 1,
  hidden: 256,
  input: 'embedding',
  embedding: 32,
  dropout: 0,
};

/** The rate's schedule (lrSchedule.ts): a cosine from the base rate down to a tenth of it over the first 3,600
 *  steps — what 5 minutes hold for the default LSTM 256 on a 2-core machine on WASM (~12 k chars/s, 1,024
 *  characters a step) — then a tenth. Measured per step with the LSTM 128 (deterministic, Node, WASM, seed 1,
 *  whole validation text), after 800 / 1,600 / 3,000 / 5,200 steps: 2.518 / 2.376 / 2.280 / 2.239 bits/char
 *  at a constant 0.01, 2.515 / 2.360 / 2.231 / 2.169 with a cosine over 5,200 steps, 2.501 / 2.399 / 2.273 /
 *  2.199 from 0.02 down to 0.05×; decaying over 6,400 steps or starting at 0.012 or 0.015 was no better. A
 *  visitor who trains longer keeps learning at the floor; on a faster backend the decay simply ends sooner. */
export const DEFAULT_LR_SCHEDULE: LrSchedule = { warmupSteps: 0, decay: 'cosine', decaySteps: 3600, floor: 0.1 };

export const DEFAULT_TRAIN_SPEC: TextTrainSpec = {
  seqLength: 16,
  batchSize: 64,
  optimizer: 'adam',
  learningRate: 0.01,
  clipNorm: 5,
  seed: 1,
  lrSchedule: DEFAULT_LR_SCHEDULE,
};

export const DEFAULT_VOCAB_OPTIONS: VocabOptions = { lowercase: false, minCount: 1 };

/** Fraction of the corpus (its tail) held out for validation. */
export const DEFAULT_VALID_FRACTION = 0.05;

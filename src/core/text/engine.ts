// The seam between the Text lab's training loop and its engines. The from-scratch JavaScript RNN and the
// TensorFlow.js models (RNN, GRU, LSTM on any backend) both implement TextEngine, so the worker, the CLI
// and the benchmarks drive them the same way.
import type { LrSchedule } from './lrSchedule';

export type CellType = 'rnn' | 'gru' | 'lstm';
/** Gate blocks per cell: a recurrent kernel is [in, gates·H]. Order: rnn —; gru z, r, h; lstm i, f, c, o. */
export const GATES: Record<CellType, number> = { rnn: 1, gru: 3, lstm: 4 };
export type TextOptimizer = 'adam' | 'rmsprop' | 'adagrad' | 'sgd';
export type InputEncoding = 'onehot' | 'embedding';

export interface TextModelSpec {
  cell: CellType;
  /** Stacked recurrent layers, 1–3. */
  layers: number;
  /** Hidden units per layer, 16–1024. */
  hidden: number;
  input: InputEncoding;
  /** Embedding width when input is 'embedding'. */
  embedding: number;
  /** Dropout between layers and before the output, 0 ≤ p < 1 (training only). */
  dropout: number;
  vocabSize: number;
}

export interface TextTrainSpec {
  /** BPTT window: characters unrolled per training sequence, 8–256. */
  seqLength: number;
  /** Sequences per step, 1–256. */
  batchSize: number;
  optimizer: TextOptimizer;
  learningRate: number;
  /** Clip the global gradient norm to this; 0 disables. */
  clipNorm: number;
  seed: number;
  /**
   * Truncated BPTT with carried state (TensorFlow.js engine): each batch row reads its own contiguous lane
   * of the corpus and starts each window from the state the previous window ended in, as min-char-rnn does
   * (corpusBatches.ts's 'sequential' mode). Absent or false: independent random windows from a zero state.
   */
  carryState?: boolean;
  /** Warm-up and decay of the learning rate by step, a multiplier on learningRate (lrSchedule.ts). Absent: the
   *  rate stays learningRate. */
  lrSchedule?: LrSchedule;
}

/** Outcome of a burst of training steps. */
export interface TrainBurst {
  steps: number;
  /** Predicted characters processed (steps × batch × window). */
  chars: number;
  /** Mean loss in nats per character over the burst, when it was read back; engines read it lazily. */
  loss?: number;
}

/**
 * Next-character predictor with carried state, used for generation and scoring. It runs on plain typed
 * arrays (weights synced from the engine), so producing a character costs no GPU round trip.
 */
export interface CharStepper {
  readonly vocabSize: number;
  /** Zeroes the hidden state. */
  reset(): void;
  /** Feeds one token and returns the probabilities of the next one (a view valid until the next call). */
  next(token: number): Float32Array | Float64Array;
}

/** The two engines: 'scratch' (the from-scratch JavaScript RNN) and 'tfjs' (TensorFlow.js models). */
export type EngineKind = 'scratch' | 'tfjs';

/** Thrown when the loss (or the weights) became NaN or Infinity. */
export class DivergedError extends Error {
  readonly code = 'diverged';
  constructor(message: string) {
    super(message);
    this.name = 'DivergedError';
  }
}

/** What an engine did after a diverged burst (see TextEngine.recoverFromDivergence). */
export interface DivergenceRecovery {
  /** The engine to continue with: this one, or a replacement (the caller then disposes the old one). */
  engine: TextEngine;
  /** A sentence for the user saying what was restored; '' when the engine's DivergedError already says it. */
  note: string;
}

export interface TextEngine {
  readonly kind: EngineKind;
  readonly model: TextModelSpec;
  /** Trainable parameters. */
  readonly paramCount: number;
  /**
   * Runs `steps` optimisation steps on batches drawn from the training tokens. A non-finite loss is either
   * returned (the caller throws DivergedError) or thrown as DivergedError by the engine itself.
   */
  train(steps: number): Promise<TrainBurst>;
  /** Mean loss in nats per character over `tokens` (teacher forcing, state carried, no update). */
  evaluate(tokens: Int32Array): Promise<number>;
  /** A stepper holding a copy of the current weights. */
  stepper(): Promise<CharStepper>;
  /** Changes the learning rate without resetting optimiser state (the base rate, under a schedule). */
  setLearningRate(lr: number): void;
  /** A restored model continues its learning-rate schedule from `step` (the steps it was trained for). */
  resumeAtStep?(step: number): void;
  /** Reads the loss back every this many steps; engines whose loss costs nothing to read ignore it. */
  setLossReadEvery(steps: number): void;
  /**
   * Trains on `tokens` (same vocabulary) from now on, keeping the weights. Returns the engine to use: this
   * one, or a replacement on the same weights (the caller then disposes this one). Throws when `tokens` are
   * too few for the engine's batches.
   */
  withTrainTokens(tokens: Int32Array): TextEngine;
  /**
   * After a burst diverged: puts the model back on its last good weights (or fresh ones) and says so. The
   * TensorFlow.js engine has already rolled back inside train(); the scratch engine is rebuilt here.
   */
  recoverFromDivergence(): DivergenceRecovery;
  dispose(): void;
}

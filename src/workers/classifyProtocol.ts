// The one message protocol between the Classify lab and its training worker. A worker holds any number of
// "runs" (the main network, or the gallery's seven), each with its own engine, weights and schedule.
//
// - Every request carries an `id` chosen by the page (a counter is fine) and ends with exactly ONE terminal
//   reply carrying the same `id`: `ok` once it has been applied, or `error` (with the run and a message)
//   when it could not be. `play` is answered when the training it started ends: `done`, with the reason.
// - Cancellation: `cancel` names a running `play`; its run pauses before its next burst and the play ends
//   with `done { reason: 'cancelled' }`. `cancel` gets no reply of its own; an unknown or finished id is a
//   no-op. `pause` stops a run whichever play started it; `dispose` stops it and frees it.
// - Events without an `id` describe runs, not requests: `snapshot`, `engine`, `diverged`, and `error` for a
//   failure in the training loop.
// Messages are plain structured-clone data. The page's side: src/labs/classify/classifyWorkerClient.ts.
import type { Activation, MlpParams, TrainSettings } from '../core/mlp/types';

/** From scratch (Float64Array, hand-derived backprop) or TensorFlow.js autodiff on a chosen backend. */
export type ClassifyEngineId = 'scratch' | 'tfjs-cpu' | 'tfjs-wasm' | 'tfjs-webgl' | 'tfjs-webgpu';

export interface LabelledData {
  /** N×2 row-major. */
  X: Float64Array;
  y: Int32Array;
}

export interface RunSetup {
  engine: ClassifyEngineId;
  hidden: number;
  classes: number;
  activation: Activation;
  settings: TrainSettings;
  /** Seed of the tutorial initialisation (randn/√fan-in); seed 0 gives the tutorial's own weights. */
  seed: number;
}

export interface Metrics {
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/** One point of the loss/accuracy history. Test values are NaN when there is no test set. */
export interface HistoryRow extends Metrics {
  iteration: number;
}

export type ClassifyRequest =
  /** Replaces the data of every run (drawn points changed, new preset, new split). */
  | { type: 'setData'; id: number; train: LabelledData; test: LabelledData }
  /**
   * Creates or re-creates a run with fresh weights (or the given ones), paused. `iteration` (with params)
   * resumes a checkpoint: the update count starts there instead of at 0.
   */
  | { type: 'setup'; id: number; run: string; setup: RunSetup; params?: MlpParams; iteration?: number }
  /** New learning rate, L2, batching or optimizer; the weights stay. */
  | { type: 'settings'; id: number; run: string; settings: TrainSettings }
  /**
   * Trains until paused, or until `untilIteration` is reached, at most `rate` updates per second (default:
   * as fast as the engine goes). A slow rate lets people watch the boundary form; it never changes the math.
   * Answered with `done` when this training ends; a newer `play` of the same run ends it as 'superseded'.
   */
  | { type: 'play'; id: number; run: string; untilIteration?: number; rate?: number }
  | { type: 'pause'; id: number; run: string }
  /** Exactly `count` updates, then a snapshot. */
  | { type: 'step'; id: number; run: string; count: number }
  | { type: 'dispose'; id: number; run: string }
  /** Stops the `play` request with this id (see the header). */
  | { type: 'cancel'; id: number };

/** Why a `play` ended. */
export type PlayEnd =
  /** Its run reached `untilIteration`. */
  | 'finished'
  /** A `pause` or `step` of its run. */
  | 'paused'
  | 'cancelled'
  /** A newer `play` of the same run took over. */
  | 'superseded'
  /** The loss became NaN or ±∞ (a `diverged` event says so too). */
  | 'diverged'
  /** Its run was disposed, or re-created by `setup`. */
  | 'disposed'
  /** The training loop failed (an id-less `error` event says how). */
  | 'error';

export type ClassifyEvent =
  | {
      type: 'snapshot';
      run: string;
      iteration: number;
      params: MlpParams;
      metrics: Metrics;
      /** History rows recorded since the previous snapshot of this run. */
      history: HistoryRow[];
      running: boolean;
    }
  /** Which engine and backend actually runs (a requested backend may be unavailable). */
  | { type: 'engine'; run: string; engine: ClassifyEngineId; backend: string; note?: string }
  /** The loss became NaN or ±∞: the run is paused and its weights rolled back to the last finite ones. */
  | { type: 'diverged'; run: string; iteration: number }
  /** Request `id` has been applied. */
  | { type: 'ok'; id: number }
  /** The training started by `play` request `id` ended, at update `iteration` of its run. */
  | { type: 'done'; id: number; run: string; reason: PlayEnd; iteration: number }
  /** Request `id` failed; without an id, the training loop failed (every run is then paused). */
  | { type: 'error'; id?: number; run: string; message: string };

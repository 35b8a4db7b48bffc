// The one message protocol between the Classify lab and its training worker. A worker holds any number of
// "runs" (the main network, or the gallery's seven), each with its own engine, weights and schedule.
// Cancellation: 'pause' stops a run's loop before its next burst; 'dispose' stops it and frees it.
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
  | { type: 'setData'; train: LabelledData; test: LabelledData }
  /**
   * Creates or re-creates a run with fresh weights (or the given ones), paused. `iteration` (with params)
   * resumes a checkpoint: the update count starts there instead of at 0.
   */
  | { type: 'setup'; run: string; setup: RunSetup; params?: MlpParams; iteration?: number }
  /** New learning rate, L2, batching or optimizer; the weights stay. */
  | { type: 'settings'; run: string; settings: TrainSettings }
  /**
   * Trains until paused, or until `untilIteration` is reached, at most `rate` updates per second (default:
   * as fast as the engine goes). A slow rate lets people watch the boundary form; it never changes the math.
   */
  | { type: 'play'; run: string; untilIteration?: number; rate?: number }
  | { type: 'pause'; run: string }
  /** Exactly `count` updates, then a snapshot. */
  | { type: 'step'; run: string; count: number }
  | { type: 'dispose'; run: string };

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
  | { type: 'error'; run: string; message: string };

// The "Inside the network" messages of the Text worker protocol (textProtocol.ts holds the unions and the
// rules every message follows: ids, one terminal reply, cancel). Kept apart so the core protocol reads in one
// sitting; textProtocol.ts re-exports everything here.
import type { CellType } from '../core/text/engine';
import type { ProbePattern, UnitCorrelation } from '../core/text/inside/probe';
import type { TraceChannel } from '../core/text/inside/trace';

// Foreground jobs on a copy of the current weights (like generate), so they work while training; the page
// spaces its automatic repeats so they cost training under 10% (see src/labs/text/inside/).

/** The text to look at: the first characters of the validation split (of the training text when there is
 *  none), or the page's own text (a sample, or typed in; characters outside the vocabulary are skipped). */
export type InspectSource = { kind: 'valid' } | { kind: 'text'; text: string };

/** Runs `source` (at most MAX_TRACE_CHARS = 2,000 characters) through the model from a zero state and
 *  returns one channel of one layer for every unit; with `probe`, also ranks the units by |Pearson r|
 *  with the pattern's target (`values`: a target the page computed, e.g. from a regular expression). */
export interface InspectRequest {
  type: 'inspect';
  id: number;
  source: InspectSource;
  /** 0-based. */
  layer: number;
  channel: TraceChannel;
  probe?: { pattern: ProbePattern } | { values: Float32Array };
}

export interface InspectedEvent {
  type: 'inspected';
  id: number;
  /** Training step of the weights used. */
  step: number;
  cell: CellType;
  layers: number;
  layer: number;
  channel: TraceChannel;
  hidden: number;
  /** The traced text (T code points), as the model read it. */
  text: string;
  /** Where the text came from, in words ("the first 2,000 validation characters"). */
  sourceNote: string;
  /** [T, H] row-major (transferred). */
  values: Float32Array;
  /** With `probe`: units by |r|, largest first; null when the target is constant over the text. */
  ranking?: UnitCorrelation[] | null;
  /** Milliseconds the job took (the page spaces automatic repeats by it). */
  elapsedMs: number;
}

/** ‖∂L_t/∂h^l_{t−k}‖ against k for the current weights (src/core/text/inside/timeGradients.ts). */
export interface TimeGradientsRequest {
  type: 'time-gradients';
  id: number;
  /** Largest lag, 1–100. */
  maxLag: number;
  /** Windows averaged, 1–64. */
  windows: number;
}

export interface TimeGradientsEvent {
  type: 'time-gradients-result';
  id: number;
  step: number;
  /** norms[l][k], k = 0..maxLag. */
  norms: number[][];
  /** Per layer, the mean norm of one character's loss gradient with respect to the layer's weights. */
  paramNorms: number[];
  windows: number;
  elapsedMs: number;
}

/** Trains one model per cell (same hidden size, layers, corpus, seed, training settings) for `secondsEach`,
 *  one after another, from fresh weights; the current model is untouched. Not while training. Streams
 *  `race-progress`, ends with `race-result` (or `done` cancelled). TensorFlow.js backends only. */
export interface RaceRequest {
  type: 'race';
  id: number;
  cells: CellType[];
  /** 2–120. */
  secondsEach: number;
}

/** One validation point of the racing model. */
export interface RacePoint {
  elapsedMs: number;
  /** Predicted characters seen. */
  chars: number;
  step: number;
  validLoss: number;
}

export interface RaceProgressEvent {
  type: 'race-progress';
  id: number;
  cell: CellType;
  point: RacePoint;
}

export interface RaceEntry {
  cell: CellType;
  params: number;
  points: RacePoint[];
  /** 200 characters sampled at the end (temperature 0.8, fixed seed). */
  sample: string;
}

export interface RaceResultEvent {
  type: 'race-result';
  id: number;
  hidden: number;
  layers: number;
  secondsEach: number;
  /** What the validation loss was measured on, in words. */
  validNote: string;
  entries: RaceEntry[];
}

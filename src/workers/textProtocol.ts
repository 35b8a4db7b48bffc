// The typed message protocol between the Text lab page and its Web Worker (src/workers/text.worker.ts).
// The "Inside the network" messages live in textInsideProtocol.ts (re-exported here).
// Types only, plus two helpers about messages (transferablesOf, isTerminal); defaults live in the core.
//
// Rules that hold for every message:
// - Every request carries an `id` chosen by the page (unique per worker; a counter is fine). Each request
//   ends with exactly ONE terminal reply carrying the same `id`:
//     * its result event (`ready`, `corpus`, `built`, `scores`, `exported`, `imported`, `auto-chosen`), or
//     * `ok` (requests without a payload: pause, stop, reset, set-lr, set-options, debug), or
//     * `done` (long-running requests: `train` / `resume` when their run ends, `generate`, and `score` /
//       `auto-backend` when cancelled), or
//     * `error` (with a machine-readable `code`).
//   Streaming events in between (`chunk` for generate, `progress`/`sample` for training, `auto-progress`
//   for auto-backend) are not terminal.
// - `cancel` names the id of a running request (train/resume, generate, score, auto-backend). The target stops
//   at its next check (after the current training burst, generated chunk of 32 characters, scored line, or
//   timed burst of a backend being measured) and ends with
//   `done { reason: 'cancelled' }`. `cancel` itself gets no reply; cancelling an unknown or finished id is a
//   no-op.
// - Unsolicited events have no `id`: `state`, `progress`, `sample`, and `error` without an id (divergence or
//   device loss in the middle of training; a `done` for the train request and a `state` follow).
// - Messages are plain structured-clone data. The only ArrayBuffer is `TextModelBundle.weights`: the worker
//   transfers it with `exported`, the page may transfer it with `import` (see `transferablesOf`).
// - Losses are in nats per character (natural log). bits/char = nats / ln 2; perplexity = exp(nats).
//
// Typical flow: init → set-corpus → build → train … (progress, sample) … pause / generate / score / export.

import type { LoopOptions, TextModelSettings, VocabOptions } from '../core/text/defaults';
import type { TextModelSpec, TextTrainSpec } from '../core/text/engine';
import type { LossPoint, TextModelBundle, VocabJson } from '../core/text/tfjs/bundle';
import type { EngineChoice, BackendReport, CorpusStats, LineScore, SessionPhase, TextErrorCode } from './textProtocolTypes';
import type { InspectedEvent, InspectRequest, RaceProgressEvent, RaceRequest, RaceResultEvent, TimeGradientsEvent, TimeGradientsRequest } from './textInsideProtocol';
import type { AutoBackendRequest, AutoChosenEvent, AutoProgressEvent, AutoTimings } from './textAutoProtocol';

export type { LossPoint, TextModelBundle, TextModelSidecar, VocabJson } from '../core/text/tfjs/bundle';
export type { EngineChoice, BackendName, AdapterInfo, BackendAttempt, BackendReport, WasmSetup, CorpusStats, LineScore, SessionPhase, TextErrorCode } from './textProtocolTypes';
export type { AutoBackendRequest, AutoChosenEvent, AutoProgressEvent, AutoTimings, AutoChoice, AutoMeasurement } from './textAutoProtocol';
export type { InspectSource, InspectRequest, InspectedEvent, TimeGradientsRequest, TimeGradientsEvent, RaceRequest, RacePoint, RaceProgressEvent, RaceEntry, RaceResultEvent } from './textInsideProtocol';
// The settings types live with their defaults in the core (src/core/text/defaults.ts).
export type { LoopOptions, TextModelSettings, VocabOptions } from '../core/text/defaults';

// ────────────────────────────────────────────────────────── requests (page → worker)

/** Chooses the engine/backend (see backend.ts). An explicit backend that cannot start falls back along the
 *  'auto' order; `ready.report.tried` says what failed and why. A TensorFlow.js model survives a switch between
 *  TensorFlow.js backends (its optimiser state restarts); switching to or from 'scratch' drops it. Allowed
 *  at any time (training is stopped first); the only way out of phase 'lost'. */
export interface InitRequest {
  type: 'init';
  id: number;
  engine: EngineChoice;
  /** WASM threads where the page is cross-origin isolated: 0 = one per logical core (at most 8), 1 = the
   *  single-threaded build, absent = wasmThreads.ts's DEFAULT_WASM_THREADS (the bench compares them). */
  wasmThreads?: number;
}

export interface SetCorpusRequest {
  type: 'set-corpus';
  id: number;
  text: string;
  vocab: VocabOptions;
  /** Fraction of the text (its tail) held out for validation, 0 ≤ f ≤ 0.5. */
  validFraction: number;
  /** The window and batch the corpus must serve (the page's draft): a corpus that cannot train them is
   *  refused (bad-corpus) with the reason, remarks come back in `corpus.notes` (core/text/corpusFitness.ts). */
  fit?: { seqLength: number; batchSize: number };
}

/** Builds a fresh model (random weights, seeded by train.seed) for the current corpus. Not while training. */
export interface BuildRequest {
  type: 'build';
  id: number;
  model: TextModelSettings;
  train: TextTrainSpec;
}

/** Starts (or continues) training. Ends with `done` when the run ends: reason 'paused' | 'stopped' |
 *  'cancelled' | 'limit' (maxSteps reached) | 'diverged' | 'error'. A `train` while training just replies
 *  `done { reason: 'superseded' }` for the older run and continues under the new id. */
export interface TrainRequest {
  type: 'train';
  id: number;
  /** Stop after this many more steps (default: run until paused). */
  maxSteps?: number;
}

/** Pauses training after the current step; the running train request ends with done 'paused'. */
export interface PauseRequest {
  type: 'pause';
  id: number;
}

/** Same as `train` (kept for the page's vocabulary). */
export interface ResumeRequest {
  type: 'resume';
  id: number;
  maxSteps?: number;
}

/** Ends training and evaluates the whole validation split (a final `progress` with validLoss). */
export interface StopRequest {
  type: 'stop';
  id: number;
}

/** Re-initialises the weights and optimiser (same settings and seed), clears the history. */
export interface ResetRequest {
  type: 'reset';
  id: number;
}

/** Changes the learning rate now, keeping weights and optimiser state (Adam moments etc.). */
export interface SetLearningRateRequest {
  type: 'set-lr';
  id: number;
  learningRate: number;
}

export interface SetOptionsRequest {
  type: 'set-options';
  id: number;
  options: Partial<LoopOptions>;
}

/** Streams `chunk` events, then `done { reason: 'complete' | 'cancelled' }`. Works while training (it uses
 *  a snapshot of the weights taken when it starts). */
export interface GenerateRequest {
  type: 'generate';
  id: number;
  /** Text fed to warm up the state; it is not echoed in the chunks. '' = a random corpus character. */
  prime: string;
  /** Characters to generate, 1–10000. */
  length: number;
  /** 0..2; 0 = greedy. */
  temperature: number;
  /** Seed for the sampler (default: random). */
  seed?: number;
}

/** Scores each line (negative log-likelihood, state reset per line); reply `scores`, or `done` cancelled. */
export interface ScoreRequest {
  type: 'score';
  id: number;
  lines: string[];
}

/** Reply `exported` with a TextModelBundle (its weights buffer transferred). */
export interface ExportRequest {
  type: 'export';
  id: number;
}

/** Restores a saved model (replaces the current one; not while training). Reply `imported`. */
export interface ImportRequest {
  type: 'import';
  id: number;
  bundle: TextModelBundle;
}

/** Stops the request with id `id` (train/resume, generate, score). No reply of its own. */
export interface CancelRequest {
  type: 'cancel';
  id: number;
}

/** Fault injection for tests: 'throw' raises inside the handler (→ error 'internal'); 'lose-device'
 *  simulates a lost GPU device (→ error 'device-lost', phase 'lost'); 'destroy-device' really loses it:
 *  destroys the WebGPU backend's GPUDevice under whatever is running (→ the same error, from the device's
 *  own `lost` promise; refused where the backend has no device); 'diverge' poisons the next training
 *  step with NaN (→ error 'diverged', rollback); 'crash' kills the worker (answered by text.worker.ts
 *  itself: `ok`, then an uncaught error, so the page's `worker.onerror` fires as for a real crash);
 *  'auto-timings' makes Auto use `auto`'s figures instead of timing (textAutoProtocol.ts). */
export interface DebugRequest {
  type: 'debug';
  id: number;
  action: 'throw' | 'lose-device' | 'destroy-device' | 'diverge' | 'crash' | 'auto-timings';
  auto?: AutoTimings;
}

export type TextRequest =
  | InitRequest
  | SetCorpusRequest
  | BuildRequest
  | TrainRequest
  | PauseRequest
  | ResumeRequest
  | StopRequest
  | ResetRequest
  | SetLearningRateRequest
  | SetOptionsRequest
  | GenerateRequest
  | ScoreRequest
  | ExportRequest
  | ImportRequest
  | CancelRequest
  | DebugRequest
  | InspectRequest
  | TimeGradientsRequest
  | RaceRequest
  | AutoBackendRequest;

// ────────────────────────────────────────────────────────── events (worker → page)

export interface ReadyEvent {
  type: 'ready';
  id: number;
  report: BackendReport;
}

export interface CorpusEvent {
  type: 'corpus';
  id: number;
  stats: CorpusStats;
  vocab: VocabJson;
  /** False when the new vocabulary differs from the model's: the model was dropped (phase 'empty'). */
  modelKept: boolean;
  /** Remarks on a corpus that trains but may surprise (one character, whitespace only, …), plain words. */
  notes?: string[];
}

export interface BuiltEvent {
  type: 'built';
  id: number;
  model: TextModelSpec;
  train: TextTrainSpec;
  /** Trainable parameters. */
  params: number;
  /** Loss of a uniform guess, ln(vocabSize): where the curve starts. */
  baselineLoss: number;
}

export interface OkEvent {
  type: 'ok';
  id: number;
}

export type DoneReason =
  | 'complete' //   generate finished its length
  | 'cancelled'
  | 'paused'
  | 'stopped'
  | 'limit' //      train reached maxSteps
  | 'superseded' // another train/resume took over
  | 'diverged'
  | 'error';

export interface DoneEvent {
  type: 'done';
  id: number;
  reason: DoneReason;
}

/** A piece of generated text for request `id` (code points, never split inside a surrogate pair). */
export interface ChunkEvent {
  type: 'chunk';
  id: number;
  text: string;
}

export interface ScoresEvent {
  type: 'scores';
  id: number;
  results: LineScore[];
}

export interface ExportedEvent {
  type: 'exported';
  id: number;
  bundle: TextModelBundle;
}

export interface ImportedEvent {
  type: 'imported';
  id: number;
  model: TextModelSpec;
  train: TextTrainSpec;
  vocab: VocabJson;
  step: number;
  history: LossPoint[];
  /** Stats of the held corpus re-encoded with the model's vocabulary (absent when no corpus is set). */
  stats?: CorpusStats;
}

export interface StateEvent {
  type: 'state';
  phase: SessionPhase;
  /** Optimisation steps taken by the current model. */
  step: number;
  learningRate?: number;
}

export interface ProgressEvent {
  type: 'progress';
  step: number;
  /** Smoothed training loss, nats/char (see LoopOptions.smoothing); NaN before the first loss read. */
  loss: number;
  /** The latest loss read back (mean over the steps since the previous read), nats/char; NaN before it. */
  rawLoss: number;
  /** Latest validation loss, nats/char, and the step it was measured at. */
  validLoss?: number;
  validStep?: number;
  /** Training throughput over the last few seconds (predicted characters per second). */
  charsPerSec: number;
  /** Time spent training this model (ms, pauses excluded). */
  elapsedMs: number;
  /** tf.memory().numTensors (0 for scratch): stays flat unless something leaks. */
  tensors: number;
  /** tf.memory().numBytes. */
  bytes: number;
  learningRate: number;
}

/** A periodic sample while training, streamed: same `sampleId` for its pieces, `done` on the last. */
export interface SampleEvent {
  type: 'sample';
  sampleId: number;
  /** Step at which the weights were snapshotted. */
  step: number;
  text: string;
  done: boolean;
}

export interface ErrorEvent {
  type: 'error';
  /** The request that failed; absent for failures during training (then a `state` event follows). */
  id?: number;
  code: TextErrorCode;
  message: string;
}

export type TextEvent =
  | ReadyEvent
  | CorpusEvent
  | BuiltEvent
  | OkEvent
  | DoneEvent
  | ChunkEvent
  | ScoresEvent
  | ExportedEvent
  | ImportedEvent
  | StateEvent
  | ProgressEvent
  | SampleEvent
  | ErrorEvent
  | InspectedEvent
  | TimeGradientsEvent
  | RaceProgressEvent
  | RaceResultEvent
  | AutoProgressEvent
  | AutoChosenEvent;

// ────────────────────────────────────────────────────────── helpers

/** Buffers to list in postMessage's transfer argument (so the weights move instead of being copied). */
export function transferablesOf(message: TextRequest | TextEvent): Transferable[] {
  if (message.type === 'exported' || message.type === 'import') return [message.bundle.weights];
  if (message.type === 'inspected') return [message.values.buffer as ArrayBuffer];
  return [];
}

/** Events that end a request. */
export function isTerminal(event: TextEvent): event is TextEvent & { id: number } {
  switch (event.type) {
    case 'ready':
    case 'corpus':
    case 'built':
    case 'ok':
    case 'done':
    case 'scores':
    case 'exported':
    case 'imported':
    case 'inspected':
    case 'time-gradients-result':
    case 'race-result':
    case 'auto-chosen':
      return true;
    case 'error':
      return event.id !== undefined;
    default:
      return false;
  }
}

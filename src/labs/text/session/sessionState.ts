// What the page knows about the training session, updated from worker events by a pure reducer (so it can
// be unit-tested without a worker): backend, phase, corpus stats, model, loss curves and streamed samples.
import type { TextModelSpec, TextTrainSpec } from '../../../core/text/engine';
import type {
  AutoChoice,
  BackendName,
  BackendReport,
  CorpusStats,
  EngineChoice,
  LossPoint,
  ProgressEvent,
  SampleEvent,
  SessionPhase,
  TextErrorCode,
  VocabJson,
} from '../../../workers/textProtocol';
import type { Point } from '../training/lossSeries';

/** Streamed samples kept on screen, newest first. */
export const MAX_SAMPLES = 10;
/**
 * Loss points kept per chart curve (older ones are thinned by half when the limit is reached). 1,000 is
 * more than a chart's width in pixels, and small enough that the buffer is full within minutes: after
 * that the page's memory stays flat however long training runs (the soak checks the heap).
 */
export const MAX_POINTS = 1000;

export interface Sample {
  id: number;
  step: number;
  text: string;
  done: boolean;
}

export interface ModelInfo {
  spec: TextModelSpec;
  train: TextTrainSpec;
  params?: number;
  baselineLoss?: number;
}

export type WorkerStatus = 'starting' | 'running' | 'crashed';

/** How the page is getting over a crashed worker or a lost device (see recovery.ts). */
export interface RecoveryInfo {
  /** restarting: a new worker is on its way; recovered: it runs on `backend`; failed: the restart failed
   *  (`detail` says why); gave-up: too many faults in a row, the user chooses what to do. */
  status: 'restarting' | 'recovered' | 'failed' | 'gave-up';
  /** Step of the checkpoint it continues from; undefined when there was none (the model was rebuilt fresh,
   *  or there was no model). */
  step?: number;
  backend?: string;
  /** Training was running and carries on. */
  resumed?: boolean;
  detail?: string;
}

/** A session-level problem shown above the controls (divergence, crash, device loss, failed backend). */
export interface SessionAlert {
  kind: 'diverged' | 'crashed' | 'device-lost' | 'backend-failed' | 'error';
  /** The worker's message (plain words, or a library's text that the view folds behind "details"). */
  message: string;
  /** The worker's error code, for kind 'error'. */
  code?: TextErrorCode;
  recovery?: RecoveryInfo;
}

export interface SessionState {
  worker: WorkerStatus;
  requestedEngine: EngineChoice;
  report?: BackendReport;
  /** Why an explicitly chosen backend was not used, e.g. "WEBGPU unavailable: … → using WASM". */
  fallbackNote?: string;
  phase: SessionPhase;
  step: number;
  learningRate?: number;
  corpus?: { stats: CorpusStats; vocab: VocabJson };
  model?: ModelInfo;
  progress?: ProgressEvent;
  /** [step, nats] — smoothed training loss, raw training loss, validation loss. */
  trainCurve: Point[];
  rawCurve: Point[];
  validCurve: Point[];
  /** [step, seconds of training] — the worker's clock at each progress event, for the chart's time axis. */
  clock: Point[];
  samples: Sample[];
  alert?: SessionAlert;
  /** What Auto decided for the current model shape (measured now, or `reused` from an earlier visit). */
  auto?: { choice: AutoChoice; reused: boolean };
  /** While Auto measures: the backend being timed ("Measuring WebGPU… 1/3"; index is 0-based). */
  measuring?: { backend: BackendName; index: number; count: number };
}

export const INITIAL_SESSION: SessionState = {
  worker: 'starting',
  requestedEngine: 'auto',
  phase: 'uninitialised',
  step: 0,
  trainCurve: [],
  rawCurve: [],
  validCurve: [],
  clock: [],
  samples: [],
};

export type SessionAction =
  | { type: 'starting'; engine: EngineChoice }
  | { type: 'ready'; report: BackendReport; fallbackNote?: string }
  | { type: 'crashed'; message: string }
  | { type: 'corpus'; stats: CorpusStats; vocab: VocabJson; modelKept: boolean }
  | { type: 'built'; model: ModelInfo }
  | { type: 'imported'; model: ModelInfo; step: number; history: LossPoint[]; stats?: CorpusStats; vocab: VocabJson }
  | { type: 'phase'; phase: SessionPhase; step: number; learningRate?: number }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'sample'; event: SampleEvent }
  | { type: 'alert'; alert: SessionAlert }
  | { type: 'dismiss-alert' }
  | { type: 'clear-history' }
  | { type: 'auto-progress'; backend: BackendName; index: number; count: number }
  | { type: 'auto-chosen'; choice: AutoChoice; reused: boolean; report: BackendReport }
  | { type: 'auto-ended' };

/** Appends a point, halving the resolution of the older ones when the curve is full. */
function appendPoint(points: Point[], point: Point): Point[] {
  const last = points[points.length - 1];
  if (last && last[0] === point[0]) return [...points.slice(0, -1), point];
  const next = points.length >= MAX_POINTS ? points.filter((_, i) => i % 2 === 0) : points.slice();
  next.push(point);
  return next;
}

function curvesFromHistory(history: LossPoint[]): Pick<SessionState, 'trainCurve' | 'rawCurve' | 'validCurve' | 'clock'> {
  return {
    clock: history.filter((p) => Number.isFinite(p.elapsedMs)).map((p) => [p.step, p.elapsedMs / 1000] as const),
    trainCurve: history.filter((p) => Number.isFinite(p.train)).map((p) => [p.step, p.train] as const),
    rawCurve: [],
    validCurve: history.flatMap((p) => (p.valid !== undefined && Number.isFinite(p.valid) ? [[p.step, p.valid] as const] : [])),
  };
}

function addSample(samples: Sample[], event: SampleEvent): Sample[] {
  const index = samples.findIndex((s) => s.id === event.sampleId);
  if (index >= 0) {
    const s = samples[index];
    const updated: Sample = { ...s, text: s.text + event.text, done: event.done };
    // A sample cut off before its first character (training paused) is not worth a row.
    if (updated.done && updated.text === '') return [...samples.slice(0, index), ...samples.slice(index + 1)];
    return [...samples.slice(0, index), updated, ...samples.slice(index + 1)];
  }
  if (event.done && event.text === '') return samples;
  const fresh: Sample = { id: event.sampleId, step: event.step, text: event.text, done: event.done };
  return [fresh, ...samples].slice(0, MAX_SAMPLES);
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'starting':
      return { ...state, worker: 'starting', requestedEngine: action.engine, report: undefined, fallbackNote: undefined, phase: 'uninitialised', auto: undefined, measuring: undefined };
    case 'ready':
      return { ...state, worker: 'running', report: action.report, fallbackNote: action.fallbackNote };
    case 'crashed':
      return { ...state, worker: 'crashed', alert: { kind: 'crashed', message: action.message } };
    case 'corpus':
      return action.modelKept
        ? { ...state, corpus: { stats: action.stats, vocab: action.vocab } }
        : { ...state, corpus: { stats: action.stats, vocab: action.vocab }, model: undefined, progress: undefined, step: 0, trainCurve: [], rawCurve: [], validCurve: [], clock: [], samples: [] };
    case 'built':
      return { ...state, model: action.model, step: 0, progress: undefined, trainCurve: [], rawCurve: [], validCurve: [], clock: [], samples: [], alert: undefined };
    case 'imported':
      return {
        ...state,
        model: action.model,
        step: action.step,
        progress: undefined,
        samples: [],
        alert: undefined,
        corpus: action.stats ? { stats: action.stats, vocab: action.vocab } : state.corpus,
        ...curvesFromHistory(action.history),
      };
    case 'phase':
      return { ...state, phase: action.phase, step: action.step, learningRate: action.learningRate ?? state.learningRate };
    case 'progress': {
      const e = action.event;
      const validCurve =
        e.validLoss !== undefined && e.validStep !== undefined && Number.isFinite(e.validLoss)
          ? appendPoint(state.validCurve, [e.validStep, e.validLoss])
          : state.validCurve;
      return {
        ...state,
        progress: e,
        step: Math.max(state.step, e.step),
        learningRate: e.learningRate,
        trainCurve: Number.isFinite(e.loss) ? appendPoint(state.trainCurve, [e.step, e.loss]) : state.trainCurve,
        rawCurve: Number.isFinite(e.rawLoss) ? appendPoint(state.rawCurve, [e.step, e.rawLoss]) : state.rawCurve,
        validCurve,
        clock: appendPoint(state.clock, [e.step, e.elapsedMs / 1000]),
      };
    }
    case 'sample':
      return { ...state, samples: addSample(state.samples, action.event) };
    case 'alert':
      return { ...state, alert: action.alert };
    case 'dismiss-alert':
      return { ...state, alert: undefined };
    case 'clear-history':
      return { ...state, step: 0, progress: undefined, trainCurve: [], rawCurve: [], validCurve: [], clock: [], samples: [] };
    case 'auto-progress':
      return { ...state, measuring: { backend: action.backend, index: action.index, count: action.count } };
    case 'auto-chosen':
      return { ...state, report: action.report, auto: { choice: action.choice, reused: action.reused }, measuring: undefined };
    case 'auto-ended':
      return { ...state, measuring: undefined };
  }
}

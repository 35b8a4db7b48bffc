// The typed message protocol between the Speed page (or `npm run bench`, through the page) and its worker
// (src/workers/speed.worker.ts).
//
// - `run` starts a race with an id chosen by the page. While it runs the worker posts, all with that id:
//   `started` once, `engine` when an engine has been set up (or found unavailable), `progress` at most
//   every ~150 ms, `row` for each finished (task, engine) measurement — skipped and failed ones included —
//   and exactly one terminal event: `done` (reason 'finished' or 'cancelled', with the whole report) or
//   `error` (the run could not continue, e.g. the corpus could not be fetched).
// - `cancel` names a running id. The run stops at its next check — between measurement bursts, a fraction
//   of the budget apart, though one slow step (software WebGPU) cannot be interrupted — and ends with
//   `done { reason: 'cancelled' }` carrying the rows finished so far. Cancelling an unknown id is a no-op.
// - One run at a time: a `run` while another runs is answered with `error` for the new id.
// Messages are plain structured-clone data.
import type { SpeedPlan } from '../core/bench/plan';
import type { EngineInfo, SpeedReport, SpeedRow } from '../core/bench/results';
import type { SpeedEngine } from '../core/bench/tasks';

export type { SpeedPlan } from '../core/bench/plan';
export type { EngineInfo, SpeedReport, SpeedRow } from '../core/bench/results';

/** Where the text tasks' corpus comes from: a URL the worker fetches (the page's corpus/sotu.txt) or text. */
export type CorpusSource = { url: string } | { text: string };

export interface RunRequest {
  type: 'run';
  id: number;
  plan: SpeedPlan;
  /** Needed only when the plan has text tasks. */
  corpus?: CorpusSource;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type SpeedRequest = RunRequest | CancelRequest;

export interface StartedEvent {
  type: 'started';
  id: number;
  /** Measurements planned: engines × tasks. */
  total: number;
  userAgent: string;
}

export interface EngineEvent {
  type: 'engine';
  id: number;
  info: EngineInfo;
}

export interface ProgressEvent {
  type: 'progress';
  id: number;
  /** Measurements finished. */
  done: number;
  total: number;
  engine: SpeedEngine;
  /** Label of the task being measured. */
  task: string;
}

export interface RowEvent {
  type: 'row';
  id: number;
  row: SpeedRow;
}

export interface DoneEvent {
  type: 'done';
  id: number;
  reason: 'finished' | 'cancelled';
  report: SpeedReport;
}

export interface ErrorEvent {
  type: 'error';
  id: number;
  message: string;
}

export type SpeedEvent = StartedEvent | EngineEvent | ProgressEvent | RowEvent | DoneEvent | ErrorEvent;

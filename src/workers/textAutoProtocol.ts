// The "Auto that measures" messages of the Text worker protocol (textProtocol.ts holds the unions and the rules
// every message follows: ids, one terminal reply, cancel); textProtocol.ts re-exports everything here. The
// chooser and the kept choice's shape are the core's (core/text/autoBackend.ts); the worker side is
// workers/text/autoJob.ts.
import type { AutoChoice } from '../core/text/autoBackend';
import type { TextModelSettings } from '../core/text/defaults';
import type { TextTrainSpec } from '../core/text/engine';
import type { BackendName, BackendReport } from './textProtocolTypes';

export type { AutoChoice, AutoMeasurement } from '../core/text/autoBackend';

/**
 * On 'auto': times a few training steps of this model (fresh weights, the corpus held) on each hardware
 * backend — WebGPU with its fused kernels, WebGL, WASM; software adapters and renderers stay out — for about
 * 3 s in all, then makes the fastest the running backend (a model already built moves along, as with `init`).
 * One candidate is not timed. With `cached` made among the same candidates, it is reused without timing.
 * Streams `auto-progress`; ends with `auto-chosen`, `done { reason: 'cancelled' }` (the backend that ran
 * before is back), or an error ('busy' while training; 'no-corpus'). Meanwhile other requests that need
 * the model or the corpus (all but set-options, pause, cancel, init, debug) get error 'busy'.
 */
export interface AutoBackendRequest {
  type: 'auto-backend';
  id: number;
  /** The model to time: the built model's settings, or the page's applied ones before the first build. */
  model: TextModelSettings;
  train: TextTrainSpec;
  /** The choice the page kept for this model shape (IndexedDB). */
  cached?: AutoChoice;
}

/** Before each candidate is timed: "Measuring WebGPU… 1/3" (index is 0-based). */
export interface AutoProgressEvent {
  type: 'auto-progress';
  id: number;
  backend: BackendName;
  index: number;
  count: number;
}

/** The choice made (or reused) and the backend that now runs. */
export interface AutoChosenEvent {
  type: 'auto-chosen';
  id: number;
  choice: AutoChoice;
  /** True when `cached` was reused without timing. */
  reused: boolean;
  report: BackendReport;
}

/** Debug hook (created only by a `debug` request, see debugFaults.ts). With `timings`, Auto takes these figures
 *  (chars/s, or a failure message) instead of timing, and these backends as its candidates, each after
 *  `delayMs`. With `includeSoftware`, it really times, software adapters and renderers included (so a machine
 *  without a GPU can run the timing loop on WebGPU). */
export interface AutoTimings {
  timings?: Record<string, number | string>;
  delayMs?: number;
  includeSoftware?: boolean;
}

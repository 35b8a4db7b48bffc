// When the training worker dies (an uncaught error) or loses its GPU device, the page starts a new worker on
// the same backend, re-sends the corpus, imports the last checkpoint and, if training was running, carries
// on. This file holds the policy: which engine to ask for, how long to wait, and when to stop trying
// (a fault that recurs at once would otherwise restart the worker forever).
import type { BackendReport, EngineChoice } from '../../../workers/textProtocol';

/** Wait before restarting: a GPU process that crashed usually comes back within a second or two, and the
 *  page has time to show what happened. */
export const RECOVERY_DELAY_MS = 1000;

/** At most this many automatic restarts within RECOVERY_WINDOW_MS; past it the user chooses. */
export const MAX_RECOVERIES = 3;
export const RECOVERY_WINDOW_MS = 5 * 60_000;

/** Counts automatic restarts in a sliding window. */
export class RecoveryBudget {
  private readonly times: number[] = [];
  constructor(
    private readonly max = MAX_RECOVERIES,
    private readonly windowMs = RECOVERY_WINDOW_MS,
  ) {}

  /** Takes one restart if the budget allows it at time `now` (ms). */
  take(now: number): boolean {
    while (this.times.length > 0 && now - this.times[0] >= this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}

/**
 * The engine to restart on: the backend that was running (so 'auto' does not silently move to another one),
 * else what was asked for. An explicit backend that cannot start again falls back in the worker along
 * WebGPU → WebGL → WASM → CPU, and the status line says so.
 */
export function recoveryEngine(report: BackendReport | undefined, requested: EngineChoice): EngineChoice {
  if (!report) return requested;
  return report.engine === 'scratch' ? 'scratch' : report.backend;
}

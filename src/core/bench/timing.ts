// Timing helpers shared by the Speed page's worker and `npm run bench` (Node and browser alike).
//
// A measurement is capped by TIME, not by a fixed amount of work: the same code runs on a desktop GPU, on
// WASM, and on a software WebGPU adapter 40× slower than WASM, and each must finish within its budget.
// measureRate runs one warm-up unit (shader compilation, JIT, first allocations — reported apart), then timed
// bursts whose size adapts so that a burst lasts about a fifth of the budget: few enough clock reads and
// sync points not to distort fast engines, small enough to stop near the budget on slow ones.

/** Milliseconds from a monotonic clock (performance.now exists in browsers, workers and Node ≥ 16). */
export const now = (): number => performance.now();

/** Thrown when a measurement is cancelled through its AbortSignal. */
export class CancelledError extends Error {
  readonly code = 'cancelled';
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** What every measurement takes: its timed budget, a cancel signal, a clock, a progress hook. */
export interface MeasureOptions {
  budgetMs: number;
  signal?: AbortSignal;
  clock?: () => number;
  onBurst?: (units: number, ms: number) => void;
  /**
   * Awaited between bursts so a worker can receive messages (a cancel) in the middle of a measurement:
   * resolved promises alone never let the event loop run its message queue.
   */
  yieldToEvents?: () => Promise<void>;
}

export interface RateOptions extends MeasureOptions {
  /** Never run more than this many timed units (default: unlimited). */
  maxUnits?: number;
  /** Run one unit before timing (default true). */
  warmup?: boolean;
}

export interface Rate {
  /** Timed units of work (passes, steps, characters…). */
  units: number;
  /** Their wall-clock time, ms. */
  ms: number;
  /** units / second. */
  perSecond: number;
  /** Time of the warm-up unit, ms (0 without warm-up). */
  warmupMs: number;
}

/**
 * Measures how many units per second `run(n)` achieves; `run(n)` must do n units AND wait for them to finish
 * (on GPU backends: read a result back), or the clock would time only the queueing.
 */
export async function measureRate(run: (units: number) => Promise<void> | void, options: RateOptions): Promise<Rate> {
  const clock = options.clock ?? now;
  const budget = Math.max(0, options.budgetMs);
  const maxUnits = options.maxUnits ?? Infinity;
  if (!(maxUnits >= 1)) throw new RangeError(`maxUnits must be ≥ 1, got ${maxUnits}`);
  await options.yieldToEvents?.();
  throwIfCancelled(options.signal);

  let warmupMs = 0;
  if (options.warmup ?? true) {
    const t0 = clock();
    await run(1);
    warmupMs = clock() - t0;
  }

  let units = 0;
  let ms = 0;
  let burst = 1;
  const target = budget / 5;
  while (units < maxUnits) {
    await options.yieldToEvents?.();
    throwIfCancelled(options.signal);
    const n = Math.min(burst, maxUnits - units);
    const t0 = clock();
    await run(n);
    const dt = clock() - t0;
    units += n;
    ms += dt;
    options.onBurst?.(units, ms);
    if (ms >= budget) break;
    // Next burst: aim at `target` ms, grow at most 4× per burst (the first bursts may include late JIT
    // tiers or GC), and never plan past the budget.
    const perUnit = ms / units;
    const remainingUnits = perUnit > 0 ? (budget - ms) / perUnit : Infinity;
    const wanted = perUnit > 0 ? target / perUnit : burst * 4;
    burst = Math.max(1, Math.floor(Math.min(wanted, burst * 4, Math.max(1, remainingUnits))));
  }
  return { units, ms, perSecond: ms > 0 ? (units * 1000) / ms : Infinity, warmupMs };
}

/** The p-th percentile (0..1) by nearest rank of a copy of `values`; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times one call (ms). */
export async function timeOnce(fn: () => Promise<void> | void, clock: () => number = now): Promise<number> {
  const t0 = clock();
  await fn();
  return clock() - t0;
}

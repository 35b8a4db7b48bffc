// How often the inside views repeat their worker jobs while training. Each job pauses training for its
// duration (it runs between bursts), so waiting LIVE_GAP_FACTOR times the job's own duration after it keeps
// each view's cost at most 1/(1 + factor) of training time; two live views at factor 20 stay under 10%.
export const LIVE_GAP_FACTOR = 20;
export const LIVE_MIN_GAP_MS = 3000;

/** Milliseconds to wait after a job that took `jobMs` before repeating it. */
export function liveGapMs(jobMs: number): number {
  return Math.max(LIVE_MIN_GAP_MS, LIVE_GAP_FACTOR * jobMs);
}

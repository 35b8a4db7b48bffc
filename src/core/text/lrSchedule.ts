// A learning-rate schedule by step: a linear warm-up, then a cosine decay to a floor, then the floor. It is
// a multiplier on the base rate (TextTrainSpec.learningRate), so changing the rate while training (set-lr)
// scales the whole curve. Counted in optimisation steps, never in seconds, so a seeded run is the same run
// on any machine at any speed.
//
//   factor(s) = (s + 1) / warmupSteps                                  s < warmupSteps
//             = floor + (1 − floor) · ½ (1 + cos(π · (s − w) / decaySteps))   w ≤ s < w + decaySteps
//             = floor                                                   after (or 1 when decay is 'none')
// where s counts the steps already taken (the first step is s = 0) and w = warmupSteps.
//
// The default since the page trains twice as fast (core/wasmSlices.ts): a cosine to 0.1× over the steps 5
// minutes hold for the default model, 3,600 for the LSTM 256 (DEFAULT_LR_SCHEDULE in defaults.ts, with its
// measurements). Before, at ~940 steps in 90 s, no schedule
// tried beat a constant rate by more than seed noise (2.450 against 2.470 bits/char for a decay that ended
// exactly at 90 s; warm-ups were worse); over the ~5,000 steps that 5 minutes now hold, the decay gains 0.07.

export interface LrSchedule {
  /** Steps of linear warm-up from base/warmupSteps to the base rate (0: none). */
  warmupSteps: number;
  /** 'cosine': from the base rate down to floor × base over decaySteps, then stay there. */
  decay: 'none' | 'cosine';
  decaySteps: number;
  /** Fraction of the base rate the decay ends at, in [0, 1]. */
  floor: number;
}

/** The multiplier on the base learning rate for the step after `step` steps were taken. */
export function lrFactor(schedule: LrSchedule | undefined, step: number): number {
  if (!schedule) return 1;
  const { warmupSteps: w, decay, decaySteps, floor } = schedule;
  if (step < w) return (step + 1) / w;
  if (decay === 'none') return 1;
  const t = Math.min(1, (step - w) / Math.max(1, decaySteps));
  return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * t));
}

const MAX_STEPS = 10_000_000;
const isSteps = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_STEPS;

/** Why `schedule` (from a file or a request: any JSON) is not a schedule, or null. */
export function checkLrSchedule(schedule: unknown): string | null {
  if (typeof schedule !== 'object' || schedule === null) return 'the learning-rate schedule must be an object';
  const s = schedule as Record<string, unknown>;
  if (!isSteps(s.warmupSteps)) return `warm-up steps must be a whole number in 0–${MAX_STEPS}`;
  if (s.decay !== 'none' && s.decay !== 'cosine') return "the decay must be 'none' or 'cosine'";
  if (!isSteps(s.decaySteps)) return `decay steps must be a whole number in 0–${MAX_STEPS}`;
  if (!(typeof s.floor === 'number' && s.floor >= 0 && s.floor <= 1)) return 'the floor must be a number in [0, 1]';
  return null;
}

/** The schedule in words for the page's learning-rate field ('' when there is none). */
export function describeLrSchedule(schedule: LrSchedule | undefined, baseRate: number): string {
  if (!schedule) return '';
  const parts: string[] = [];
  if (schedule.warmupSteps > 0) parts.push(`warms up over ${schedule.warmupSteps.toLocaleString('en-US')} steps`);
  if (schedule.decay === 'cosine') {
    const floorRate = Number((baseRate * schedule.floor).toPrecision(3));
    parts.push(`decays along a cosine to ${floorRate} (${schedule.floor}×) over ${schedule.decaySteps.toLocaleString('en-US')} steps`);
  }
  return parts.length ? `The rate ${parts.join(', then ')}.` : '';
}

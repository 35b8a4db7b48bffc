// Loss units for the charts and read-outs. The worker reports nats per character (natural log); bits per
// character divide by ln 2, so a uniform guess over V characters costs log2 V bits.

export type LossUnit = 'nats' | 'bits';

export type Point = readonly [number, number];

/** 1 nat = 1/ln 2 bits. */
export function convertLoss(nats: number, unit: LossUnit): number {
  return unit === 'bits' ? nats / Math.LN2 : nats;
}

export function convertPoints(points: readonly Point[], unit: LossUnit): Point[] {
  return points.map(([x, y]) => [x, convertLoss(y, unit)] as const);
}

/** What the loss chart's x-axis counts: training steps, or seconds of training (the worker's clock). */
export type LossAxis = 'step' | 'time';

/**
 * Re-expresses each point's x (a step) through `clock`, a list of [step, value] pairs increasing in step:
 * linear between clock points, held at the first and last. Used to draw the loss against seconds of training
 * (the worker's clock, pauses excluded) instead of steps. Points outside a non-empty clock keep a value; an
 * empty clock gives no points.
 */
export function rescaleX(points: readonly Point[], clock: readonly Point[]): Point[] {
  if (clock.length === 0) return [];
  const out: Point[] = [];
  let j = 0;
  for (const [step, y] of points) {
    while (j + 1 < clock.length && clock[j + 1][0] <= step) j++;
    const [s0, v0] = clock[j];
    const next = clock[j + 1];
    let x = v0;
    if (step > s0 && next) x = v0 + ((step - s0) / (next[0] - s0)) * (next[1] - v0);
    else if (step < s0) x = v0;
    out.push([x, y] as const);
  }
  return out;
}

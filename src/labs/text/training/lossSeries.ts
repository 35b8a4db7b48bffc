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

// Interleaved spiral arms, one per class (the classic hard case for small networks).
// Arm c at parameter t ∈ [0, 1): radius r = R0 + (R1 − R0)·t, angle θ = 2πc/k + TURN·t.

import { MT19937 } from '../rng/mt19937';
import { classCounts, finish, sanitize } from './generatorUtils';
import type { Dataset, GeneratorOptions, Point } from './types';

const R0 = 0.15;
const R1 = 2.1;
const TURN = 1.75 * Math.PI; // how far each arm winds, in radians

export function spirals(opts: GeneratorOptions): Dataset {
  const { count, noise, classes } = sanitize(opts, 2, 6);
  const rng = MT19937.fromAnySeed(opts.seed);
  const counts = classCounts(count, classes);
  const points: Point[] = [];
  for (let c = 0; c < classes; c++) {
    const phase = (2 * Math.PI * c) / classes;
    for (let i = 0; i < counts[c]; i++) {
      const t = rng.next();
      const r = R0 + (R1 - R0) * t;
      const theta = phase + TURN * t;
      points.push({
        x: r * Math.cos(theta) + noise * rng.normal(),
        y: r * Math.sin(theta) + noise * rng.normal(),
        label: c,
      });
    }
  }
  return finish(points, classes, rng);
}

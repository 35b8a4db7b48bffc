// Concentric rings, one per class: class 0 innermost. Not linearly separable, but separable by radius,
// so a small tanh layer has to learn a "distance from the centre" feature.

import { MT19937 } from '../rng/mt19937';
import { classCounts, finish, sanitize } from './generatorUtils';
import type { Dataset, GeneratorOptions, Point } from './types';

const OUTER_RADIUS = 2;

export function circles(opts: GeneratorOptions): Dataset {
  const { count, noise, classes } = sanitize(opts, 2, 6);
  const rng = MT19937.fromAnySeed(opts.seed);
  const counts = classCounts(count, classes);
  const points: Point[] = [];
  for (let c = 0; c < classes; c++) {
    // Radii evenly spaced up to OUTER_RADIUS: 2 rings → 1, 2; 6 rings → 1/3, 2/3, …, 2.
    const radius = (OUTER_RADIUS * (c + 1)) / classes;
    for (let i = 0; i < counts[c]; i++) {
      const angle = 2 * Math.PI * rng.next();
      // Isotropic Gaussian jitter, like sklearn's make_circles.
      points.push({
        x: radius * Math.cos(angle) + noise * rng.normal(),
        y: radius * Math.sin(angle) + noise * rng.normal(),
        label: c,
      });
    }
  }
  return finish(points, classes, rng);
}

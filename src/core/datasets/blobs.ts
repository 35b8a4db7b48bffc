// Gaussian blobs: one isotropic cluster per class, centres evenly spaced on a circle. `noise` is the
// standard deviation of each cluster, so raising it makes the classes overlap.

import { MT19937 } from '../rng/mt19937';
import { classCounts, finish, sanitize } from './generatorUtils';
import type { Dataset, GeneratorOptions, Point } from './types';

const CENTRE_RADIUS = 1.4;

export function blobs(opts: GeneratorOptions): Dataset {
  const { count, noise, classes } = sanitize(opts, 2, 6);
  const rng = MT19937.fromAnySeed(opts.seed);
  const counts = classCounts(count, classes);
  const points: Point[] = [];
  for (let c = 0; c < classes; c++) {
    // Offset by π/4 so two blobs sit on a diagonal rather than on an axis.
    const angle = Math.PI / 4 + (2 * Math.PI * c) / classes;
    const cx = CENTRE_RADIUS * Math.cos(angle);
    const cy = CENTRE_RADIUS * Math.sin(angle);
    for (let i = 0; i < counts[c]; i++) {
      points.push({ x: cx + noise * rng.normal(), y: cy + noise * rng.normal(), label: c });
    }
  }
  return finish(points, classes, rng);
}

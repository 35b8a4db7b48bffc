// The XOR pattern: label 0 in the quadrants where x·y > 0, label 1 where x·y < 0. No single line
// separates it; two hidden units suffice. Points keep a small gap from the axes (as in the TensorFlow
// Playground) so that, without noise, the classes are cleanly separated.

import { MT19937 } from '../rng/mt19937';
import { finish, sanitize } from './generatorUtils';
import type { Dataset, GeneratorOptions, Point } from './types';

const HALF_WIDTH = 2;
const GAP = 0.1;

export function xor(opts: GeneratorOptions): Dataset {
  const { count, noise } = sanitize(opts, 2, 2);
  const rng = MT19937.fromAnySeed(opts.seed);
  const points: Point[] = [];
  // Cycle through the four quadrants so each gets count/4 (±1) points.
  for (let i = 0; i < count; i++) {
    const sx = i % 2 === 0 ? 1 : -1;
    const sy = i % 4 < 2 ? 1 : -1;
    const x = sx * (GAP + (HALF_WIDTH - GAP) * rng.next());
    const y = sy * (GAP + (HALF_WIDTH - GAP) * rng.next());
    // The label is decided before noise, so noise produces genuinely mislabelled-looking points.
    points.push({ x: x + noise * rng.normal(), y: y + noise * rng.normal(), label: sx * sy > 0 ? 0 : 1 });
  }
  return finish(points, 2, rng);
}

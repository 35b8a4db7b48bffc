// Seeded train/test split.

import { MT19937 } from '../rng/mt19937';
import { shuffleInPlace } from '../rng/rng';
import type { Point } from './types';

export interface SplitOptions {
  /** Split each class separately so train and test keep the class proportions. Default false. */
  stratify?: boolean;
}

/** How many of n items go to test: round(n·fraction), but leave both sides non-empty when 0 < fraction < 1. */
function testSize(n: number, fraction: number): number {
  if (n === 0 || fraction <= 0) return 0;
  if (fraction >= 1) return n;
  const k = Math.round(n * fraction);
  if (n < 2) return k;
  return Math.min(n - 1, Math.max(1, k));
}

/**
 * Shuffles (seeded) and splits. The same points, fraction and seed always give the same split.
 * `testFraction` is clamped to [0, 1]; the input array is not modified.
 */
export function trainTestSplit(
  points: readonly Point[],
  testFraction: number,
  seed: number,
  options: SplitOptions = {},
): { train: Point[]; test: Point[] } {
  const fraction = Number.isFinite(testFraction) ? Math.min(1, Math.max(0, testFraction)) : 0;
  const rng = MT19937.fromAnySeed(seed);
  if (!options.stratify) {
    const shuffled = shuffleInPlace(points.slice(), rng);
    const k = testSize(shuffled.length, fraction);
    return { test: shuffled.slice(0, k), train: shuffled.slice(k) };
  }
  const byClass = new Map<number, Point[]>();
  for (const p of points) {
    const group = byClass.get(p.label);
    if (group) group.push(p);
    else byClass.set(p.label, [p]);
  }
  const train: Point[] = [];
  const test: Point[] = [];
  // Visit classes in label order so the result does not depend on the input's class order.
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const group = shuffleInPlace(byClass.get(label) ?? [], rng);
    const k = testSize(group.length, fraction);
    test.push(...group.slice(0, k));
    train.push(...group.slice(k));
  }
  // Mix classes again so neither side is ordered by class.
  return { train: shuffleInPlace(train, rng), test: shuffleInPlace(test, rng) };
}

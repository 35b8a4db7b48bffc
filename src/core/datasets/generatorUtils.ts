// Small pieces shared by the synthetic generators.

import type { Rng } from '../rng/rng';
import { shuffleInPlace } from '../rng/rng';
import type { Dataset, GeneratorOptions, Point } from './types';

/** Splits `count` points over `classes` as evenly as possible (the first classes get the remainder). */
export function classCounts(count: number, classes: number): number[] {
  const base = Math.floor(count / classes);
  const extra = count - base * classes;
  return Array.from({ length: classes }, (_, c) => base + (c < extra ? 1 : 0));
}

/** Clamps the requested options into a generator's valid range (whole counts, non-negative noise). */
export function sanitize(opts: GeneratorOptions, minClasses: number, maxClasses: number): GeneratorOptions {
  const classes = Math.min(maxClasses, Math.max(minClasses, Math.round(opts.classes)));
  const count = Math.max(0, Math.round(opts.count));
  const noise = Number.isFinite(opts.noise) ? Math.max(0, opts.noise) : 0;
  return { count, noise, classes, seed: opts.seed };
}

/**
 * Shuffles the points so classes are interleaved (minibatches and train/test splits then see every
 * class), and wraps them with the class count.
 */
export function finish(points: Point[], numClasses: number, rng: Rng): Dataset {
  shuffleInPlace(points, rng);
  return { points, numClasses };
}

// Two interleaving half circles, exactly as scikit-learn 1.2's `make_moons` builds them with NumPy's
// legacy generator, so `makeMoons(200, 0.2, 0)` is the tutorial's data point for point.

import { MT19937 } from '../rng/mt19937';
import { sanitize } from './generatorUtils';
import type { Dataset, GeneratorOptions, Point } from './types';

/**
 * `np.linspace(start, stop, num)` with its exact float arithmetic: step = (stop − start)/(num − 1),
 * value_i = i·step + start, and the last value set to `stop` exactly.
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 0) return out;
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * make_moons(n, noise, shuffle=True, random_state=RandomState(seed)):
 *   n_out = n // 2 points on the outer moon (cos t, sin t), t = linspace(0, π, n_out), label 0;
 *   n_in  = n − n_out on the inner moon (1 − cos t, 1 − sin t − 0.5), label 1;
 *   rows are permuted by RandomState.shuffle(arange(n)) (sklearn.utils.shuffle), then
 *   noise ~ normal(0, noise) of shape (n, 2), drawn row-major, is added.
 */
export function makeMoons(n: number, noise: number, seed: number): Dataset {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`makeMoons: n must be a non-negative integer, got ${n}`);
  const rng = MT19937.fromAnySeed(seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;

  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const labels = new Int32Array(n);
  const tOut = linspace(0, Math.PI, nOut);
  for (let i = 0; i < nOut; i++) {
    xs[i] = Math.cos(tOut[i]);
    ys[i] = Math.sin(tOut[i]);
  }
  const tIn = linspace(0, Math.PI, nIn);
  for (let i = 0; i < nIn; i++) {
    xs[nOut + i] = 1 - Math.cos(tIn[i]);
    ys[nOut + i] = 1 - Math.sin(tIn[i]) - 0.5; // evaluated left to right, as NumPy does
    labels[nOut + i] = 1;
  }

  const order = rng.permutation(n);
  const points: Point[] = new Array<Point>(n);
  for (let i = 0; i < n; i++) {
    const k = order[i];
    // Noise for row i is (normal, normal) in that order: the (n, 2) array is filled row-major.
    const dx = rng.normal(0, noise);
    const dy = rng.normal(0, noise);
    points[i] = { x: xs[k] + dx, y: ys[k] + dy, label: labels[k] };
  }
  return { points, numClasses: 2 };
}

/** Generator-shaped wrapper; moons always have two classes. */
export function moons(opts: GeneratorOptions): Dataset {
  const { count, noise, seed } = sanitize(opts, 2, 2);
  return makeMoons(count, noise, seed);
}

// Drawing characters from a model's next-character distribution, and the generation loop shared by all
// engines (anything that provides a CharStepper).
import type { CharStepper } from './engine';

/** A source of uniform numbers in [0, 1). */
export interface UniformRandom {
  next(): number;
}

/**
 * Mulberry32: a small, fast 32-bit generator — plenty for sampling text and batch offsets, seedable so
 * runs repeat. (Not the NumPy generator; exactness tests use fixed weights instead of seeds.)
 */
export function seededRandom(seed: number): UniformRandom {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Index of the largest entry; ties go to the lowest index. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Draws an index from `probs` sharpened or flattened by `temperature`:
 *   q_i ∝ p_i^(1/τ) = exp(ln p_i / τ).
 * Computed in log space with the maximum subtracted, so small τ cannot overflow or underflow everything to
 * zero. τ = 0 is the limit τ → 0: the argmax (lowest index on ties), deterministic and using no randomness.
 * τ = 1 samples the model's own distribution. Zero-probability entries are never drawn (for τ > 0).
 */
export function sampleIndex(probs: ArrayLike<number>, temperature: number, rng: UniformRandom): number {
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`temperature must be ≥ 0, got ${temperature}`);
  const n = probs.length;
  if (n === 0) throw new RangeError('cannot sample from an empty distribution');
  if (temperature === 0) return argmax(probs);

  const inv = 1 / temperature;
  let maxLog = -Infinity;
  for (let i = 0; i < n; i++) {
    const l = Math.log(probs[i]) * inv;
    if (l > maxLog) maxLog = l;
  }
  if (maxLog === -Infinity || Number.isNaN(maxLog)) return argmax(probs); // degenerate input: all zeros / NaN
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.exp(Math.log(probs[i]) * inv - maxLog);

  // Inverse-CDF draw. `last` guards the rounding case where the running sum ends just below u·total.
  const u = rng.next() * total;
  let acc = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.exp(Math.log(probs[i]) * inv - maxLog);
    if (w > 0) {
      last = i;
      acc += w;
      if (u < acc) return i;
    }
  }
  return last;
}

/**
 * Generates `length` tokens. The prime tokens are fed first (at least one is needed: the model predicts
 * the next character from the last one seen); then each sampled token is fed back in, carrying the hidden
 * state — one step per character, nothing re-run.
 *
 * State: the stepper is used as is (call `stepper.reset()` first for a fresh start). On return it has
 * consumed the prime and every generated token except the last, so to continue, pass `[lastToken]` as
 * the next prime.
 */
export function generate(
  stepper: CharStepper,
  primeTokens: ArrayLike<number>,
  length: number,
  temperature: number,
  rng: UniformRandom,
  onToken?: (token: number, probs: ArrayLike<number>) => void,
): Int32Array {
  if (primeTokens.length === 0) throw new RangeError('generate needs at least one prime token');
  let probs: ArrayLike<number> = stepper.next(primeTokens[0]);
  for (let i = 1; i < primeTokens.length; i++) probs = stepper.next(primeTokens[i]);
  const out = new Int32Array(Math.max(0, length));
  for (let i = 0; i < out.length; i++) {
    const token = sampleIndex(probs, temperature, rng);
    out[i] = token;
    onToken?.(token, probs);
    if (i + 1 < out.length) probs = stepper.next(token);
  }
  return out;
}

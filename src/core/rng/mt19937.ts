// NumPy's legacy `RandomState`, reproduced bit for bit for the calls this app needs.
//
// Why: the Classify lab replays the tutorial "Implementing a Neural Network from Scratch", whose data
// (`np.random.seed(0); make_moons(200, noise=0.20)`) and initial weights (`np.random.randn`) come from
// this generator. Matching it exactly lets our engines be checked against NumPy to the last digit.
//
// Sources of truth (numpy/random/src/legacy, mt19937, distributions.c):
//   seed(n)          init_genrand: key[0] = n; key[i] = 1812433253·(key[i−1] ^ key[i−1]>>>30) + i
//   random_sample    53-bit double: ((a >>> 5)·2^26 + (b >>> 6)) / 2^53 from two 32-bit draws
//   standard_normal  Marsaglia polar method; each accepted pair yields two normals, the second cached
//   shuffle          Fisher–Yates from the end, j = random_interval(i): mask rejection on 32-bit draws
//   randint          same masked rejection (legacy RandomState uses the masked, not Lemire, path)

import type { Rng } from './rng';
import { normalizeSeed } from './rng';

const N = 624; // state words
const M = 397; // twist offset
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 implements Rng {
  private readonly key = new Uint32Array(N);
  private pos = N;
  // Legacy Gaussian cache: the polar method makes two normals per accepted pair.
  private hasGauss = false;
  private gauss = 0;

  /** Same stream as `np.random.seed(seed)`; seed must be an integer in [0, 2^32 − 1] (NumPy raises otherwise). */
  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Builds a generator from any number (see normalizeSeed), for seeds typed by users. */
  static fromAnySeed(seed: number): MT19937 {
    return new MT19937(normalizeSeed(seed));
  }

  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`Seed must be an integer between 0 and 2**32 - 1, got ${seed}`);
    }
    const key = this.key;
    key[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = key[i - 1];
      // 32-bit wrap-around multiply: Math.imul keeps it exact (a float multiply would lose low bits).
      key[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.pos = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** Regenerates all 624 words (the "twist"). */
  private generate(): void {
    const key = this.key;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (key[kk] & UPPER_MASK) | (key[kk + 1] & LOWER_MASK);
      key[kk] = key[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (key[kk] & UPPER_MASK) | (key[kk + 1] & LOWER_MASK);
      key[kk] = key[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** Next raw 32-bit output (tempered), as an unsigned integer. */
  nextUint32(): number {
    if (this.pos === N) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `np.random.random_sample()`: uniform in [0, 1) with 53 random bits. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `np.random.standard_normal()` (legacy polar method with its cached second value). */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `np.random.normal(loc, scale)`: loc + scale · standard_normal. */
  normal(loc = 0, scale = 1): number {
    return loc + scale * this.standardNormal();
  }

  /** Uniform integer in [0, max] by mask rejection (NumPy's `random_interval`); max ≤ 2^32 − 1. */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new RangeError(`randomInterval: max must be an integer in [0, 2**32 - 1], got ${max}`);
    }
    // Smallest all-ones mask covering max; draws above max are rejected (at most ~half are).
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /**
   * `np.random.randint(low, high)`: uniform integer in [low, high); with one argument, [0, low).
   * The span high − low must be at most 2^32.
   */
  randint(low: number, high?: number): number {
    const lo = high === undefined ? 0 : low;
    const hi = high === undefined ? low : high;
    const span = hi - lo;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || span <= 0 || span > 4294967296) {
      throw new RangeError(`randint: need integers low < high with high - low <= 2**32, got [${lo}, ${hi})`);
    }
    // Full 32-bit span: NumPy returns the raw draw without rejection.
    if (span === 4294967296) return lo + this.nextUint32();
    return lo + this.randomInterval(span - 1);
  }

  /** `RandomState.shuffle(x)` for a 1-D array: in-place Fisher–Yates from the end. */
  shuffle<T>(items: { length: number; [index: number]: T }): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.randomInterval(i);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
  }

  /** `RandomState.permutation(n)`: a shuffled arange(n). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }

  // --- Rng interface ---

  next(): number {
    return this.randomSample();
  }

  int(n: number): number {
    return this.randint(n);
  }
}

/** The app-wide factory: a seeded Rng for any number a user may type. */
export function createRng(seed: number): Rng {
  return MT19937.fromAnySeed(seed);
}

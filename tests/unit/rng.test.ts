import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MT19937, createRng } from '../../src/core/rng/mt19937';
import { normalizeSeed, shuffleInPlace } from '../../src/core/rng/rng';

interface NumpyVectors {
  mt19937_seed0_uint32: number[];
  random_sample_seed0: number[];
  standard_normal_seed0: number[];
  shuffle_arange200_seed0: number[];
  after_shuffle_normal_scale0_2_first3x2: number[][];
}

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/numpy_rng_seed0.json', import.meta.url), 'utf8'),
) as NumpyVectors;

/** |a − b| / |b| (absolute when b is 0). */
function rel(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

describe('MT19937 matches NumPy legacy RandomState(0)', () => {
  it('raw 32-bit outputs', () => {
    const rng = new MT19937(0);
    for (const v of vectors.mt19937_seed0_uint32) expect(rng.nextUint32()).toBe(v);
  });

  it('random_sample (53-bit doubles) bit for bit', () => {
    const rng = new MT19937(0);
    for (const v of vectors.random_sample_seed0) expect(rng.randomSample()).toBe(v);
  });

  it('standard_normal (polar method with cached second value)', () => {
    const rng = new MT19937(0);
    // Only Math.log/sqrt could differ from C's libm, by an ulp at most.
    for (const v of vectors.standard_normal_seed0) expect(rel(rng.standardNormal(), v)).toBeLessThan(1e-15);
  });

  it('shuffle(arange(200)) and the noise drawn after it', () => {
    const rng = new MT19937(0);
    const a = Array.from({ length: 200 }, (_, i) => i);
    rng.shuffle(a);
    expect(a).toEqual(vectors.shuffle_arange200_seed0);
    for (const row of vectors.after_shuffle_normal_scale0_2_first3x2) {
      for (const v of row) expect(rel(rng.normal(0, 0.2), v)).toBeLessThan(1e-15);
    }
  });

  it('permutation(n) is the same shuffle on a typed array', () => {
    expect(Array.from(new MT19937(0).permutation(200))).toEqual(vectors.shuffle_arange200_seed0);
  });

  it('reseeding resets the stream and the Gaussian cache', () => {
    const rng = new MT19937(0);
    rng.standardNormal(); // leaves a cached value
    rng.seed(0);
    expect(rel(rng.standardNormal(), vectors.standard_normal_seed0[0])).toBeLessThan(1e-15);
  });

  it('rejects seeds NumPy rejects', () => {
    expect(() => new MT19937(-1)).toThrow(RangeError);
    expect(() => new MT19937(2 ** 32)).toThrow(RangeError);
    expect(() => new MT19937(1.5)).toThrow(RangeError);
    expect(() => new MT19937(2 ** 32 - 1)).not.toThrow();
  });
});

describe('bounded integers', () => {
  it('randomInterval stays in [0, max] and hits every value', () => {
    const rng = new MT19937(7);
    for (const max of [0, 1, 2, 5, 6, 7, 100]) {
      const seen = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        const v = rng.randomInterval(max);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(max);
        seen.add(v);
      }
      expect(seen.size).toBe(max + 1);
    }
  });

  it('randint(low, high) and randint(n) are half-open; bad ranges throw', () => {
    const rng = new MT19937(3);
    for (let i = 0; i < 1000; i++) {
      const v = rng.randint(-3, 4);
      expect(Number.isInteger(v) && v >= -3 && v < 4).toBe(true);
      const w = rng.randint(10);
      expect(Number.isInteger(w) && w >= 0 && w < 10).toBe(true);
    }
    expect(rng.randint(2 ** 32)).toBeLessThan(2 ** 32);
    expect(() => rng.randint(0)).toThrow(RangeError);
    expect(() => rng.randint(5, 5)).toThrow(RangeError);
    expect(() => rng.randint(2.5)).toThrow(RangeError);
  });
});

describe('Rng interface and seeds', () => {
  it('createRng is deterministic per seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const r = createRng(seed);
      return [r.next(), r.normal(), r.int(1000), r.next()];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('next() is in [0, 1) and roughly uniform; normal() has mean ≈ 0 and variance ≈ 1', () => {
    const r = createRng(1);
    let sum = 0;
    let nSum = 0;
    let nSq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      const z = r.normal();
      nSum += z;
      nSq += z * z;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(nSum / n)).toBeLessThan(0.03);
    expect(Math.abs(nSq / n - 1)).toBeLessThan(0.05);
  });

  it('normalizeSeed maps any number into [0, 2^32)', () => {
    expect(normalizeSeed(0)).toBe(0);
    expect(normalizeSeed(12.9)).toBe(12);
    expect(normalizeSeed(-1)).toBe(2 ** 32 - 1);
    expect(normalizeSeed(2 ** 32 + 5)).toBe(5);
    expect(normalizeSeed(Number.NaN)).toBe(0);
    expect(normalizeSeed(Infinity)).toBe(0);
    expect(() => createRng(-123.4).next()).not.toThrow();
  });

  it('shuffleInPlace is a seeded permutation', () => {
    const a = shuffleInPlace(Array.from({ length: 50 }, (_, i) => i), createRng(5));
    const b = shuffleInPlace(Array.from({ length: 50 }, (_, i) => i), createRng(5));
    expect(a).toEqual(b);
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

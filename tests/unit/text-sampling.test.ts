import { describe, expect, it } from 'vitest';
import type { CharStepper } from '../../src/core/text/engine';
import { argmax, generate, sampleIndex, seededRandom } from '../../src/core/text/sampling';

/** A bigram "model": the next-token distribution depends on the last token only; records every call. */
class TableStepper implements CharStepper {
  readonly vocabSize: number;
  readonly fed: number[] = [];
  resets = 0;
  constructor(private readonly table: number[][]) {
    this.vocabSize = table.length;
  }
  reset(): void {
    this.resets++;
  }
  next(token: number): Float64Array {
    this.fed.push(token);
    return Float64Array.from(this.table[token]);
  }
}

const noRandom = { next: () => { throw new Error('temperature 0 must not draw'); } };

describe('sampleIndex', () => {
  it('temperature 0 is the argmax, lowest index on ties, without drawing', () => {
    expect(sampleIndex([0.1, 0.6, 0.3], 0, noRandom)).toBe(1);
    expect(sampleIndex([0.4, 0.1, 0.4, 0.1], 0, noRandom)).toBe(0);
    expect(argmax([0, 0, 0])).toBe(0);
  });

  it('temperature 1 draws with the given probabilities (seeded frequencies)', () => {
    const probs = [0.5, 0.3, 0.15, 0.05, 0];
    const rng = seededRandom(42);
    const counts = new Array<number>(probs.length).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[sampleIndex(probs, 1, rng)]++;
    probs.forEach((p, i) => {
      const sd = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(counts[i] / n - p)).toBeLessThanOrEqual(4 * sd + 1e-12);
    });
    expect(counts[4]).toBe(0); // probability 0 is never drawn
  });

  it('temperature τ draws ∝ p^(1/τ)', () => {
    const probs = [0.6, 0.3, 0.1];
    const tau = 0.5;
    const w = probs.map((p) => p ** (1 / tau));
    const z = w.reduce((a, b) => a + b, 0);
    const rng = seededRandom(5);
    const counts = [0, 0, 0];
    const n = 60_000;
    for (let i = 0; i < n; i++) counts[sampleIndex(probs, tau, rng)]++;
    w.forEach((wi, i) => {
      const q = wi / z;
      expect(Math.abs(counts[i] / n - q)).toBeLessThanOrEqual(4 * Math.sqrt((q * (1 - q)) / n));
    });
  });

  it('stays finite at tiny temperatures and with tiny probabilities (log space)', () => {
    const rng = seededRandom(1);
    expect(sampleIndex([1e-300, 2e-300, 1e-310], 1e-3, rng)).toBe(1);
    expect(sampleIndex(Float32Array.of(0.2, 0.8), 1e-6, rng)).toBe(1);
    expect(() => sampleIndex([1], -1, rng)).toThrow(RangeError);
  });
});

describe('generate', () => {
  const table = [
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
  ];

  it('feeds the prime, then each sample, once each, carrying the state', () => {
    const stepper = new TableStepper(table);
    const seen: number[] = [];
    const out = generate(stepper, [2, 0], 5, 1, seededRandom(0), (t) => seen.push(t));
    expect(Array.from(out)).toEqual([1, 2, 0, 1, 2]);
    expect(seen).toEqual(Array.from(out));
    // Prime then all generated tokens but the last: no window is ever re-run.
    expect(stepper.fed).toEqual([2, 0, 1, 2, 0, 1]);
    expect(stepper.resets).toBe(0);
  });

  it('is reproducible for a seed and refuses an empty prime', () => {
    const uniform = [
      [0.25, 0.25, 0.5],
      [0.25, 0.25, 0.5],
      [0.25, 0.25, 0.5],
    ];
    const a = generate(new TableStepper(uniform), [0], 50, 1, seededRandom(11));
    const b = generate(new TableStepper(uniform), [0], 50, 1, seededRandom(11));
    expect(a).toEqual(b);
    expect(() => generate(new TableStepper(uniform), [], 5, 1, seededRandom(1))).toThrow(/prime/);
  });
});

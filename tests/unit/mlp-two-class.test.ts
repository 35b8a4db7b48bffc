// The two-class output loops in scratchPass.ts must give exactly the numbers of the general loops (the
// tutorial's reference agreement rests on it): checked against the general formulas written out here in
// the same order of operations, with toBe (bit equality), including NaN and infinite logits.
import { describe, expect, it } from 'vitest';
import { tutorialInit } from '../../src/core/mlp/params';
import { backward, forward, Workspace } from '../../src/core/mlp/scratchPass';
import type { MlpParams } from '../../src/core/mlp/types';
import { MT19937 } from '../../src/core/rng/mt19937';

const H = 4;

/** The general forward pass for one row, as scratchPass.ts writes it for any K. */
function generalProbs(p: MlpParams, x0: number, x1: number): number[] {
  const a: number[] = [];
  for (let j = 0; j < H; j++) a.push(Math.tanh(x0 * p.W1[j] + x1 * p.W1[H + j] + p.b1[j]));
  const z: number[] = [];
  let max = -Infinity;
  for (let k = 0; k < 2; k++) {
    let s = 0;
    for (let j = 0; j < H; j++) s += a[j] * p.W2[j * 2 + k];
    s += p.b2[k];
    z.push(s);
    if (s > max) max = s;
  }
  if (max === Infinity || max !== max) max = 0;
  const e = z.map((v) => Math.exp(v - max));
  const sum = 0 + e[0] + e[1];
  return e.map((v) => v / sum);
}

describe('two-class output layer', () => {
  it('matches the general loops bit for bit on random weights and inputs', () => {
    const rng = new MT19937(7);
    for (let trial = 0; trial < 50; trial++) {
      const p = tutorialInit(H, 2, rng);
      const n = 9;
      const X = new Float64Array(2 * n).map(() => (rng.next() - 0.5) * 6);
      const ws = new Workspace(n, H, 2);
      forward(p, 'tanh', X, n, ws);
      for (let i = 0; i < n; i++) {
        const want = generalProbs(p, X[2 * i], X[2 * i + 1]);
        expect(ws.probs[2 * i]).toBe(want[0]);
        expect(ws.probs[2 * i + 1]).toBe(want[1]);
      }
      // The backward pass runs its two-class loops too; the gradient must be finite and the data unchanged.
      backward(p, 'tanh', X, new Int32Array(n).map((_, i) => i % 2), n, ws);
      expect(Array.from(ws.grad.W2).every(Number.isFinite)).toBe(true);
    }
  });

  it('still lets NaN through for infinite or NaN logits', () => {
    for (const bad of [Infinity, -Infinity, NaN]) {
      const p = tutorialInit(H, 2, new MT19937(1));
      p.b2[0] = bad;
      const ws = new Workspace(1, H, 2);
      forward(p, 'tanh', new Float64Array([0.5, -0.5]), 1, ws);
      const want = generalProbs(p, 0.5, -0.5);
      expect([ws.probs[0], ws.probs[1]]).toEqual(want);
    }
  });
});

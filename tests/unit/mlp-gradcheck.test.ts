// Finite differences against the hand-derived backprop of scratchPass.ts, for every activation and K ∈ {2, 3},
// and a check that each training mode's update is −lr times the gradient of the loss it reports.
import { describe, expect, it } from 'vitest';
import { maxRelativeError, numericGradient } from '../../src/core/gradcheck';
import { cloneParams, tutorialInit, type NestedParams } from '../../src/core/mlp/params';
import { ScratchMlp } from '../../src/core/mlp/scratchMlp';
import { EpochShuffler } from '../../src/core/mlp/shuffle';
import { backward, crossEntropySum, forward, weightSquaredNorm, Workspace } from '../../src/core/mlp/scratchPass';
import { TUTORIAL_SETTINGS, type Activation, type MlpParams } from '../../src/core/mlp/types';
import { MT19937 } from '../../src/core/rng/mt19937';

const KEYS = ['W1', 'b1', 'W2', 'b2'] as const satisfies readonly (keyof NestedParams)[];

/**
 * n points with labels 0..K−1 and parameters with non-zero biases. For ReLU, points whose pre-activation
 * lies within `margin` of the kink are dropped: a central difference straddling it would measure the
 * average of the two one-sided slopes, not the derivative.
 */
function problem(act: Activation, K: number, seed: number) {
  const rng = new MT19937(seed);
  const H = 5;
  const p = tutorialInit(H, K, rng);
  for (let j = 0; j < H; j++) p.b1[j] = 0.3 * rng.normal();
  for (let k = 0; k < K; k++) p.b2[k] = 0.3 * rng.normal();
  const xs: number[] = [];
  const ys: number[] = [];
  while (ys.length < 25) {
    const x0 = 1.5 * rng.normal();
    const x1 = 1.5 * rng.normal();
    let nearKink = false;
    for (let j = 0; j < H; j++) nearKink ||= Math.abs(x0 * p.W1[j] + x1 * p.W1[H + j] + p.b1[j]) < 0.05;
    if (act === 'relu' && nearKink) continue;
    xs.push(x0, x1);
    ys.push(ys.length % K);
  }
  return { p, X: Float64Array.from(xs), y: Int32Array.from(ys) };
}

describe('hand-derived gradients match finite differences', () => {
  for (const act of ['tanh', 'relu', 'sigmoid'] as const) {
    for (const K of [2, 3]) {
      it(`${act}, K = ${K}: ∇(Σ ℓ_i + reg/2·|W|²)`, () => {
        const { p, X, y } = problem(act, K, 10 * K + act.length);
        const n = y.length;
        const reg = 0.05;
        const ws = new Workspace(n, p.hidden, K);
        const objective = () => {
          forward(p, act, X, n, ws);
          return crossEntropySum(y, n, ws) + (reg / 2) * weightSquaredNorm(p);
        };
        forward(p, act, X, n, ws);
        backward(p, act, X, y, n, ws);
        const analytic = cloneParams(ws.grad);
        for (let i = 0; i < p.W1.length; i++) analytic.W1[i] += reg * p.W1[i];
        for (let i = 0; i < p.W2.length; i++) analytic.W2[i] += reg * p.W2[i];
        for (const key of KEYS) {
          const numeric = numericGradient(objective, p[key]);
          expect(maxRelativeError(analytic[key], numeric), key).toBeLessThan(1e-6);
        }
      });
    }
  }
});

describe('each update is −lr · (scaled) gradient of the reported loss', () => {
  // For one full-batch SGD step, θ' = θ − lr·g. With 'mean', g = ∇J for the reported loss J; with 'sum'
  // (the tutorial), g = N·∇J. Checked against finite differences of ScratchMlp.loss itself.
  for (const reduction of ['sum', 'mean'] as const) {
    it(`reduction '${reduction}'`, () => {
      const { p, X, y } = problem('tanh', 3, 99);
      const n = y.length;
      const lr = 1e-3;
      const settings = { ...TUTORIAL_SETTINGS, reg: 0.2, learningRate: lr, reduction };
      const net = new ScratchMlp(p, 'tanh', settings);
      const probe = cloneParams(p);
      const J = () => {
        net.setParams(probe);
        return net.loss(X, y);
      };
      const numeric: Partial<Record<(typeof KEYS)[number], Float64Array>> = {};
      for (const key of KEYS) numeric[key] = numericGradient(J, probe[key]);
      net.setParams(p);
      net.step(X, y);
      const after: MlpParams = net.getParams();
      const scale = reduction === 'sum' ? n : 1;
      for (const key of KEYS) {
        const implied = p[key].map((v, i) => (v - after[key][i]) / lr / scale);
        expect(maxRelativeError(implied, numeric[key] as Float64Array), key).toBeLessThan(1e-6);
      }
    });
  }

  it("mini-batch 'mean': the L2 term is spread as (b/N)·reg per batch", () => {
    // One update on the first batch B (|B| = b) of the seeded epoch order must be −lr·∇J_B with
    // J_B = (Σ_{i∈B} ℓ_i + (b/N)·reg/2·|W|²) / b, i.e. the reported loss of the batch alone with reg·b/N.
    const { p, X, y } = problem('sigmoid', 2, 5);
    const n = y.length;
    const b = 8;
    const reg = 0.3;
    const lr = 1e-3;
    const order = new EpochShuffler(n, 11).order.subarray(0, b);
    const XB = Float64Array.from(Array.from(order).flatMap((i) => [X[2 * i], X[2 * i + 1]]));
    const yB = Int32Array.from(order, (i) => y[i]);
    const batchNet = new ScratchMlp(p, 'sigmoid', { ...TUTORIAL_SETTINGS, reg: (reg * b) / n });
    const probe = cloneParams(p);
    const JB = () => {
      batchNet.setParams(probe);
      return batchNet.loss(XB, yB);
    };
    const settings = { ...TUTORIAL_SETTINGS, reg, learningRate: lr, reduction: 'mean' as const, batchSize: b, shuffleSeed: 11 };
    const net = new ScratchMlp(p, 'sigmoid', settings);
    net.step(X, y);
    const after = net.getParams();
    for (const key of KEYS) {
      const numeric = numericGradient(JB, probe[key]);
      const implied = p[key].map((v, i) => (v - after[key][i]) / lr);
      expect(maxRelativeError(implied, numeric), key).toBeLessThan(1e-6);
    }
  });
});

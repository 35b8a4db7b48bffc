// Finite-difference check of the hand-written BPTT gradients (before clipping).
import { describe, expect, it } from 'vitest';
import { maxRelativeError, numericGradient } from '../../src/core/gradcheck';
import { initRnnParams, createRnnParams } from '../../src/core/text/scratch/rnnParams';
import { RnnWindow } from '../../src/core/text/scratch/rnnWindow';
import { seededRandom } from '../../src/core/text/sampling';

describe('vanilla RNN backpropagation through time', () => {
  it('matches central differences to relative error < 1e-6 (float64), carried state and biases included', () => {
    const H = 6;
    const V = 5;
    const T = 7;
    // Weights large enough (σ = 0.5) that the tanh is nonlinear and the gradients far from zero.
    const params = initRnnParams(H, V, seededRandom(3), 0.5);
    const rng = seededRandom(9);
    for (let i = 0; i < params.bh.length; i++) params.bh[i] = rng.next() - 0.5;
    for (let i = 0; i < params.by.length; i++) params.by[i] = rng.next() - 0.5;
    const inputs = Int32Array.from([0, 3, 1, 4, 4, 2, 0]);
    const targets = Int32Array.from([3, 1, 4, 4, 2, 0, 1]);
    const hStart = Float64Array.from({ length: H }, () => rng.next() - 0.5);

    const window = new RnnWindow(H, V, T);
    const loss = () => window.run(params, inputs, targets, 0, T, hStart.slice());
    const grad = createRnnParams(H, V);
    window.run(params, inputs, targets, 0, T, hStart.slice(), grad);

    const numeric = numericGradient(loss, params.theta);
    const maxAbs = grad.theta.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
    expect(maxAbs).toBeLessThan(5); // no entry would have been clipped
    expect(maxAbs).toBeGreaterThan(0.1);
    expect(maxRelativeError(grad.theta, numeric)).toBeLessThan(1e-6);
  });
});

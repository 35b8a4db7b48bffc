// Adam weight kernel: one variable's new value from its updated moments, ONE dispatch per variable.
//
// Math (per element, as tf.train.adam writes it, float32):
//   m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
//   w ← (m̂ / (√v̂ + ε)) · (−lr) + w                       (ε added to √v̂, not inside the root)
// t counts from 1 on the first update (tfjs's accBeta starts at β, not 1), so 1 − βᵗ is never 0; the two
// bias corrections arrive as f32 uniforms that fusedAdam.ts keeps exactly as tfjs keeps its float32
// accBeta scalars (multiplied by β once per step, each product rounded to float32).
// Why a dispatch per variable: a tfjs program has one output, and each variable needs its own new tensor
// (variable.assign takes it without a copy); the moments of all variables were updated in place before
// (adamMoments.ts), so this kernel only reads M.
// Inputs: W (the variable, flat), M ([m | v] of all variables). Output: the new value, [n] floats.
// Dispatch: ⌈n / 256⌉ workgroups of 256, one thread per element, guarded by n.
// Uniforms: n, at (the variable's offset in each half of M), N (half of M) (i32); negLr, epsilon,
// correction1, correction2 (f32). Reference: tf.train.adam; checked in check/optimizerChecks.ts.
import * as tf from '../../tf';
import { runProgram, uniformFields, type FusedProgram } from './program';

const WG = 256;
const FLOATS = ['negLr', 'epsilon', 'correction1', 'correction2'];
const NAMES = ['n', 'at', 'N', ...FLOATS];

function weightsProgram(n: number): FusedProgram {
  const body = `
  fn main(index : i32) {
    if (index >= uniforms.n) { return; }
    let k = uniforms.at + index;
    let mHat = M[k] / uniforms.correction1;
    let vHat = M[uniforms.N + k] / uniforms.correction2;
    result[index] = (mHat / (sqrt(vHat) + uniforms.epsilon)) * uniforms.negLr + W[index];
  }`;
  return {
    outputShape: [n],
    shaderKey: 'fusedAdamWeights',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(n / WG), 1, 1],
    variableNames: ['W', 'M'],
    workgroupSize: [WG, 1, 1],
    uniforms: uniformFields(NAMES, FLOATS),
    uniformNames: NAMES,
    floatUniforms: FLOATS,
    size: false,
    getUserCode: () => body,
  };
}

export interface WeightStep {
  learningRate: number;
  epsilon: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ, float32. */
  correction1: number;
  correction2: number;
}

/** The variable's new value (same shape) from M = [m | v] (2·N floats) at offset `at`. */
export function adamWeights(w: tf.Tensor, M: tf.Tensor1D, at: number, step: WeightStep): tf.Tensor {
  const uniforms = { n: w.size, at, N: M.size / 2, negLr: -step.learningRate, epsilon: step.epsilon, correction1: step.correction1, correction2: step.correction2 };
  return tf.reshape(runProgram(weightsProgram(w.size), [w, M], uniforms), w.shape);
}

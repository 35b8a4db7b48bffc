// Adam moments kernel: gradient clipping by global norm and both moment updates of up to MAX_GRADS
// variables, in place, in ONE dispatch.
//
// Math (per element; every constant float32 exactly as tf.train.adam and the engine's tfjs clipping use it):
//   scale = clip / max(√(Σ_i SQ[i]), clip)      (clip > 0; else scale = 1 and g is used as is)
//   g ← g · scale
//   m ← m · β1 + g · (1 − β1)
//   v ← v · β2 + g² · (1 − β2)
// (1 − β1) and (1 − β2) come as uniforms computed in float64 then rounded, as tfjs rounds the JS number
// 1 − β; computing them in f32 on the device would round differently (1 − f32(0.9) ≠ f32(1 − 0.9)).
// Buffer M (the output, read and written in place, owned by fusedAdam.ts): [m of every variable | v of
// every variable], 2·N floats, variable i's elements at offset o_i in each half. M is created as zeros:
// the kernel reads m and v before writing them, so an uninitialised buffer (tfjs recycles buffers) would
// put garbage — often NaN — into the first step.
// Inputs: G_0 … G_{k−1} (the gradients, flat), SQ (the per-gradient Σ g² of tensorSums.ts; read only when
// clip > 0). Dispatch: ⌈Σ n_i / 256⌉ workgroups of 256, one thread per element; threads past the end
// return before touching M. Uniforms: N, total (Σ n_i), nSq, o0 … , n0 … (i32); clip, beta1, beta2, oneMinusBeta1,
// oneMinusBeta2 (f32).
// Reference: tf.train.adam's applyGradients after the engine's clipping ops; checked in check/optimizerChecks.ts.
import * as tf from '../../tf';
import { runProgram, uniformFields, type FusedProgram } from './program';

const WG = 256;

/** Gradients per dispatch: 8 storage buffers per stage, minus the output and SQ. */
export const MAX_GRADS = 6;

const FLOATS = ['clip', 'beta1', 'beta2', 'oneMinusBeta1', 'oneMinusBeta2'];

function momentsProgram(k: number, length: number, total: number): FusedProgram {
  // total (Σ n_i) sets the dispatch size only; the kernel reads it as a uniform, so one pipeline serves every model.
  const names = Array.from({ length: k }, (_, i) => `G${i}`);
  const uniformNames = ['N', 'total', 'nSq', ...names.map((_, i) => `o${i}`), ...names.map((_, i) => `n${i}`), ...FLOATS];
  // Element e of this dispatch belongs to the first gradient whose running length passes it.
  const pick = names
    .map((name, i) => `if (e < uniforms.n${i}) { g = ${name}[e]; at = uniforms.o${i} + e; } else { e -= uniforms.n${i};`)
    .join('\n      ');
  const body = `
  fn main(index : i32) {
    if (index >= uniforms.total) { return; }
    var e = index;
    var g = 0.0;
    var at = -1;
    ${pick}${'}'.repeat(k)}
    if (at < 0) { return; }
    if (uniforms.clip > 0.0) {
      var sq = 0.0;
      for (var i = 0; i < uniforms.nSq; i++) { sq += SQ[i]; }
      g = g * (uniforms.clip / max(sqrt(sq), uniforms.clip));
    }
    let N = uniforms.N;
    result[at] = result[at] * uniforms.beta1 + g * uniforms.oneMinusBeta1;
    result[N + at] = result[N + at] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2;
  }`;
  return {
    outputShape: [length],
    shaderKey: `fusedAdamMoments_${k}`,
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(total / WG), 1, 1],
    variableNames: [...names, 'SQ'],
    workgroupSize: [WG, 1, 1],
    uniforms: uniformFields(uniformNames, FLOATS),
    uniformNames,
    floatUniforms: FLOATS,
    size: false,
    getUserCode: () => body,
  };
}

export interface MomentsStep {
  /** The gradients, flat, and each one's offset in the moments' halves. */
  grads: readonly tf.Tensor[];
  offsets: readonly number[];
  /** Σ g² per gradient (tensorSums), or null without clipping. */
  squares: tf.Tensor | null;
  clip: number;
  beta1: number;
  beta2: number;
}

/**
 * Updates M = [m | v] (2·N floats) in place from the gradients: ⌈k / MAX_GRADS⌉ dispatches. `squares` is
 * passed to every dispatch (the global norm needs all of it); without clipping a one-float stand-in is read.
 */
export function updateMoments(M: tf.Tensor1D, step: MomentsStep, noSquares: tf.Tensor): void {
  const N = M.size / 2;
  const squares = step.clip > 0 && step.squares ? step.squares : noSquares;
  for (let first = 0; first < step.grads.length; first += MAX_GRADS) {
    const grads = step.grads.slice(first, first + MAX_GRADS);
    const total = grads.reduce((s, g) => s + g.size, 0);
    const uniforms: Record<string, number> = {
      N,
      total,
      nSq: squares.size,
      clip: step.clip > 0 ? step.clip : 0,
      beta1: step.beta1,
      beta2: step.beta2,
      oneMinusBeta1: 1 - step.beta1,
      oneMinusBeta2: 1 - step.beta2,
    };
    grads.forEach((g, i) => {
      uniforms[`o${i}`] = step.offsets[first + i];
      uniforms[`n${i}`] = g.size;
    });
    runProgram(momentsProgram(grads.length, M.size, total), [...grads, squares], uniforms, M);
  }
}

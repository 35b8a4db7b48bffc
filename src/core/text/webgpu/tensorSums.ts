// Per-tensor sums kernel: Σ x² (or Σ x) of each of up to MAX_INPUTS tensors, ONE dispatch for all of them.
//
// Math: out[first + i] = Σ_j X_i[j]²   (or Σ_j X_i[j] for the inputs marked plain)
// Used twice per training step on the fused path instead of a square and a sum per tensor:
//   clipping   ‖g‖² = Σ_i out[i] over every gradient (fusedAdam.ts reads the sums on the device)
//   loss read  [Σ losses, ‖θ_0‖², ‖θ_1‖², …] in one buffer, so the engine's every-few-steps read-back of
//              the loss and the divergence check (‖θ‖² finite) costs one dispatch and one read.
// Inputs: X_0 … X_{k−1} (any shapes, float32, read flat). Output: [length] floats, of which [first, first + k)
// are written (several dispatches continue one buffer when there are more than MAX_INPUTS tensors).
// Dispatch: [k, 1, 1] — workgroup i sums tensor i: thread l adds elements l, l + WG, …, then a tree
// reduction in workgroup memory. The barriers sit outside every data-dependent branch (uniform control
// flow), and threads past a tensor's length add nothing, so any length works with any workgroup size.
// Uniforms: first, n0 … n{k−1} (lengths). Reference: tf.sum(tf.square(x)) per tensor; checked in
// check/optimizerChecks.ts (the clipped Adam runs through it).
import * as tf from '../../tf';
import { runProgram, uniformFields, type FusedProgram } from './program';

const WG = 256;

/** Inputs per dispatch: WebGPU guarantees 8 storage buffers per shader stage, one of them the output. */
export const MAX_INPUTS = 7;

function sumsProgram(k: number, plain: readonly boolean[], length: number): FusedProgram {
  const names = Array.from({ length: k }, (_, i) => `X${i}`);
  const uniformNames = ['first', ...names.map((_, i) => `n${i}`)];
  const branches = names
    .map((name, i) => {
      const term = plain[i] ? `${name}[j]` : `${name}[j] * ${name}[j]`;
      return `if (w == ${i}) { for (var j = lid; j < uniforms.n${i}; j += WG) { s += ${term}; } }`;
    })
    .join('\n    else ');
  const body = `
  const WG = ${WG};
  var<workgroup> partial : array<f32, ${WG}>;
  fn main(index : i32) {
    let w = i32(workgroupId.x);
    let lid = i32(localId.x);
    var s = 0.0;
    ${branches}
    partial[lid] = s;
    workgroupBarrier();
    for (var half = WG / 2; half > 0; half = half / 2) {
      if (lid < half) { partial[lid] += partial[lid + half]; }
      workgroupBarrier();
    }
    if (lid == 0) { result[uniforms.first + w] = partial[0]; }
  }`;
  return {
    outputShape: [length],
    shaderKey: `fusedTensorSums_${plain.map((p) => (p ? 'p' : 's')).join('')}`,
    dispatchLayout: { x: [0] },
    dispatch: [k, 1, 1],
    variableNames: names,
    workgroupSize: [WG, 1, 1],
    uniforms: uniformFields(uniformNames),
    uniformNames,
    size: false,
    getUserCode: () => body,
  };
}

/**
 * [Σ x² of each tensor] (Σ x for those with plain[i] true), in input order, as ⌈n / MAX_INPUTS⌉ dispatches
 * writing one buffer. WebGPU backend only.
 */
export function tensorSums(tensors: readonly tf.Tensor[], plain: readonly boolean[] = []): tf.Tensor1D {
  if (!tensors.length) throw new Error('tensorSums needs at least one tensor');
  let out: tf.Tensor1D | undefined;
  for (let first = 0; first < tensors.length; first += MAX_INPUTS) {
    const chunk = tensors.slice(first, first + MAX_INPUTS);
    const flags = chunk.map((_, i) => plain[first + i] === true);
    const uniforms: Record<string, number> = { first };
    chunk.forEach((t, i) => (uniforms[`n${i}`] = t.size));
    out = runProgram(sumsProgram(chunk.length, flags, tensors.length), [...chunk], uniforms, out);
  }
  return out as tf.Tensor1D;
}

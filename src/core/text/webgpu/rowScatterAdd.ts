// Row scatter-add kernel: the gradient of a row lookup (x_n = P[ids_n]), as ONE dispatch.
//
// Math: dP[v, :] = Σ_{n : ids_n = v} dX[n, :]        dX [N, D], ids [N] int32 in 0 … V−1 → dP [V, D]
// TensorFlow.js ops compute this as oneHot(ids)ᵀ · dX, a [V, N]·[N, D] product: V·N·D multiply-adds
// (46 M for the default LSTM's first layer, V 89, N 1,024, D 512), almost all of them by zero. Here thread c
// owns column c of dP: it zeroes it, then walks the N rows once adding dX[n, c] into row ids_n — N·D adds,
// no two threads touching the same float, so no atomics.
// Dispatch: ⌈D / 64⌉ workgroups of 64 threads, one per column. Uniforms: N, V, D.
// Reference: rowLookup's gradient in tfjs/unrolled.ts (oneHotᵀ · dy); checked in check/fusedChecks.ts
// (the first layer of every agreement case goes through it).
import * as tf from '../../tf';
import { runProgram, type FusedProgram } from './program';

const WG = 64;

function scatterProgram(V: number, D: number): FusedProgram {
  const body = `
  fn main(index : i32) {
    let c = index;
    let D = uniforms.D;
    if (c >= D) { return; }
    for (var v = 0; v < uniforms.V; v++) { result[v * D + c] = 0.0; }
    for (var n = 0; n < uniforms.N; n++) {
      let v = IDS[n];
      result[v * D + c] += DX[n * D + c];
    }
  }`;
  return {
    outputShape: [V * D],
    shaderKey: 'fusedRowScatterAdd',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(D / WG), 1, 1],
    variableNames: ['IDS', 'DX'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'N : i32, V : i32, D : i32,',
    uniformNames: ['N', 'V', 'D'],
    size: false,
    getUserCode: () => body,
  };
}

/** dP [V, D] = Σ over rows n with ids[n] = v of dX[n, :]. WebGPU backend only. */
export function rowScatterAdd(ids: tf.Tensor1D, dX: tf.Tensor2D, V: number): tf.Tensor2D {
  const [N, D] = dX.shape;
  const int = ids.dtype === 'int32' ? ids : tf.cast(ids, 'int32');
  return tf.reshape(runProgram(scatterProgram(V, D), [int, dX], { N, V, D }), [V, D]);
}

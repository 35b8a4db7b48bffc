// Matrix transpose as one plain dispatch: out [C, R] = inᵀ for in [R, C], one thread per output element,
// no workgroup memory. The backward kernels read Uᵀ [G·H, H]; TensorFlow.js's WebGPU transpose tiles
// through workgroup memory with a barrier, which the software adapter runs slowly (75–320 ms for U [128,
// 512] of the default LSTM in tf.profile of a fused step; the numbers in check/fusedChecks.ts's timing suite).
// Dispatch: ⌈R·C / 64⌉ workgroups of 64; thread o = c·R + r (neighbouring threads write neighbouring
// floats). Uniforms: R, C.
// Reference: tf.transpose; checked in check/fusedChecks.ts (every ∂U and ∂x of the agreement cases).
import * as tf from '../../tf';
import { runProgram, type FusedProgram } from './program';

const WG = 64;

function transposeProgram(R: number, C: number): FusedProgram {
  const body = `
  fn main(index : i32) {
    let R = uniforms.R;
    let C = uniforms.C;
    if (index >= R * C) { return; }
    let c = index / R;
    let r = index % R;
    result[index] = X[r * C + c];
  }`;
  return {
    outputShape: [R * C],
    shaderKey: 'fusedTranspose',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil((R * C) / WG), 1, 1],
    variableNames: ['X'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'R : i32, C : i32,',
    uniformNames: ['R', 'C'],
    size: false,
    getUserCode: () => body,
  };
}

/** xᵀ [C, R] of x [R, C], one dispatch. WebGPU backend only. */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [R, C] = x.shape;
  return tf.reshape(runProgram(transposeProgram(R, C), [x], { R, C }), [C, R]);
}

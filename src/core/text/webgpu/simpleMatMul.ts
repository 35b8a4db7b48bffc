// Plain matrix product kernels for the fused path's whole-window products: C = A·B, Aᵀ·B or A·Bᵀ, one
// thread per output element (per four neighbouring outputs, read as vec4, when B's rows allow it).
//
// Why not tf.matMul? TensorFlow.js's WebGPU matmul tiles through workgroup memory with a barrier per tile,
// which the software adapter runs slowly, and it falls back to scalar code for widths like the vocabulary
// (89): measured in a default LSTM 128 step, 150–260 ms for each of the output layer's three [1,024 × 128 ×
// 89] products and 460–600 ms for ∂U, against about half that here. On a real GPU these products are tiny
// (≤ 67 M multiply-adds) and a plain kernel is within a small factor of a tiled one.
// Layouts (row-major): 'nn' A [M, K], B [K, N]; 'tn' A [K, M], B [K, N]; 'nt' A [M, K], B [N, K]; C [M, N].
// Dispatch: ⌈M·N′ / 64⌉ workgroups of 64, N′ = N (or N / 4 with vec4: 'nn'/'tn' and N % 4 = 0); thread
// (i, j′) with j′ fastest, so neighbouring threads read neighbouring floats of B. Uniforms: M, N, K.
// Reference: tf.matMul(a, b, transposeA, transposeB); checked in check/fusedChecks.ts (the output layer, the
// embedding table and ∂U of every agreement case).
import * as tf from '@tensorflow/tfjs';
import { runProgram, type FusedProgram } from './program';

export type Orientation = 'nn' | 'tn' | 'nt';

const WG = 64;

function matMulProgram(orientation: Orientation, M: number, N: number, vec4: boolean): FusedProgram {
  const a = orientation === 'tn' ? 'A[k * M + i]' : 'A[i * K + k]';
  const width = vec4 ? N / 4 : N;
  const b = vec4 ? 'B[k * NQ + q]' : orientation === 'nt' ? 'B[q * K + k]' : 'B[k * N + q]';
  const store = vec4
    ? 'let o = i * N + 4 * q; result[o] = acc.x; result[o + 1] = acc.y; result[o + 2] = acc.z; result[o + 3] = acc.w;'
    : 'result[i * N + q] = acc;';
  const body = `
  fn main(index : i32) {
    let M = uniforms.M;
    let N = uniforms.N;
    let K = uniforms.K;
    let NQ = ${vec4 ? 'N / 4' : 'N'};
    if (index >= M * NQ) { return; }
    let i = index / NQ;
    let q = index % NQ;
    var acc = ${vec4 ? 'vec4<f32>(0.0)' : '0.0'};
    for (var k = 0; k < K; k++) {
      acc += ${a} * ${b};
    }
    ${store}
  }`;
  return {
    outputShape: [M * N],
    shaderKey: `fusedMatMul_${orientation}${vec4 ? '_vec4' : ''}`,
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil((M * width) / WG), 1, 1],
    variableNames: ['A', 'B'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'M : i32, N : i32, K : i32,',
    uniformNames: ['M', 'N', 'K'],
    size: false,
    variableComponents: [1, vec4 ? 4 : 1],
    getUserCode: () => body,
  };
}

/** op(A)·op(B) as one dispatch (see the header for the orientations). WebGPU backend only. */
export function simpleMatMul(A: tf.Tensor2D, B: tf.Tensor2D, orientation: Orientation = 'nn'): tf.Tensor2D {
  const [M, K] = orientation === 'tn' ? [A.shape[1], A.shape[0]] : A.shape;
  const N = orientation === 'nt' ? B.shape[0] : B.shape[1];
  const vec4 = orientation !== 'nt' && N % 4 === 0;
  return tf.reshape(runProgram(matMulProgram(orientation, M, N, vec4), [A, B], { M, N, K }), [M, N]);
}

/** a [M, K] · b [K, N], differentiable: ∂a = dy·bᵀ, ∂b = aᵀ·dy, all three as simpleMatMul kernels. */
export function fusedMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: simpleMatMul(x, w, 'nn'),
      gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [
        simpleMatMul(dy as tf.Tensor2D, ws as tf.Tensor2D, 'nt'),
        simpleMatMul(xs as tf.Tensor2D, dy as tf.Tensor2D, 'tn'),
      ],
    };
  });
  return op(a, b) as tf.Tensor2D;
}

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
import * as tf from '../../tf';
import { runProgram, type FusedProgram } from './program';

export type Orientation = 'nn' | 'tn' | 'nt';

const WG = 64;

function matMulProgram(orientation: Orientation, M: number, N: number, vec4: boolean): FusedProgram {
  const a = orientation === 'tn' ? 'A[k * M + i]' : 'A[i * K + k]';
  // With vec4, a thread computes P quads (P = 4 when N is a multiple of 16): one A element feeds 4·P
  // multiply-adds; the accumulators are separate variables (a private array indexed in the loop is slow).
  const P = vec4 && N % 16 === 0 ? 4 : 1;
  const width = vec4 ? N / 4 / P : N;
  const quads = Array.from({ length: P }, (_, p) => p);
  const body = vec4
    ? `
  fn main(index : i32) {
    let M = uniforms.M;
    let N = uniforms.N;
    let K = uniforms.K;
    let NQ = N / 4;
    let W = NQ / ${P};
    if (index >= M * W) { return; }
    let i = index / W;
    let q = (index % W) * ${P};
    ${quads.map((p) => `var acc${p} = vec4<f32>(0.0);`).join(' ')}
    for (var k = 0; k < K; k++) {
      let x = ${a};
      let u = k * NQ + q;
      ${quads.map((p) => `acc${p} += x * B[u + ${p}];`).join(' ')}
    }
    ${quads.map((p) => `let o${p} = i * N + 4 * (q + ${p}); result[o${p}] = acc${p}.x; result[o${p} + 1] = acc${p}.y; result[o${p} + 2] = acc${p}.z; result[o${p} + 3] = acc${p}.w;`).join(' ')}
  }`
    : `
  fn main(index : i32) {
    let M = uniforms.M;
    let N = uniforms.N;
    let K = uniforms.K;
    if (index >= M * N) { return; }
    let i = index / N;
    let q = index % N;
    var acc = 0.0;
    for (var k = 0; k < K; k++) {
      acc += ${a} * ${orientation === 'nt' ? 'B[q * K + k]' : 'B[k * N + q]'};
    }
    result[i * N + q] = acc;
  }`;
  return {
    outputShape: [M * N],
    shaderKey: `fusedMatMul_${orientation}${vec4 ? `_vec4x${P}` : ''}`,
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

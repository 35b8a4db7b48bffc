// Fused softmax cross-entropy kernel: the loss of every row AND its gradient in ONE dispatch.
//
// Math, per row n of logits L [N, V] with target y_n (lse = logsumexp, max subtracted first):
//   loss_n = lse(L_n) − L_n[y_n]
//   ∂loss_n/∂L_n[v] = softmax(L_n)[v] − [v = y_n], written scaled by `scale` (1/N for a mean loss)
// Inputs: L [N, V] float32, Y [N] int32. Output (packed): grad [N·V] then loss [N].
// Dispatch: ⌈N / 64⌉ workgroups of 64 threads, one thread per row (three passes over its V logits;
// vocabularies are small). Uniforms: N, V, lossOffset (= N·V); scale is a float uniform.
// Around it, two small kernels replace tfjs glue ops: the loss Σ_n loss_n · scale (one workgroup, instead
// of a slice, a sum and a multiply) and, backward, grad · dy straight from the packed buffer (instead of a
// slice and a multiply). The loss is summed in another order than tf.sum: equal to float32 rounding.
// Reference: meanCrossEntropy / sumCrossEntropy (tfjs/loss.ts: logSoftmax and a one-hot mask), through
// tfjs's autodiff for the gradient; checked in check/fusedChecks.ts.
import * as tf from '../../tf';
import { onWebGpu, runProgram, type FusedProgram } from './program';

const WG = 64;

function crossEntropyProgram(N: number, V: number): FusedProgram {
  const body = `
  fn main(index : i32) {
    let n = index;
    if (n >= uniforms.N) { return; }
    let V = uniforms.V;
    let base = n * V;
    var m = L[base];
    for (var v = 1; v < V; v++) { m = max(m, L[base + v]); }
    var s = 0.0;
    for (var v = 0; v < V; v++) { s += exp(L[base + v] - m); }
    let lse = m + log(s);
    let y = Y[n];
    for (var v = 0; v < V; v++) {
      var g = exp(L[base + v] - lse);
      if (v == y) { g -= 1.0; }
      result[base + v] = g * uniforms.scale;
    }
    result[uniforms.lossOffset + n] = lse - L[base + y];
  }`;
  return {
    outputShape: [N * V + N],
    shaderKey: 'fusedSoftmaxCrossEntropy',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(N / WG), 1, 1],
    variableNames: ['L', 'Y'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'N : i32, V : i32, lossOffset : i32, scale : f32,',
    uniformNames: ['N', 'V', 'lossOffset', 'scale'],
    floatUniforms: ['scale'],
    size: false,
    getUserCode: () => body,
  };
}

/**
 * Σ_n loss_n · scale over the N row losses at `lossOffset` of the packed buffer, as one float: a single
 * workgroup (thread l adds rows l, l + 256, …, then a tree reduction), replacing a slice, a sum and a multiply.
 */
function lossSumProgram(): FusedProgram {
  const body = `
  var<workgroup> partial : array<f32, ${SUM_WG}>;
  fn main(index : i32) {
    let lid = i32(localId.x);
    var s = 0.0;
    for (var n = lid; n < uniforms.N; n += ${SUM_WG}) { s += P[uniforms.lossOffset + n]; }
    partial[lid] = s;
    workgroupBarrier();
    for (var half = ${SUM_WG / 2}; half > 0; half = half / 2) {
      if (lid < half) { partial[lid] += partial[lid + half]; }
      workgroupBarrier();
    }
    if (lid == 0) { result[0] = partial[0] * uniforms.scale; }
  }`;
  return {
    outputShape: [1],
    shaderKey: 'fusedCrossEntropyLossSum',
    dispatchLayout: { x: [0] },
    dispatch: [1, 1, 1],
    variableNames: ['P'],
    workgroupSize: [SUM_WG, 1, 1],
    uniforms: 'N : i32, lossOffset : i32, scale : f32,',
    uniformNames: ['N', 'lossOffset', 'scale'],
    floatUniforms: ['scale'],
    size: false,
    getUserCode: () => body,
  };
}
const SUM_WG = 256;

/** The first `length` floats of P times the scalar DY: ∂loss/∂logits for an upstream gradient dy. */
function scaledGradientProgram(length: number): FusedProgram {
  const body = `
  fn main(index : i32) {
    if (index >= uniforms.length) { return; }
    result[index] = P[index] * DY[0];
  }`;
  return {
    outputShape: [length],
    shaderKey: 'fusedCrossEntropyGradient',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(length / WG), 1, 1],
    variableNames: ['P', 'DY'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'length : i32,',
    uniformNames: ['length'],
    size: false,
    getUserCode: () => body,
  };
}

/**
 * Summed (or mean) cross-entropy of logits [N, V] against int32 targets [N], differentiable in the logits:
 * three dispatches (the fused kernel, the loss sum; the gradient times dy in the backward pass). WebGPU
 * backend only.
 */
export function fusedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, reduce: 'mean' | 'sum'): tf.Scalar {
  if (!onWebGpu()) throw new Error('fusedCrossEntropy needs the webgpu backend');
  const [N, V] = logits.shape;
  const scale = reduce === 'mean' ? 1 / N : 1;
  const y = targets.dtype === 'int32' ? targets : tf.cast(targets, 'int32');
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [L, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const out = runProgram(crossEntropyProgram(N, V), [L, y], { N, V, lossOffset: N * V, scale });
    save([out]);
    return {
      value: tf.reshape(runProgram(lossSumProgram(), [out], { N, lossOffset: N * V, scale }), []) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.reshape(runProgram(scaledGradientProgram(N * V), [saved, dy], { length: N * V }), [N, V]),
    };
  });
  return op(logits) as tf.Scalar;
}

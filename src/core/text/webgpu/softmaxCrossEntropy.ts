// Fused softmax cross-entropy kernel: the loss of every row AND its gradient in ONE dispatch.
//
// Math, per row n of logits L [N, V] with target y_n (lse = logsumexp, max subtracted first):
//   loss_n = lse(L_n) − L_n[y_n]
//   ∂loss_n/∂L_n[v] = softmax(L_n)[v] − [v = y_n], written scaled by `scale` (1/N for a mean loss)
// Inputs: L [N, V] float32, Y [N] int32. Output (packed): grad [N·V] then loss [N].
// Dispatch: ⌈N / 64⌉ workgroups of 64 threads, one thread per row (three passes over its V logits;
// vocabularies are small). Uniforms: N, V, lossOffset (= N·V); scale is a float uniform.
// Reference: meanCrossEntropy / sumCrossEntropy (tfjs/loss.ts: logSoftmax and a one-hot mask), through
// tfjs's autodiff for the gradient; checked in check/fusedChecks.ts.
import * as tf from '../../tf';
import { onWebGpu, type FusedProgram } from './program';

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
    size: false,
    getUserCode: () => body,
  };
}

interface Runner {
  runWebGPUProgram(p: FusedProgram, inputs: tf.TensorInfo[], dtype: 'float32', u: { type: 'int32' | 'float32'; data: number[] }[]): tf.TensorInfo;
}

/**
 * Summed (or mean) cross-entropy of logits [N, V] against int32 targets [N], differentiable in the logits,
 * as one fused kernel plus a sum. WebGPU backend only.
 */
export function fusedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, reduce: 'mean' | 'sum'): tf.Scalar {
  if (!onWebGpu()) throw new Error('fusedCrossEntropy needs the webgpu backend');
  const [N, V] = logits.shape;
  const scale = reduce === 'mean' ? 1 / N : 1;
  const y = targets.dtype === 'int32' ? targets : tf.cast(targets, 'int32');
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [L, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const backend = tf.backend() as unknown as Runner;
    const info = backend.runWebGPUProgram(crossEntropyProgram(N, V), [L, y], 'float32', [
      { type: 'int32', data: [N] },
      { type: 'int32', data: [V] },
      { type: 'int32', data: [N * V] },
      { type: 'float32', data: [scale] },
    ]);
    const out = tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor1D;
    save([out]);
    const total = tf.sum(tf.slice(out, [N * V], [N]));
    return {
      value: (reduce === 'mean' ? tf.mul(total, scale) : total) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(tf.reshape(tf.slice(saved, [0], [N * V]), [N, V]), dy),
    };
  });
  return op(logits) as tf.Scalar;
}

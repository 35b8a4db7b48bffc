// Bias add with a column-sum gradient kernel: y = x + b (b broadcast over rows), ∂b = Σ_rows dy, ∂x = dy.
//
// TensorFlow.js differentiates the broadcast add with a Sum over axis 0, which its WebGPU backend runs as a
// transpose and a reduction with workgroup barriers: 290 ms for the output bias of the default LSTM
// ([1,024, 89]) on the software adapter, the largest single op of a fused step after the products.
// Column-sum kernel: dy [N, C] → ∂b [C]; thread c walks the N rows of column c (neighbouring threads read
// neighbouring floats). Dispatch: ⌈C / 64⌉ workgroups of 64 threads. Uniforms: N, C.
// Reference: tf.add's gradient (tf.sum(dy, 0)); checked in check/fusedChecks.ts (every bias gradient).
import * as tf from '../../tf';
import { runProgram, type FusedProgram } from './program';

const WG = 64;

function columnSumProgram(C: number): FusedProgram {
  const body = `
  fn main(index : i32) {
    let c = index;
    let C = uniforms.C;
    if (c >= C) { return; }
    var s = 0.0;
    for (var n = 0; n < uniforms.N; n++) { s += DY[n * C + c]; }
    result[c] = s;
  }`;
  return {
    outputShape: [C],
    shaderKey: 'fusedColumnSum',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(C / WG), 1, 1],
    variableNames: ['DY'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'N : i32, C : i32,',
    uniformNames: ['N', 'C'],
    size: false,
    getUserCode: () => body,
  };
}

/** Σ_rows dy for dy [N, C]: a [C] vector, one dispatch. WebGPU backend only. */
export function columnSum(dy: tf.Tensor2D): tf.Tensor1D {
  const [N, C] = dy.shape;
  return runProgram(columnSumProgram(C), [dy], { N, C });
}

/** x [N, C] + b [C], differentiable, with ∂b as one column-sum kernel. WebGPU backend only. */
export function biasAdd(x: tf.Tensor2D, bias: tf.Tensor): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, b] = args as [tf.Tensor2D, tf.Tensor1D];
    return {
      value: tf.add(input, b) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor) => [dy, columnSum(dy as tf.Tensor2D)],
    };
  });
  return op(x, bias) as tf.Tensor2D;
}

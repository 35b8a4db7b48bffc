// Window cutting kernel: one training batch's token ids, time-major, straight from the corpus, ONE dispatch.
//
// Math: out[t·B + b] = tokens[starts[b] + t + shift]        t = 0 … T−1, b = 0 … B−1
// With shift 0 these are the inputs x, with shift 1 the targets y, both in unrolled.ts's row order
// (row t·B + b). TensorFlow.js ops take six dispatches for the pair: an add (starts + [0 … T]), a gather,
// two slices ([B, T+1] → x, y) and two transposes to time-major; here two.
// Inputs: TOKENS [n] int32 (the corpus, uploaded once), STARTS [B] int32 (this step's window starts, every
// start + T within the corpus: the engine draws them so). Output: [T·B] int32.
// Dispatch: ⌈T·B / 64⌉ workgroups of 64, one thread per id, guarded by T·B. Uniforms: B, T, shift.
// Reference: the engine's ops path (gather + slice + transpose); the engine's fused training steps run
// through it in check/fusedChecks.ts (memory, dispatch) and the loss is checked there against the ops path.
import * as tf from '../../tf';
import { runProgram, type FusedProgram } from './program';

const WG = 64;

function windowProgram(length: number): FusedProgram {
  const body = `
  fn main(index : i32) {
    if (index >= uniforms.B * uniforms.T) { return; }
    let t = index / uniforms.B;
    let b = index - t * uniforms.B;
    result[index] = TOKENS[STARTS[b] + t + uniforms.shift];
  }`;
  return {
    outputShape: [length],
    shaderKey: 'fusedWindowIds',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(length / WG), 1, 1],
    variableNames: ['TOKENS', 'STARTS'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'B : i32, T : i32, shift : i32,',
    uniformNames: ['B', 'T', 'shift'],
    outputDtype: 'int32',
    size: false,
    getUserCode: () => body,
  };
}

/** Token ids [T, B] (int32, row t = step t of every window) of the windows at `starts`, shifted by `shift`. */
export function windowIds(tokens: tf.Tensor1D, starts: tf.Tensor1D, T: number, shift: number): tf.Tensor2D {
  const B = starts.size;
  return tf.reshape(runProgram(windowProgram(T * B), [tokens, starts], { B, T, shift }), [T, B]);
}

// Fused vanilla-RNN forward kernel: a whole window (or a chunk of it) in ONE dispatch.
//
// Math: h_t = tanh(x_t + h_{t−1} · U)   (h_{−1} = 0; x_t already holds input·W + b)
// Inputs: X [T·B, H] (row t·B + b), U [H, H] row-major. Output: the forward buffer F of layout.ts (hs only).
// Dispatch: [B, 1, 1] — one workgroup per batch row, stepping through time with a storage barrier per step;
// thread j of WG computes columns j, j + WG, … (one dot product of length H each).
// Uniforms: B, tFirst, tEnd (steps tFirst … tEnd − 1; tFirst = 0 also zeroes block 0 of hs).
// Reference: rnnLayer in tfjs/unrolled.ts; checked in check/fusedChecks.ts.
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

export function rnnForwardProgram(H: number, B: number, length: number): FusedProgram {
  const WG = columnWorkgroupSize(H);
  const body = `
  ${WGSL_ACTIVATIONS}
  const H = ${H};
  const WG = ${WG};
  fn main(index : i32) {
    let b = i32(workgroupId.x);
    let lid = i32(localId.x);
    let B = uniforms.B;
    if (uniforms.tFirst == 0) {
      for (var j = lid; j < H; j += WG) {
        result[b * H + j] = 0.0;
      }
      storageBarrier();
    }
    for (var t = uniforms.tFirst; t < uniforms.tEnd; t++) {
      let row = t * B + b;
      let prev = row * H;
      let next = (row + B) * H;
      for (var j = lid; j < H; j += WG) {
        var z = X[row * H + j];
        for (var k = 0; k < H; k++) {
          z += result[prev + k] * U[k * H + j];
        }
        result[next + j] = tanhF(z);
      }
      storageBarrier();
    }
  }`;
  return rowProgram(`fusedRnnForward_${H}`, length, B, WG, ['X', 'U'], ['B', 'tFirst', 'tEnd'], body);
}

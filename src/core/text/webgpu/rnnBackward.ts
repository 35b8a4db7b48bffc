// Fused vanilla-RNN backward kernel (backpropagation through time): a whole window (or a chunk) in ONE
// dispatch.
//
// Math, for t = T−1 … 0:  dh_t = dy_t + dz_{t+1} · Uᵀ  (second term 0 at t = T−1),  dz_t = dh_t ⊙ (1 − h_t²)
// dz_t is also ∂loss/∂x_t; ∂U and ∂W are whole-window products done after this kernel (fusedLayer.ts).
// Inputs: DY [T·B, H], UT = Uᵀ [H, H] (neighbouring threads read neighbouring floats), F (layout.ts forward buffer: hs). Output: the backward buffer D (dz).
// Dispatch: [B, 1, 1], one workgroup per batch row stepping back through time, a storage barrier per step;
// thread j takes columns j, j + WG, … Uniforms: B, T, tFirst (latest step of this chunk), tLast (earliest).
// Reference: rnnLayer's gradFunc in tfjs/unrolled.ts; checked in check/fusedChecks.ts.
import { columnWorkgroupSize, rowProgram, type FusedProgram } from './program';

export function rnnBackwardProgram(H: number, B: number, length: number): FusedProgram {
  const WG = columnWorkgroupSize(H);
  const body = `
  const H = ${H};
  const WG = ${WG};
  fn main(index : i32) {
    let b = i32(workgroupId.x);
    let lid = i32(localId.x);
    let B = uniforms.B;
    for (var t = uniforms.tFirst; t >= uniforms.tLast; t--) {
      let row = t * B + b;
      for (var j = lid; j < H; j += WG) {
        var dh = DY[row * H + j];
        if (t < uniforms.T - 1) {
          let zn = (row + B) * H;
          for (var k = 0; k < H; k++) {
            dh += result[zn + k] * UT[k * H + j];
          }
        }
        let h = F[(row + B) * H + j];
        result[row * H + j] = dh * (1.0 - h * h);
      }
      storageBarrier();
    }
  }`;
  return rowProgram(`fusedRnnBackward_${H}`, length, B, WG, ['DY', 'UT', 'F'], ['B', 'T', 'tFirst', 'tLast'], body);
}

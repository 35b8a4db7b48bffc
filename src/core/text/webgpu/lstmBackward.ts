// Fused LSTM backward kernel (backpropagation through time): a whole window (or a chunk) in ONE dispatch.
//
// Math, for t = T−1 … 0 (gates after activation i, f, g = tanh(c̃), o saved by the forward kernel):
//   dh_t  = dy_t + dz_{t+1} · Uᵀ                      (the second term is 0 at t = T−1)
//   dc_t  = carry_t + dh_t ⊙ o ⊙ (1 − tanh²c_t)       (carry_{T−1} = 0)
//   dz_i = dc_t ⊙ g ⊙ i(1−i),  dz_f = dc_t ⊙ c_{t−1} ⊙ f(1−f),  dz_c̃ = dc_t ⊙ i ⊙ (1−g²),
//   dz_o = dh_t ⊙ tanh(c_t) ⊙ o(1−o),                 carry_{t−1} = dc_t ⊙ f
// dz_t is also ∂loss/∂x_t (x_t = input·W + b enters z_t with weight 1); ∂U and ∂W are whole-window
// products done after this kernel (fusedLayer.ts).
// Inputs: DY [T·B, H] (∂loss/∂h_t), UT = Uᵀ [4H, H] (so that neighbouring threads read neighbouring
// floats: with U itself each thread walks its own row, 5× slower on the software adapter), F (layout.ts forward buffer). Output: the backward buffer D
// (dz [T·B, 4H], carry [B, H]).
// Dispatch: [B, 1, 1], one workgroup per batch row stepping back through time (storage barrier per step:
// dz_{t+1} of the whole row is read by every thread). Thread j takes columns j, j + WG, …; the carry of
// column j is only touched by its own thread. Uniforms: B, T, tFirst (the latest step of this chunk),
// tLast (the earliest), cs, acts (forward offsets), carry.
// Reference: tfjs autodiff through lstmStep (unrolled.ts); checked in check/fusedChecks.ts.
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

export function lstmBackwardProgram(H: number, B: number, length: number): FusedProgram {
  const WG = columnWorkgroupSize(H);
  const body = `
  ${WGSL_ACTIVATIONS}
  const H = ${H};
  const WG = ${WG};
  fn main(index : i32) {
    let b = i32(workgroupId.x);
    let lid = i32(localId.x);
    let B = uniforms.B;
    for (var t = uniforms.tFirst; t >= uniforms.tLast; t--) {
      let row = t * B + b;
      let z = row * 4 * H;
      let a = uniforms.acts + z;
      for (var j = lid; j < H; j += WG) {
        var dh = DY[row * H + j];
        var dc = 0.0;
        if (t < uniforms.T - 1) {
          let zn = (row + B) * 4 * H;
          for (var k = 0; k < 4 * H; k++) {
            dh += result[zn + k] * UT[k * H + j];
          }
          dc = result[uniforms.carry + b * H + j];
        }
        let i = F[a + j];
        let f = F[a + H + j];
        let g = F[a + 2 * H + j];
        let o = F[a + 3 * H + j];
        let c = F[uniforms.cs + (row + B) * H + j];
        let cPrev = F[uniforms.cs + row * H + j];
        let tc = tanhF(c);
        dc += dh * o * (1.0 - tc * tc);
        result[z + j] = dc * g * i * (1.0 - i);
        result[z + H + j] = dc * cPrev * f * (1.0 - f);
        result[z + 2 * H + j] = dc * i * (1.0 - g * g);
        result[z + 3 * H + j] = dh * tc * o * (1.0 - o);
        result[uniforms.carry + b * H + j] = dc * f;
      }
      storageBarrier();
    }
  }`;
  return rowProgram(`fusedLstmBackward_${H}`, length, B, WG, ['DY', 'UT', 'F'], ['B', 'T', 'tFirst', 'tLast', 'cs', 'acts', 'carry'], body);
}

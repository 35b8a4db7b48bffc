// Fused GRU backward kernel (backpropagation through time): a whole window (or a chunk) in ONE dispatch.
//
// Math, for t = T−1 … 0 (u, r, h̃ and rh = r ⊙ h_{t−1} saved by the forward kernel; U = [U_z U_r U_h]):
//   phase 1  dh_t = dy_t + [ dz_{t+1} · [U_z U_r]ᵀ + drh_{t+1} ⊙ r_{t+1} + dh_{t+1} ⊙ u_{t+1} ]  (0 at t = T−1)
//            da_h = dh_t ⊙ (1 − u) ⊙ (1 − h̃²)          (∂/∂ of x_h + rh·U_h, also ∂loss/∂x_h)
//            dz_u = dh_t ⊙ (h_{t−1} − h̃) ⊙ u(1 − u)
//   phase 2  drh_t = da_h · U_hᵀ                        (needs da_h of the whole row)
//            dz_r = drh_t ⊙ h_{t−1} ⊙ r(1 − r)
// ∂U = [H_prevᵀ·[dz_u dz_r] | RHᵀ·da_h] and ∂W are whole-window products done after this kernel.
// Inputs: DY [T·B, H], UT = Uᵀ [3H, H] (neighbouring threads read neighbouring floats), F (layout.ts forward buffer). Output: the backward buffer D (dz [T·B, 2H]
// = dz_u, dz_r; dah [T·B, H]; carry = dh_t [B, H]; drh [B, H]).
// Dispatch: [B, 1, 1], one workgroup per batch row stepping back through time, two storage barriers per
// step; thread j takes columns j, j + WG, … and owns carry[j], drh[j]. Uniforms: B, T, tFirst, tLast,
// acts (forward offset), dah, carry, drh (backward offsets).
// Reference: tfjs autodiff through gruStep (unrolled.ts); checked in check/fusedChecks.ts.
import { columnWorkgroupSize, rowProgram, type FusedProgram } from './program';

export function gruBackwardProgram(H: number, B: number, length: number): FusedProgram {
  const WG = columnWorkgroupSize(H);
  const body = `
  const H = ${H};
  const WG = ${WG};
  fn main(index : i32) {
    let b = i32(workgroupId.x);
    let lid = i32(localId.x);
    let B = uniforms.B;
    let carry = uniforms.carry + b * H;
    let drh = uniforms.drh + b * H;
    for (var t = uniforms.tFirst; t >= uniforms.tLast; t--) {
      let row = t * B + b;
      let a = uniforms.acts + row * 3 * H;
      let dah = uniforms.dah + row * H;
      for (var j = lid; j < H; j += WG) {
        var dh = DY[row * H + j];
        if (t < uniforms.T - 1) {
          let zn = (row + B) * 2 * H;
          let an = a + B * 3 * H;
          for (var k = 0; k < 2 * H; k++) {
            dh += result[zn + k] * UT[k * H + j];
          }
          dh += result[drh + j] * F[an + H + j] + result[carry + j] * F[an + j];
        }
        let u = F[a + j];
        let candidate = F[a + 2 * H + j];
        let hPrev = F[row * H + j];
        result[dah + j] = dh * (1.0 - u) * (1.0 - candidate * candidate);
        result[row * 2 * H + j] = dh * (hPrev - candidate) * u * (1.0 - u);
        result[carry + j] = dh;
      }
      storageBarrier();
      for (var j = lid; j < H; j += WG) {
        var d = 0.0;
        for (var k = 0; k < H; k++) {
          d += result[dah + k] * UT[(2 * H + k) * H + j];
        }
        let r = F[a + H + j];
        result[row * 2 * H + H + j] = d * F[row * H + j] * r * (1.0 - r);
        result[drh + j] = d;
      }
      storageBarrier();
    }
  }`;
  return rowProgram(`fusedGruBackward_${H}`, length, B, WG, ['DY', 'UT', 'F'], ['B', 'T', 'tFirst', 'tLast', 'acts', 'dah', 'carry', 'drh'], body);
}

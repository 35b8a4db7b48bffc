// Fused GRU forward kernel ("reset before", as tfjs): a whole window (or a chunk of it) in ONE dispatch.
//
// Math (gate blocks z, r, h; x_t already holds input·W + b; U = [U_z U_r U_h], each [H, H]):
//   u = σ(x_z + h_{t−1}·U_z),  r = σ(x_r + h_{t−1}·U_r)                 phase 1
//   h̃ = tanh(x_h + (r ⊙ h_{t−1})·U_h),  h_t = h̃ + u ⊙ (h_{t−1} − h̃)     phase 2 (needs all of r ⊙ h)
// Inputs: X [T·B, 3H] (row t·B + b), U [H, 3H] row-major. Output: the forward buffer F of layout.ts
// (hs, acts = u, r, h̃, rh = r ⊙ h_{t−1}).
// Dispatch: [B, 1, 1] — one workgroup per batch row stepping through time; two storage barriers per step
// (after phase 1, rh of the whole row is read by every thread; after phase 2, h_t). Thread j of WG takes
// columns j, j + WG, … Uniforms: B, tFirst, tEnd (steps tFirst … tEnd − 1), acts, rh (offsets).
// Reference: gruStep (tfjs/cellSteps.ts) through unrolled.ts; checked in check/fusedChecks.ts.
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

export function gruForwardProgram(H: number, B: number, length: number): FusedProgram {
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
      let x = row * 3 * H;
      let a = uniforms.acts + x;
      let rh = uniforms.rh + row * H;
      for (var j = lid; j < H; j += WG) {
        var zu = X[x + j];
        var zr = X[x + H + j];
        for (var k = 0; k < H; k++) {
          let hk = result[prev + k];
          zu += hk * U[k * 3 * H + j];
          zr += hk * U[k * 3 * H + H + j];
        }
        let u = sigmoidF(zu);
        let r = sigmoidF(zr);
        result[a + j] = u;
        result[a + H + j] = r;
        result[rh + j] = r * result[prev + j];
      }
      storageBarrier();
      for (var j = lid; j < H; j += WG) {
        var zh = X[x + 2 * H + j];
        for (var k = 0; k < H; k++) {
          zh += result[rh + k] * U[k * 3 * H + 2 * H + j];
        }
        let candidate = tanhF(zh);
        result[a + 2 * H + j] = candidate;
        result[prev + B * H + j] = candidate + result[a + j] * (result[prev + j] - candidate);
      }
      storageBarrier();
    }
  }`;
  return rowProgram(`fusedGruForward_${H}`, length, B, WG, ['X', 'U'], ['B', 'tFirst', 'tEnd', 'acts', 'rh'], body);
}

// Fused LSTM forward kernel: a whole window (or a chunk of it) in ONE dispatch.
//
// Math (gate blocks i, f, c̃, o in Keras order; x_t already holds input·W + b):
//   z_t = x_t + h_{t−1} · U                         [B, 4H]
//   c_t = σ(z_f) ⊙ c_{t−1} + σ(z_i) ⊙ tanh(z_c̃),   h_t = σ(z_o) ⊙ tanh(c_t)     (h_{−1} = c_{−1} = 0)
// Inputs: X [T·B, 4H] (row t·B + b), U [H, 4H] row-major. Output: the forward buffer F of layout.ts
// (hs, cs, acts = σ(i), σ(f), tanh(c̃), σ(o)).
// Dispatch: [B, 1, 1] — one workgroup per batch row, since rows never interact: the workgroup steps
// through time itself, with a storage barrier between steps (h_{t−1} is read back from F by every
// thread). Thread j of WG computes columns j, j + WG, …: four dot products of length H per column.
// Uniforms: B, tFirst, tEnd (steps tFirst … tEnd − 1 run in this dispatch; tFirst = 0 also zeroes block 0),
//           cs, acts (offsets of layout.ts).
// Reference: lstmStep (tfjs/cellSteps.ts) through unrolled.ts; checked in check/fusedChecks.ts.
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

export function lstmForwardProgram(H: number, B: number, length: number): FusedProgram {
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
        result[uniforms.cs + b * H + j] = 0.0;
      }
      storageBarrier();
    }
    for (var t = uniforms.tFirst; t < uniforms.tEnd; t++) {
      let row = t * B + b;
      let prev = row * H;        // h_{t−1}: block t of hs / cs
      let next = (row + B) * H;  // h_t: block t + 1
      let x = row * 4 * H;
      for (var j = lid; j < H; j += WG) {
        var zi = X[x + j];
        var zf = X[x + H + j];
        var zc = X[x + 2 * H + j];
        var zo = X[x + 3 * H + j];
        for (var k = 0; k < H; k++) {
          let hk = result[prev + k];
          let u = k * 4 * H + j;
          zi += hk * U[u];
          zf += hk * U[u + H];
          zc += hk * U[u + 2 * H];
          zo += hk * U[u + 3 * H];
        }
        let i = sigmoidF(zi);
        let f = sigmoidF(zf);
        let g = tanhF(zc);
        let o = sigmoidF(zo);
        let c = f * result[uniforms.cs + prev + j] + i * g;
        result[uniforms.cs + next + j] = c;
        result[next + j] = o * tanhF(c);
        let a = uniforms.acts + x;
        result[a + j] = i;
        result[a + H + j] = f;
        result[a + 2 * H + j] = g;
        result[a + 3 * H + j] = o;
      }
      storageBarrier();
    }
  }`;
  return rowProgram(`fusedLstmForward_${H}`, length, B, WG, ['X', 'U'], ['B', 'tFirst', 'tEnd', 'cs', 'acts'], body);
}

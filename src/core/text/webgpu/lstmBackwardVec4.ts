// Fused LSTM backward kernel, vectorised: as lstmBackward.ts (same math, inputs, output layout, dispatch
// and uniforms), for H a multiple of 4. Each thread owns P quads of neighbouring columns (P = 4 when H is a
// multiple of 16, else 1) and reads UT = Uᵀ [4H, H] as vec4s: per k one broadcast dz_{t+1}[k] and P vec4
// loads feed 4·P multiply-adds.
// Reference: tfjs autodiff through lstmStep (unrolled.ts); checked in check/fusedChecks.ts (hidden 300 and 8).
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

export function lstmBackwardVec4Program(H: number, B: number, length: number): FusedProgram {
  const Q = H / 4;
  // Quads per thread: 4 when H is a multiple of 16, so one broadcast dz_{t+1}[k] feeds 16 multiply-adds
  // (as in the forward kernel) instead of 4: the loop is bound by loads. The four accumulators are
  // separate variables: indexing a private array in the loop made the software adapter 3× slower.
  const P = H % 16 ? 1 : 4;
  const WG = columnWorkgroupSize(Q / P);
  const body = `
  ${WGSL_ACTIVATIONS}
  const H = ${H};
  const Q = ${Q};
  const P = ${P};
  const WG = ${WG};
  fn tanh4(x : vec4<f32>) -> vec4<f32> { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
  fn f4(i : i32) -> vec4<f32> { return vec4<f32>(F[i], F[i + 1], F[i + 2], F[i + 3]); }
  fn r4(i : i32) -> vec4<f32> { return vec4<f32>(result[i], result[i + 1], result[i + 2], result[i + 3]); }
  fn dy4(i : i32) -> vec4<f32> { return vec4<f32>(DY[i], DY[i + 1], DY[i + 2], DY[i + 3]); }
  fn store4(i : i32, v : vec4<f32>) {
    result[i] = v.x; result[i + 1] = v.y; result[i + 2] = v.z; result[i + 3] = v.w;
  }
  fn main(index : i32) {
    let b = i32(workgroupId.x);
    let lid = i32(localId.x);
    let B = uniforms.B;
    for (var t = uniforms.tFirst; t >= uniforms.tLast; t--) {
      let row = t * B + b;
      let z = row * 4 * H;
      let a = uniforms.acts + z;
      for (var q0 = lid * P; q0 < Q; q0 += WG * P) {
        var acc : array<vec4<f32>, 4>;
        var a0 = vec4<f32>(0.0);
        var a1 = vec4<f32>(0.0);
        var a2 = vec4<f32>(0.0);
        var a3 = vec4<f32>(0.0);
        if (t < uniforms.T - 1) {
          let zn = (row + B) * 4 * H;
          for (var k = 0; k < 4 * H; k++) {
            let d = result[zn + k];
            let u = k * Q + q0;
            a0 += d * UT[u];
            if (P == 4) {
              a1 += d * UT[u + 1];
              a2 += d * UT[u + 2];
              a3 += d * UT[u + 3];
            }
          }
        }
        acc[0] = a0;
        acc[1] = a1;
        acc[2] = a2;
        acc[3] = a3;
        for (var p = 0; p < P; p++) {
        let q = q0 + p;
        let j = 4 * q;
        let dh = dy4(row * H + j) + acc[p];
        var dc = vec4<f32>(0.0);
        if (t < uniforms.T - 1) {
          dc = r4(uniforms.carry + b * H + j);
        }
        let i = f4(a + j);
        let f = f4(a + H + j);
        let g = f4(a + 2 * H + j);
        let o = f4(a + 3 * H + j);
        let tc = tanh4(f4(uniforms.cs + (row + B) * H + j));
        let cPrev = f4(uniforms.cs + row * H + j);
        dc += dh * o * (1.0 - tc * tc);
        store4(z + j, dc * g * i * (1.0 - i));
        store4(z + H + j, dc * cPrev * f * (1.0 - f));
        store4(z + 2 * H + j, dc * i * (1.0 - g * g));
        store4(z + 3 * H + j, dh * tc * o * (1.0 - o));
        store4(uniforms.carry + b * H + j, dc * f);
        }
      }
      storageBarrier();
    }
  }`;
  const program = rowProgram(`fusedLstmBackwardVec4_${H}`, length, B, WG, ['DY', 'UT', 'F'], ['B', 'T', 'tFirst', 'tLast', 'cs', 'acts', 'carry'], body);
  return { ...program, variableComponents: [1, 4, 1] };
}

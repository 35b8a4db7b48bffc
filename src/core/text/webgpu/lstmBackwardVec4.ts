// Fused LSTM backward kernel, vectorised and several batch rows per workgroup: as lstmBackward.ts (same
// math, inputs, output layout and uniforms), for H a multiple of 4.
//
// How: each thread owns P quads of neighbouring columns (P = 4 when H is a multiple of 16, else 1) and
// reads UT = Uᵀ [4H, H] as vec4s; each workgroup steps R batch rows b0 … b0+R−1 (b0 = R·workgroup) back
// through time together, so per k the P vec4 loads of UT and R broadcasts dz_{t+1}[k] feed R·4·P
// multiply-adds (16 with P = 4 and one row per workgroup): UT is read once per R rows, not once per row.
// Dispatch: [⌈B / R⌉, 1, 1]. dz_{t+1} is read straight from the output buffer (staging R rows of 4H floats in
// workgroup memory would not fit for wide layers). When R does not divide B, the last workgroup's rows past
// B read row B−1 (a clamp, so the inner loop has no branch) and store nothing; every thread still meets the
// barrier at the end of each step.
// The R·P accumulators are separate variables (generated below): indexing a private array in the loop made
// the software adapter 3× slower.
// Reference: tfjs autodiff through lstmStep (unrolled.ts); checked in check/fusedChecks.ts (hidden 300, 16
// and 12; batch 6 leaves the last workgroup rows short).
import { perRow, rowsPerWorkgroup } from './lstmForwardVec4';
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

export function lstmBackwardVec4Program(H: number, B: number, length: number): FusedProgram {
  const Q = H / 4;
  // Quads per thread: 4 when H is a multiple of 16, so one broadcast dz_{t+1}[k] feeds 16 multiply-adds.
  const P = H % 16 ? 1 : 4;
  const WG = columnWorkgroupSize(Q / P);
  const R = rowsPerWorkgroup(B, 1);
  const quads = Array.from({ length: P }, (_, p) => p);
  const each = (f: (r: number, p: number) => string) => perRow(R, (r) => quads.map((p) => f(r, p)).join(''));
  const body = `
  ${WGSL_ACTIVATIONS}
  const H = ${H};
  const Q = ${Q};
  const P = ${P};
  const WG = ${WG};
  const R = ${R};
  fn tanh4(x : vec4<f32>) -> vec4<f32> { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
  fn f4(i : i32) -> vec4<f32> { return vec4<f32>(F[i], F[i + 1], F[i + 2], F[i + 3]); }
  fn r4(i : i32) -> vec4<f32> { return vec4<f32>(result[i], result[i + 1], result[i + 2], result[i + 3]); }
  fn dy4(i : i32) -> vec4<f32> { return vec4<f32>(DY[i], DY[i + 1], DY[i + 2], DY[i + 3]); }
  fn store4(i : i32, v : vec4<f32>) {
    result[i] = v.x; result[i + 1] = v.y; result[i + 2] = v.z; result[i + 3] = v.w;
  }
  // dz_t and the carried ∂c of batch row b at step t (row = t·B + b), columns j … j+3; acc = dz_{t+1} · Uᵀ.
  fn finish(t : i32, b : i32, row : i32, j : i32, acc : vec4<f32>) {
    let z = row * 4 * H;
    let a = uniforms.acts + z;
    let dh = dy4(row * H + j) + acc;
    var dc = vec4<f32>(0.0);
    if (t < uniforms.T - 1) {
      dc = r4(uniforms.carry + b * H + j);
    }
    let i = f4(a + j);
    let f = f4(a + H + j);
    let g = f4(a + 2 * H + j);
    let o = f4(a + 3 * H + j);
    let tc = tanh4(f4(uniforms.cs + (row + uniforms.B) * H + j));
    let cPrev = f4(uniforms.cs + row * H + j);
    dc += dh * o * (1.0 - tc * tc);
    store4(z + j, dc * g * i * (1.0 - i));
    store4(z + H + j, dc * cPrev * f * (1.0 - f));
    store4(z + 2 * H + j, dc * i * (1.0 - g * g));
    store4(z + 3 * H + j, dh * tc * o * (1.0 - o));
    store4(uniforms.carry + b * H + j, dc * f);
  }
  fn main(index : i32) {
    let b0 = i32(workgroupId.x) * R;
    let lid = i32(localId.x);
    let B = uniforms.B;
    for (var t = uniforms.tFirst; t >= uniforms.tLast; t--) {
      for (var q0 = lid * P; q0 < Q; q0 += WG * P) {${perRow(R, (r) => `
        let br${r} = min(b0 + ${r}, B - 1);`)}${each((r, p) => `
        var a${r}_${p} = vec4<f32>(0.0);`)}
        if (t < uniforms.T - 1) {${perRow(R, (r) => `
          let zn${r} = ((t + 1) * B + br${r}) * 4 * H;`)}
          for (var k = 0; k < 4 * H; k++) {
            let u = k * Q + q0;${quads.map((p) => `
            let u${p} = UT[u${p ? ` + ${p}` : ''}];`).join('')}${perRow(R, (r) => `
            let d${r} = result[zn${r} + k];`)}${each((r, p) => `
            a${r}_${p} += d${r} * u${p};`)}
          }
        }${each((r, p) => `
        if (b0 + ${r} < B) {
          finish(t, br${r}, t * B + br${r}, 4 * (q0 + ${p}), a${r}_${p});
        }`)}
      }
      storageBarrier();
    }
  }`;
  const program = rowProgram(`fusedLstmBackwardVec4_${H}_${R}`, length, Math.ceil(B / R), WG, ['DY', 'UT', 'F'], ['B', 'T', 'tFirst', 'tLast', 'cs', 'acts', 'carry'], body);
  return { ...program, variableComponents: [1, 4, 1] };
}

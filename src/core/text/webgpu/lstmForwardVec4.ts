// Fused LSTM forward kernel, vectorised: as lstmForward.ts (same math, inputs, output layout, dispatch and
// uniforms), for H a multiple of 4. Each thread owns four neighbouring columns 4q … 4q+3 of every gate and
// reads U as vec4s: per k one broadcast h_{t−1}[k] and four vec4 loads feed 16 multiply-adds, against 4 in
// the scalar kernel — the software adapter (and a GPU's load units) spend their time on loads.
// U is bound as array<vec4<f32>>: row k of U [H, 4H] is H vec4s, gate g's quad q at k·H + g·H/4 + q.
// Reference: lstmStep (tfjs/cellSteps.ts) through unrolled.ts; checked in check/fusedChecks.ts (hidden 300
// and 8 take this kernel).
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

export function lstmForwardVec4Program(H: number, B: number, length: number): FusedProgram {
  const Q = H / 4;
  const WG = columnWorkgroupSize(Q);
  const body = `
  ${WGSL_ACTIVATIONS}
  const H = ${H};
  const Q = ${Q};
  const WG = ${WG};
  fn sigmoid4(x : vec4<f32>) -> vec4<f32> { return 1.0 / (1.0 + exp(-x)); }
  fn tanh4(x : vec4<f32>) -> vec4<f32> { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
  fn load4(i : i32) -> vec4<f32> { return vec4<f32>(X[i], X[i + 1], X[i + 2], X[i + 3]); }
  fn prev4(i : i32) -> vec4<f32> { return vec4<f32>(result[i], result[i + 1], result[i + 2], result[i + 3]); }
  fn store4(i : i32, v : vec4<f32>) {
    result[i] = v.x; result[i + 1] = v.y; result[i + 2] = v.z; result[i + 3] = v.w;
  }
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
      let prev = row * H;
      let next = (row + B) * H;
      let x = row * 4 * H;
      for (var q = lid; q < Q; q += WG) {
        let j = 4 * q;
        var zi = load4(x + j);
        var zf = load4(x + H + j);
        var zc = load4(x + 2 * H + j);
        var zo = load4(x + 3 * H + j);
        for (var k = 0; k < H; k++) {
          let hk = result[prev + k];
          let u = k * H + q;
          zi += hk * U[u];
          zf += hk * U[u + Q];
          zc += hk * U[u + 2 * Q];
          zo += hk * U[u + 3 * Q];
        }
        let i = sigmoid4(zi);
        let f = sigmoid4(zf);
        let g = tanh4(zc);
        let o = sigmoid4(zo);
        let c = f * prev4(uniforms.cs + prev + j) + i * g;
        store4(uniforms.cs + next + j, c);
        store4(next + j, o * tanh4(c));
        let a = uniforms.acts + x;
        store4(a + j, i);
        store4(a + H + j, f);
        store4(a + 2 * H + j, g);
        store4(a + 3 * H + j, o);
      }
      storageBarrier();
    }
  }`;
  const program = rowProgram(`fusedLstmForwardVec4_${H}`, length, B, WG, ['X', 'U'], ['B', 'tFirst', 'tEnd', 'cs', 'acts'], body);
  return { ...program, variableComponents: [1, 4] };
}

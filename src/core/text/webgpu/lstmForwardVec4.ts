// Fused LSTM forward kernel, vectorised and several batch rows per workgroup: as lstmForward.ts (same math,
// inputs, output layout and uniforms), for H a multiple of 4.
//
// How: each thread owns four neighbouring columns 4q … 4q+3 of every gate and reads U as vec4s; each
// workgroup steps R batch rows b0 … b0+R−1 (b0 = R·workgroup) through time together, so per k the four U
// vec4 loads feed R rows' 16 multiply-adds each (R·16 in all, against 16 with one row per workgroup, and 4
// in the scalar kernel): U is read from memory once per R rows, not once per row, and the loop is bound by
// loads on the software adapter (and by a GPU's load units). Dispatch: [⌈B / R⌉, 1, 1].
// h_{t−1} of the R rows (R·H floats) is staged in workgroup memory at the start of each step, so the inner
// loop reads it from there instead of the storage buffer. When R does not divide B, the last workgroup's
// rows past B read row B−1 (a clamp, so the inner loop has no branch) and store nothing; every thread
// still meets every barrier (the barriers sit outside the per-thread loops).
// The R accumulators per gate are separate variables (generated below), not a private array: indexing a
// private array in the loop made the software adapter 3× slower (see lstmBackwardVec4.ts).
// U is bound as array<vec4<f32>>: row k of U [H, 4H] is H vec4s, gate g's quad q at k·H + g·H/4 + q.
// Reference: lstmStep (tfjs/cellSteps.ts) through unrolled.ts; checked in check/fusedChecks.ts (hidden 300,
// 16 and 12 take this kernel; batch 6 leaves the last workgroup rows short).
import { columnWorkgroupSize, rowProgram, WGSL_ACTIVATIONS, type FusedProgram } from './program';

/**
 * Batch rows per workgroup, chosen by measurement (LSTM 128, batch 32, window 64, software adapter, 2 shared
 * cores, builds alternated in one session). check/fusedChecks.ts's timing suite, ms, one row per workgroup →
 * R rows: forward 482 → 95 (R = 4), 133 (R = 2); 188 → 97 (4), 346 (2); 345 → 165 (4), 193 (8); 633 → 266 (4),
 * 165 (8); backward kernel 405 → 146 (4), 161 (2); 197 → 140 (4), 171 (2); 447 → 278 (4), 371 (8); 366 → 259
 * (4), 691 (8). R = 8 was no faster forward and slower backward (twice the accumulators per thread). A whole
 * fused training step (the dispatch suite, 12 alternated pairs of runs): R = 4 faster in 9, median 1.25×
 * (0.66–1.71×: the shared machine's load swung the step time 2×); the rest of the step is the whole-window
 * products, the loss and the optimiser.
 */
export const LSTM_ROWS_PER_WORKGROUP = 4;
/** Floats of workgroup memory a kernel may take (WebGPU guarantees 16 KiB; a margin is left). */
export const WORKGROUP_FLOATS = 3072;

/** Rows per workgroup for batch B: at most `wanted`, no more than B, and R·perRow floats must fit WORKGROUP_FLOATS. */
export function rowsPerWorkgroup(B: number, perRow: number, wanted = LSTM_ROWS_PER_WORKGROUP): number {
  return Math.max(1, Math.min(wanted, B, Math.floor(WORKGROUP_FLOATS / perRow)));
}

/** `f(r)` for r = 0 … R−1, joined: the generated per-row statements. */
export function perRow(R: number, f: (r: number) => string): string {
  return Array.from({ length: R }, (_, r) => f(r)).join('');
}

export function lstmForwardVec4Program(H: number, B: number, length: number): FusedProgram {
  const Q = H / 4;
  const WG = columnWorkgroupSize(Q);
  const R = rowsPerWorkgroup(B, H);
  const body = `
  ${WGSL_ACTIVATIONS}
  const H = ${H};
  const Q = ${Q};
  const WG = ${WG};
  const R = ${R};
  var<workgroup> hPrev : array<f32, ${R * H}>;
  fn sigmoid4(x : vec4<f32>) -> vec4<f32> { return 1.0 / (1.0 + exp(-x)); }
  fn tanh4(x : vec4<f32>) -> vec4<f32> { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
  fn load4(i : i32) -> vec4<f32> { return vec4<f32>(X[i], X[i + 1], X[i + 2], X[i + 3]); }
  fn prev4(i : i32) -> vec4<f32> { return vec4<f32>(result[i], result[i + 1], result[i + 2], result[i + 3]); }
  fn store4(i : i32, v : vec4<f32>) {
    result[i] = v.x; result[i + 1] = v.y; result[i + 2] = v.z; result[i + 3] = v.w;
  }
  // Gates, state update and stores of one row (x: its row of X and acts; prev, next: its h_{t−1}, h_t).
  fn finish(x : i32, prev : i32, next : i32, j : i32, zi : vec4<f32>, zf : vec4<f32>, zc : vec4<f32>, zo : vec4<f32>) {
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
  fn main(index : i32) {
    let b0 = i32(workgroupId.x) * R;
    let lid = i32(localId.x);
    let B = uniforms.B;
    if (uniforms.tFirst == 0) {
      for (var j = lid; j < R * H; j += WG) {
        if (b0 * H + j < B * H) {
          result[b0 * H + j] = 0.0;
          result[uniforms.cs + b0 * H + j] = 0.0;
        }
      }
      storageBarrier();
    }
    for (var t = uniforms.tFirst; t < uniforms.tEnd; t++) {
      for (var j = lid; j < R * H; j += WG) {
        let r = j / H;
        hPrev[j] = result[(t * B + min(b0 + r, B - 1)) * H + j - r * H];
      }
      workgroupBarrier();
      for (var q = lid; q < Q; q += WG) {
        let j = 4 * q;${perRow(R, (r) => `
        let row${r} = t * B + min(b0 + ${r}, B - 1);
        let x${r} = row${r} * 4 * H;
        var zi${r} = load4(x${r} + j);
        var zf${r} = load4(x${r} + H + j);
        var zc${r} = load4(x${r} + 2 * H + j);
        var zo${r} = load4(x${r} + 3 * H + j);`)}
        for (var k = 0; k < H; k++) {
          let u = k * H + q;
          let ui = U[u];
          let uf = U[u + Q];
          let uc = U[u + 2 * Q];
          let uo = U[u + 3 * Q];${perRow(R, (r) => `
          let h${r} = hPrev[${r * H} + k];
          zi${r} += h${r} * ui;
          zf${r} += h${r} * uf;
          zc${r} += h${r} * uc;
          zo${r} += h${r} * uo;`)}
        }${perRow(R, (r) => `
        if (b0 + ${r} < B) {
          finish(x${r}, row${r} * H, (row${r} + B) * H, j, zi${r}, zf${r}, zc${r}, zo${r});
        }`)}
      }
      storageBarrier();
      workgroupBarrier();
    }
  }`;
  const program = rowProgram(`fusedLstmForwardVec4_${H}_${R}`, length, Math.ceil(B / R), WG, ['X', 'U'], ['B', 'tFirst', 'tEnd', 'cs', 'acts'], body);
  return { ...program, variableComponents: [1, 4] };
}

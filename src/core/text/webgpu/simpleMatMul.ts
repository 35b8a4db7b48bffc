// Register-blocked matrix product kernels for the fused path's whole-window products: C = A·B, Aᵀ·B or
// A·Bᵀ, one dispatch each. A thread computes a block of 4 rows × 16 columns of C (4 × 4 where B cannot be
// read as vec4 along its rows) in vec4 accumulators, without workgroup memory or barriers. An optional
// bias [N] (input Bias) is added as C is written: fusedDense, the output layer's h·W + b in one dispatch.
//
// Why register blocks? The software adapter (and a GPU's load units) spend their time on loads: per k the
// block costs 4 loads of A (one vec4 when A's four rows sit side by side, 'tn'; or a vec4 of A along k per
// four k, 'nn') and 4 vec4 loads of B for 64 multiply-adds — 1 load per 16 here against 1 per 3 in the
// earlier one-thread-per-output-quad kernel. Measured for the default LSTM 128, batch 32, window 64, on the
// software adapter (ms, check/fusedChecks.ts's timing suite, old kernel → this one, two runs back to back):
// ∂U = H_prevᵀ·dz [128 × 2,048 × 512] 695 → 244–287; logits h·W [2,048 × 128 × 89] 356 → 60–110;
// ∂h = dy·Wᵀ 585 → 55–74; ∂W = hᵀ·dy 596 → 46–103. A fused training step: 5.6 s → 2.2–3.3 s.
// Why not tf.matMul? TensorFlow.js's WebGPU matmul tiles through workgroup memory with a barrier per tile,
// which the software adapter runs slowly, and it falls back to scalar code for widths like the vocabulary
// (89); ∂U through tf.matMul took 0.8–2.2 s in the same runs.
// Layouts (row-major): 'nn' A [M, K], B [K, N]; 'tn' A [K, M], B [K, N]; 'nt' A [M, K], B [N, K]; C [M, N].
// Reads (plan()): A as vec4 of rows i…i+3 ('tn', M % 4 = 0) or along k ('nn'/'nt', K % 4 = 0), else
// scalar; B as vec4 along n ('nn'/'tn', N % 4 = 0; 4 quads per thread when N % 16 = 0) or along k ('nt',
// K % 4 = 0), else scalar. Edge rows and columns are clamped for loads and skipped for writes.
// Dispatch: ⌈⌈M/4⌉·column blocks / 64⌉ workgroups of 64; column block fastest, so neighbouring threads read
// neighbouring floats of B. Uniforms: M, N, K (the WGSL depends only on the plan: one pipeline per plan).
// Reference: tf.matMul(a, b, transposeA, transposeB); checked in check/fusedChecks.ts (the output layer, the
// embedding table and ∂U of every agreement case: hidden 300/8, vocabulary 2, batch 1 reach the edge paths).
import * as tf from '../../tf';
import { columnSum } from './biasAdd';
import { runProgram, type FusedProgram } from './program';

export type Orientation = 'nn' | 'tn' | 'nt';

const WG = 64;
/** Output rows per thread (the register block's height). */
const RM = 4;

/** How a kernel reads A and B: which operand is bound as vec4, along which axis. */
interface Plan {
  /** 'rows': A [K, M] ('tn') as vec4 of four neighbouring rows i…i+3; 'k': A's rows as vec4 along k ('nn'); 'scalar'. */
  a: 'rows' | 'k' | 'scalar';
  /** 'n': B [K, N] as vec4 along n ('nn'/'tn'); 'k': B [N, K] as vec4 along k ('nt'); 'scalar'. */
  b: 'n' | 'k' | 'scalar';
  /** Column quads per thread (4 when B is read along n and N is a multiple of 16; else 1). */
  P: number;
}

function plan(orientation: Orientation, M: number, N: number, K: number): Plan {
  const a = orientation === 'tn' ? (M % 4 === 0 ? 'rows' : 'scalar') : K % 4 === 0 ? 'k' : 'scalar';
  const b = orientation === 'nt' ? (K % 4 === 0 ? 'k' : 'scalar') : N % 4 === 0 ? 'n' : 'scalar';
  return { a, b, P: b === 'n' && N % 16 === 0 ? 4 : 1 };
}

const LANE = ['x', 'y', 'z', 'w'];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function matMulProgram(orientation: Orientation, M: number, N: number, K: number, bias = false): FusedProgram {
  const { a, b, P } = plan(orientation, M, N, K);
  const S = a === 'k' || b === 'k' ? 4 : 1; // k per loop iteration (4 when an operand is read along k)
  const rows = range(RM);
  const steps = range(S);
  const quads = range(P);
  // Loads at the top of an iteration, then the element expressions the multiply-adds use.
  const loads: string[] = [];
  let aAt: (r: number, s: number) => string;
  if (a === 'rows') {
    loads.push(...steps.map((s) => `let a${s} = A[((k + ${s}) * M + i0) / 4];`));
    aAt = (r, s) => `a${s}.${LANE[r]}`;
  } else if (a === 'k') {
    loads.push(...rows.map((r) => `let a${r} = A[(row${r} * K + k) / 4];`));
    aAt = (r, s) => `a${r}.${LANE[s]}`;
  } else {
    aAt = (r, s) => (orientation === 'tn' ? `A[(k + ${s}) * M + row${r}]` : `A[row${r} * K + k + ${s}]`);
  }
  let bAt: (s: number, p: number) => string;
  if (b === 'n') {
    loads.push(...steps.flatMap((s) => quads.map((p) => `let b${s}_${p} = B[(k + ${s}) * NQ + col${p}];`)));
    bAt = (s, p) => `b${s}_${p}`;
  } else if (b === 'k') {
    loads.push(...range(4).map((c) => `let b${c} = B[(col${c} * K + k) / 4];`));
    bAt = (s) => `vec4<f32>(${range(4).map((c) => `b${c}.${LANE[s]}`).join(', ')})`;
  } else {
    const at = (c: number, s: number) => (orientation === 'nt' ? `B[col${c} * K + k + ${s}]` : `B[(k + ${s}) * N + col${c}]`);
    loads.push(...steps.map((s) => `let b${s} = vec4<f32>(${range(4).map((c) => at(c, s)).join(', ')});`));
    bAt = (s) => `b${s}`;
  }
  // Columns: P quads (vec4 along n) or 4 single columns; clamped so loads stay in range, writes guarded.
  const colBlocks = b === 'n' ? `((NQ + ${P - 1}) / ${P})` : '((N + 3) / 4)';
  const colDecls =
    b === 'n'
      ? quads.map((p) => `let col${p} = min(cb * ${P} + ${p}, NQ - 1);`)
      : range(4).map((c) => `let col${c} = min(cb * 4 + ${c}, N - 1);`);
  const plus = (column: string) => (bias ? ` + Bias[${column}]` : '');
  const writes = rows.flatMap((r) =>
    b === 'n'
      ? quads.map((p) => `if (i0 + ${r} < M && cb * ${P} + ${p} < NQ) { let o = (i0 + ${r}) * N + 4 * (cb * ${P} + ${p}); ${range(4).map((c) => `result[o + ${c}] = acc${r}_${p}.${LANE[c]}${plus(`4 * (cb * ${P} + ${p}) + ${c}`)};`).join(' ')} }`)
      : range(4).map((c) => `if (i0 + ${r} < M && cb * 4 + ${c} < N) { result[(i0 + ${r}) * N + cb * 4 + ${c}] = acc${r}_0.${LANE[c]}${plus(`cb * 4 + ${c}`)}; }`),
  );
  const body = `
  fn main(index : i32) {
    let M = uniforms.M;
    let N = uniforms.N;
    let K = uniforms.K;
    let NQ = N / 4;
    let CB = ${colBlocks};
    if (index >= ((M + ${RM - 1}) / ${RM}) * CB) { return; }
    let cb = index % CB;
    let i0 = (index / CB) * ${RM};
    ${rows.map((r) => `let row${r} = min(i0 + ${r}, M - 1);`).join(' ')}
    ${colDecls.join(' ')}
    ${rows.flatMap((r) => quads.map((p) => `var acc${r}_${p} = vec4<f32>(0.0);`)).join(' ')}
    for (var k = 0; k < K; k += ${S}) {
      ${loads.join('\n      ')}
      ${steps.flatMap((s) => rows.flatMap((r) => quads.map((p) => `acc${r}_${p} += ${aAt(r, s)} * ${bAt(s, p)};`))).join('\n      ')}
    }
    ${writes.join('\n    ')}
  }`;
  const threads = Math.ceil(M / RM) * (b === 'n' ? Math.ceil(N / 4 / P) : Math.ceil(N / 4));
  return {
    outputShape: [M * N],
    shaderKey: `fusedMatMul_${orientation}_${a}_${b}_${P}${bias ? '_bias' : ''}`,
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(threads / WG), 1, 1],
    variableNames: bias ? ['A', 'B', 'Bias'] : ['A', 'B'],
    workgroupSize: [WG, 1, 1],
    uniforms: 'M : i32, N : i32, K : i32,',
    uniformNames: ['M', 'N', 'K'],
    size: false,
    variableComponents: [a === 'scalar' ? 1 : 4, b === 'scalar' ? 1 : 4, ...(bias ? [1] : [])],
    getUserCode: () => body,
  };
}

/** op(A)·op(B) (+ bias [N] on every row) as one dispatch (see the header for the orientations). WebGPU backend only. */
export function simpleMatMul(A: tf.Tensor2D, B: tf.Tensor2D, orientation: Orientation = 'nn', bias?: tf.Tensor): tf.Tensor2D {
  const [M, K] = orientation === 'tn' ? [A.shape[1], A.shape[0]] : A.shape;
  const N = orientation === 'nt' ? B.shape[0] : B.shape[1];
  const inputs = bias ? [A, B, bias] : [A, B];
  return tf.reshape(runProgram(matMulProgram(orientation, M, N, K, !!bias), inputs, { M, N, K }), [M, N]);
}

/** a [M, K] · b [K, N], differentiable: ∂a = dy·bᵀ, ∂b = aᵀ·dy, all three as simpleMatMul kernels. */
export function fusedMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: simpleMatMul(x, w, 'nn'),
      gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [
        simpleMatMul(dy as tf.Tensor2D, ws as tf.Tensor2D, 'nt'),
        simpleMatMul(xs as tf.Tensor2D, dy as tf.Tensor2D, 'tn'),
      ],
    };
  });
  return op(a, b) as tf.Tensor2D;
}

/** a [M, K] · b [K, N] + bias [N], differentiable: the product and the bias in one dispatch; ∂bias = Σ_rows dy. */
export function fusedDense(a: tf.Tensor2D, b: tf.Tensor2D, bias: tf.Tensor): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, c, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: simpleMatMul(x, w, 'nn', c),
      gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [
        simpleMatMul(dy as tf.Tensor2D, ws as tf.Tensor2D, 'nt'),
        simpleMatMul(xs as tf.Tensor2D, dy as tf.Tensor2D, 'tn'),
        columnSum(dy as tf.Tensor2D),
      ],
    };
  });
  return op(a, b, bias) as tf.Tensor2D;
}

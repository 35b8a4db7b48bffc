// Row gather and row scatter-add on TensorFlow.js's WASM backend, as loops over views of the WASM heap: the
// first recurrent layer's input lookup (x_n = P[ids_n], P [V, G·H]) and its gradient.
//
// Why: without them the training graph (tfjs/rowLookup.ts) does both as products with a one-hot matrix:
//   forward   X = oneHot(ids) · P            [N, V]·[V, D]   V·N·D multiply-adds
//   backward  ∂P = oneHot(ids)ᵀ · ∂X         [V, N]·[N, D]   the same, plus the one-hot's transpose
// because tfjs's WASM Gather walks its output element by element and the gather's own gradient
// (UnsortedSegmentSum) has no WASM kernel. For the default LSTM (V 89, N = 16 × 64 = 1,024, D 512) that is
// 2 × 46.7 M multiply-adds, almost all by zero: a profile of one training step in Node put them at ~6.4 ms
// of ~38 ms. Here:
//   gather       out[n, :] = P[ids_n, :]                   one TypedArray.set of D floats per row
//   scatter-add  ∂P[v, :] = Σ_{n : ids_n = v} ∂X[n, :]       N·D adds, rows in order n = 0 … N−1
// The gather copies the same bytes, so it is bit-identical to the product (a one-hot row picks one term);
// the scatter-add sums in row order, so it can differ from the product's order in the last bits of float32.
// tests/unit/wasm-rows.test.ts checks both against tfjs's gather and its gradient on the CPU backend.
//
// useHeapViewRows() registers the two kernels under names of their own (nothing of tfjs's is replaced);
// rowLookup.ts uses them where hasHeapViewRows() says the active backend is WASM and they are registered.
import * as tf from './tf';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Info = tf.TensorInfo;

export const ROW_GATHER = 'BackpropRowGather';
export const ROW_SCATTER_ADD = 'BackpropRowScatterAdd';

interface KernelArgs<I, A> {
  inputs: I;
  attrs: A;
  backend: BackendWasm;
}

/** Throws unless every id is a row of a table with `rows` rows (a bad id would read or write off the table). */
function checkIds(ids: Int32Array, rows: number): void {
  for (let n = 0; n < ids.length; n++) {
    if (!(ids[n] >= 0 && ids[n] < rows)) throw new RangeError(`row id ${ids[n]} is outside 0 … ${rows - 1}`);
  }
}

/** table [V, D] float32, ids [N] int32 → [N, D]. */
const rowGather: tf.KernelFunc = (args) => {
  const { inputs, backend } = args as unknown as KernelArgs<{ table: Info; ids: Info }, Record<string, never>>;
  const { table, ids } = inputs;
  const [V, D] = table.shape;
  const N = ids.shape[0];
  // Allocate first: makeOutput may grow the heap, which detaches views taken before it.
  const out = backend.makeOutput([N, D], 'float32');
  const at = backend.typedArrayFromHeap(ids) as Int32Array;
  checkIds(at, V);
  const src = backend.typedArrayFromHeap(table) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  for (let n = 0; n < N; n++) dst.set(src.subarray(at[n] * D, at[n] * D + D), n * D);
  return out;
};

/** ids [N] int32, dy [N, D] float32, attr rows V → [V, D], row v the sum of the dy rows whose id is v. */
const rowScatterAdd: tf.KernelFunc = (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs<{ ids: Info; dy: Info }, { rows: number }>;
  const { ids, dy } = inputs;
  const V = attrs.rows;
  const [N, D] = dy.shape;
  const out = backend.makeOutput([V, D], 'float32');
  const at = backend.typedArrayFromHeap(ids) as Int32Array;
  checkIds(at, V);
  const src = backend.typedArrayFromHeap(dy) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  dst.fill(0); // the heap is reused: a fresh output is not zeroed
  for (let n = 0; n < N; n++) {
    const o = at[n] * D;
    const s = n * D;
    for (let c = 0; c < D; c++) dst[o + c] += src[s + c];
  }
  return out;
};

/** Registers the two kernels on the WASM backend (once its module has been imported). Idempotent. */
export function useHeapViewRows(): void {
  if (!tf.getKernel('Slice', 'wasm')) return; // no WASM backend imported
  if (tf.getKernel(ROW_GATHER, 'wasm')) return;
  tf.registerKernel({ kernelName: ROW_GATHER, backendName: 'wasm', kernelFunc: rowGather });
  tf.registerKernel({ kernelName: ROW_SCATTER_ADD, backendName: 'wasm', kernelFunc: rowScatterAdd });
}

/** Whether the active backend is WASM with the two kernels registered. */
export function hasHeapViewRows(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(ROW_GATHER, 'wasm') !== undefined;
}

/** Rows ids of table [V, D] (no gradient of its own: rowLookup.ts writes it out). */
export function heapRowGather(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  return tf.engine().runKernel(ROW_GATHER, { table, ids }) as tf.Tensor2D;
}

/** ∂table [rows, D] of a row lookup, from its ids [N] and ∂out [N, D]. */
export function heapRowScatterAdd(ids: tf.Tensor1D, dy: tf.Tensor2D, rows: number): tf.Tensor2D {
  return tf.engine().runKernel(ROW_SCATTER_ADD, { ids, dy }, { rows }) as tf.Tensor2D;
}

// Slice, SplitV and Unpack on TensorFlow.js's WASM backend, as copies between views of the WASM heap.
//
// Why: tfjs-backend-wasm implements these three kernels in JavaScript, and its slice first reads the WHOLE
// input out of the heap (`readSync` → `HEAPU8.slice`, a fresh copy) before copying the part it wants. For
// the LSTM's gate split (z [B, 4H] → i, f, g, o, at every time step) that is four full copies of z per step.
// In Node that costs little; in Chromium's worker that heap copy is slow: profiling one training step of the
// Text lab's default LSTM (window 16 × batch 64), SplitV took 35% of all kernel time in the browser (2.9 ms
// per call, against 0.09 ms in Node), and the page trained at ~11 k chars/s where Node ran ~19 k.
//
// Here each output is filled straight from a view of the input (`typedArrayFromHeap`, no copy), one
// `TypedArray.set` per contiguous run: trailing dimensions taken whole merge into one run, so a split along
// the first axis is one copy per part and the gate split is one copy per batch row and gate. The values are
// the same bytes, so results are bit-identical to tfjs's kernels (tests/unit/wasm-slices.test.ts).
//
// Call useHeapViewSlices() once the WASM backend's module has been imported (it registers its kernels on
// import; a later registration would replace these), before training: the worker's backend.ts, the CLI, the
// bench and the WASM unit tests do. Strings (and any dtype without a heap view) go to tfjs's own kernel.
import * as tf from './tf';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Info = tf.TensorInfo;
const HEAP_DTYPES: ReadonlySet<string> = new Set(['float32', 'int32', 'bool']);

/** Copies x[begin : begin + size] into a new tensor on the WASM heap. */
function sliceFromHeap(x: Info, begin: readonly number[], size: readonly number[], backend: BackendWasm): Info {
  // Allocate first: makeOutput may grow the heap, which detaches views taken before it.
  const out = backend.makeOutput([...size], x.dtype);
  const count = tf.util.sizeFromShape([...size]);
  if (count === 0) return out;
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  // The innermost axis `d` not taken whole: everything from d inwards is one contiguous run.
  let d = rank - 1;
  let run = 1;
  while (d >= 0 && begin[d] === 0 && size[d] === x.shape[d]) run *= size[d--];
  if (d < 0) {
    dst.set(src);
    return out;
  }
  const stride = (axis: number) => (axis === rank - 1 ? 1 : strides[axis]);
  run *= size[d];
  const index = new Array<number>(d).fill(0); // position in the outer axes 0 … d−1
  for (let written = 0; written < count; written += run) {
    let from = begin[d] * stride(d);
    for (let k = 0; k < d; k++) from += (begin[k] + index[k]) * strides[k];
    dst.set(src.subarray(from, from + run), written);
    for (let k = d - 1; k >= 0 && ++index[k] === size[k]; k--) index[k] = 0;
  }
  return out;
}

interface KernelArgs<I, A> {
  inputs: I;
  attrs: A;
  backend: BackendWasm;
}

/** Replaces the WASM backend's Slice, SplitV and Unpack kernels with heap-view copies. Idempotent. */
export function useHeapViewSlices(): void {
  const original = tf.getKernel('Slice', 'wasm');
  if (!original || original.kernelFunc === slice) return; // no WASM backend imported, or already done
  originalSlice = original.kernelFunc;
  replace('Slice', slice);
  replace('SplitV', splitV);
  replace('Unpack', unpack);
}

let originalSlice: tf.KernelFunc | undefined;

function replace(kernelName: string, kernelFunc: tf.KernelFunc): void {
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

const slice: tf.KernelFunc = (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs<{ x: Info }, { begin: number | number[]; size?: number | number[] }>;
  const x = inputs.x;
  if (!HEAP_DTYPES.has(x.dtype) && originalSlice) return originalSlice(args);
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
  return sliceFromHeap(x, begin, size, backend);
};

/** As tfjs's SplitV: consecutive slices along `axis`. */
const splitV: tf.KernelFunc = (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs<{ x: Info }, { numOrSizeSplits: number | number[]; axis: number }>;
  const x = inputs.x;
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((part) => {
    const size = [...x.shape];
    size[axis] = part;
    const piece = HEAP_DTYPES.has(x.dtype) ? sliceFromHeap(x, begin, size, backend) : (originalSlice!({ ...args, attrs: { begin: [...begin], size } }) as Info);
    begin[axis] += part;
    return piece;
  });
};

/** As tfjs's Unpack (unstack): one slice of thickness 1 per index along `axis`, that axis dropped. */
const unpack: tf.KernelFunc = (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs<{ value: Info }, { axis: number }>;
  const value = inputs.value;
  const axis = attrs.axis < 0 ? attrs.axis + value.shape.length : attrs.axis;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const begin = new Array<number>(value.shape.length).fill(0);
  const size = [...value.shape];
  size[axis] = 1;
  const outs: Info[] = [];
  for (let i = 0; i < value.shape[axis]; i++) {
    begin[axis] = i;
    const piece = HEAP_DTYPES.has(value.dtype) ? sliceFromHeap(value, begin, size, backend) : (originalSlice!({ inputs: { x: value }, attrs: { begin: [...begin], size }, backend }) as Info);
    outs.push({ dataId: piece.dataId, dtype: piece.dtype, shape: outShape });
  }
  return outs;
};

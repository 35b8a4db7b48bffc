// The kernels this project adds to TensorFlow.js's WASM backend, registered together: heap-view Slice,
// SplitV and Unpack in place of tfjs's (wasmSlices.ts), and the row gather and scatter-add of the first
// layer's lookup (wasmRows.ts). Call once the WASM backend's module has been imported, before training:
// the worker's backend.ts, the CLI, the bench and the WASM unit tests do.
import { useHeapViewRows } from './wasmRows';
import { useHeapViewSlices } from './wasmSlices';

export function useWasmHeapKernels(): void {
  useHeapViewSlices();
  useHeapViewRows();
}

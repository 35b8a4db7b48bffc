// Browser-only (Vite): URLs of TensorFlow.js's WASM binaries, for setWasmPaths, and of the two scripts its
// threaded build needs (wasmThreads.ts). Without them the .wasm fetch 404s under Vite (or gets index.html
// under `vite preview`). Node tests never import this file.
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export { WASM_THREAD_SCRIPTS } from 'virtual:tfjs-wasm-threads';

export const WASM_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threaded,
};

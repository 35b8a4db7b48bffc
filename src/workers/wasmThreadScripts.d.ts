// The virtual module of src/node/tfjsWasmThreads.ts (a Vite plugin): same-origin URLs of TensorFlow.js's
// WASM-thread scripts, for src/workers/wasmThreads.ts.
declare module 'virtual:tfjs-wasm-threads' {
  /** The pthread worker script and the Emscripten main script each thread imports. */
  export const WASM_THREAD_SCRIPTS: { pthreadWorker: string; mainScript: string };
}

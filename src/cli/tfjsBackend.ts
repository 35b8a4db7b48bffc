// TensorFlow.js for the command line, loaded only by the commands that use it (importing it takes about a
// second; the tutorial's from-scratch run and --reference replays start without it). WASM is the default
// backend: @tensorflow/tfjs-backend-wasm runs in Node as in the browser (its .wasm files load from
// node_modules), ~10× faster than the plain-JavaScript CPU backend on the LSTM. `--backend cpu` keeps the CPU
// one (float32 arithmetic either way; WASM sums in a different order, so the last digits differ).

export const CLI_BACKENDS = ['wasm', 'cpu'] as const;
export type CliBackend = (typeof CLI_BACKENDS)[number];
export const DEFAULT_CLI_BACKEND: CliBackend = 'wasm';

export type Tf = typeof import('@tensorflow/tfjs');

/** Imports TensorFlow.js and activates `backend`; throws when it cannot start (tfjs would quietly fall back). */
export async function startTfjs(backend: CliBackend): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  // PROD: no debug checks, and no "install tfjs-node" banner on stderr (tfjs-node is not a dependency here).
  tf.env().set('PROD', true);
  if (backend === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm'); // registers the backend and its flags
    const { useWasmHeapKernels } = await import('../core/wasmKernels');
    useWasmHeapKernels(); // the WASM kernels the worker runs (wasmKernels.ts)
    // One thread: the threaded build needs cross-origin isolation in a browser and worker plumbing in Node.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js could not start its ${backend} backend`);
  await tf.ready();
  return tf;
}

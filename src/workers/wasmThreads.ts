// TensorFlow.js's WASM backend with threads where the page is cross-origin isolated, single-threaded elsewhere
// (and in Node); backend.ts calls prepareWasm() before it activates 'wasm', and reports wasmSetup().
//
// tfjs-backend-wasm picks its threaded-SIMD build by itself when SharedArrayBuffer exists, but starts the
// pthread workers from blob: URLs, and each thread importScripts() a blob of the Emscripten factory's
// toString(): the page's CSP (script-src 'self', src/site/csp.ts) refuses that, and the threads never start
// (the backend then hangs). Instead, this file registers its own factory for 'wasm' that starts the same
// build with `locateFile` and `mainScriptUrlOrBlob` pointing at two same-origin files written from the
// installed package at build time (src/node/tfjsWasmThreads.ts): no blob: script, no CSP change. What tfjs's
// init() adds to the Emscripten module (the `tfjs` cwrap table) is repeated here; BackendWasm, the kernels
// and setThreadsCount are tfjs's own.
//
// - Threads: `threads` 0 = navigator.hardwareConcurrency, at most MAX_THREADS (the build pre-starts 8
//   pthread workers and caps its pool there; XNNPACK counts the calling thread as one of its threads); 1 =
//   the single-threaded build; absent = DEFAULT_WASM_THREADS. The build would halve the count (it assumes two
//   logical cores per physical core): withLogicalCores() keeps it from doing so.
// - If the threaded build does not come up within THREAD_START_MS (a missing script, a browser that refuses
//   the shared memory), the single-threaded build starts instead and the report says why.
// - The count is fixed when the backend starts: asking for another count later removes the 'wasm' backend
//   (its tensors go with it: the Text session drops its model before it re-initialises) and starts anew.
import * as tf from '../core/tf';
import { BackendWasm, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { WasmSetup } from './textProtocolTypes';

/** The same-origin URLs of the two thread scripts (backendWasmUrls.ts, from `virtual:tfjs-wasm-threads`). */
export interface WasmThreadScripts {
  pthreadWorker: string;
  mainScript: string;
}

export interface WasmThreadOptions {
  scripts: WasmThreadScripts;
  /** Threads wanted: 0 = the machine's logical cores (at most MAX_THREADS); 1 = single-threaded; absent =
   *  DEFAULT_WASM_THREADS. */
  threads?: number;
}

export const MAX_THREADS = 8;
/** Single-threaded unless asked: on the 2-core machine the defaults were measured on, threads did not pay —
 *  `npm run bench -- --only=threads` (training only, window 16 × batch 64, best of 3 alternating rounds),
 *  1 thread vs 2 in chars/s: nearly idle, LSTM 128 9,255 vs 9,408 (1.02×), RNN 128 34,027 vs 31,311 (0.92×);
 *  another quiet run 1.08× / 0.89×; with other jobs loading the machine 0.60× / 0.36×. A step is thousands of
 *  small kernels, and each parallel one pays a wake-up and a barrier, while the page's own thread wants a
 *  core too. Set this to 0 (one thread per core) where that bench shows threads clearly ahead. */
export const DEFAULT_WASM_THREADS = 1;
const THREAD_START_MS = 20_000;
const WASM_PRIORITY = 2; // tfjs-backend-wasm's own

type Factory = () => tf.KernelBackend | Promise<tf.KernelBackend>;
type Cwrapped = (...args: number[]) => number;
interface EmscriptenModuleLike {
  cwrap(name: string, returns: 'number' | null, args: 'number'[]): Cwrapped;
  PThread?: { terminateAllThreads(): void };
}
interface FactoryConfig {
  mainScriptUrlOrBlob?: string;
  locateFile?(path: string, prefix: string): string;
  onAbort?(message: string): void;
}
type ModuleFactory = (config: FactoryConfig) => Promise<EmscriptenModuleLike>;

let tfjsFactory: Factory | undefined;
let registeredThreads: number | undefined;
let threadSupport: Promise<boolean> | undefined;
let setup: WasmSetup = { simd: false, threads: 1 };

/** The threads a request asks for, within [1, MAX_THREADS]. */
export function wantedThreads(threads: number | undefined, hardwareConcurrency: number | undefined): number {
  const asked = threads ?? DEFAULT_WASM_THREADS;
  const n = asked > 0 ? asked : (hardwareConcurrency ?? 1);
  return Math.max(1, Math.min(MAX_THREADS, Math.floor(n)));
}

/** Cross-origin isolated, SharedArrayBuffer transferable, threads and SIMD validated (asked once: tfjs's flag
 *  is set to false afterwards so its own factory always starts the single-threaded build). */
function supportsThreads(): Promise<boolean> {
  threadSupport ??= (async () => {
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    const [simd, threads] = await Promise.all([tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')]);
    return isolated && simd === true && threads === true;
  })();
  return threadSupport;
}

/** While the module starts, navigator.hardwareConcurrency reads `2 × threads`: the build sizes its thread pool
 *  as min(asked, hardwareConcurrency / 2, 8), assuming two logical cores per physical one, so a 2-core
 *  machine without SMT would get 1 thread whatever is asked. The reading is restored afterwards. */
function withLogicalCores<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const nav = globalThis.navigator as (Navigator & { hardwareConcurrency: number }) | undefined;
  if (!nav) return start();
  Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  const restore = () => delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; // the prototype's getter again
  return start().finally(restore);
}

/** Starts the threaded-SIMD Emscripten module from the same-origin scripts, with tfjs's cwrap table. */
async function startThreadedModule(scripts: WasmThreadScripts, wasmUrl: string, threads: number): Promise<EmscriptenModuleLike> {
  const imported = (await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) as unknown as {
    default?: ModuleFactory;
  };
  const factory = imported.default ?? (imported as unknown as ModuleFactory);
  const config: FactoryConfig & { PThread?: { terminateAllThreads(): void } } = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const module = await new Promise<EmscriptenModuleLike>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`its threads did not start within ${THREAD_START_MS / 1000} s`)), THREAD_START_MS);
      config.locateFile = (path, prefix) => (path.endsWith('.worker.js') ? scripts.pthreadWorker : path.endsWith('.wasm') ? wasmUrl : prefix + path);
      config.mainScriptUrlOrBlob = scripts.mainScript;
      config.onAbort = (message) => reject(new Error(`the threaded build aborted: ${message}`));
      withLogicalCores(threads, () => factory(config)).then(resolve, reject);
    });
    // As tfjs-backend-wasm's init() does (the names BackendWasm and the kernels call).
    Object.assign(module, {
      tfjs: {
        init: module.cwrap('init', null, []),
        initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
        getThreadsCount: module.cwrap('get_threads_count', 'number', []),
        registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
        disposeData: module.cwrap('dispose_data', null, ['number']),
        dispose: module.cwrap('dispose', null, []),
      },
    });
    return module;
  } catch (err) {
    config.PThread?.terminateAllThreads(); // Emscripten's Module is the config object
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** The factory registered for 'wasm': `threads` > 1 starts the threaded build, else (or if that fails) tfjs's
 *  own single-threaded one. */
function factoryFor(threads: number, options: WasmThreadOptions | undefined, wasmPaths: Record<string, string> | undefined, original: Factory): Factory {
  return async () => {
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    let note: string | undefined;
    if (threads > 1 && options) {
      const wasmUrl = wasmPaths?.['tfjs-backend-wasm-threaded-simd.wasm'] ?? 'tfjs-backend-wasm-threaded-simd.wasm';
      try {
        const module = await startThreadedModule(options.scripts, wasmUrl, threads);
        setThreadsCount(threads);
        const backend = new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
        setup = { simd: true, threads: getThreadsCount() };
        return backend;
      } catch (err) {
        note = `WASM threads could not start (${(err as Error).message}): single-threaded`;
      }
    }
    setThreadsCount(-1); // tfjs's default; the single-threaded build has no thread pool
    const backend = await original();
    setup = { simd, threads: 1, note: note ?? setup.note };
    return backend;
  };
}

/**
 * Call before tf.setBackend('wasm'): registers the factory that starts the WASM backend with the threads
 * `options` asks for where this context can run them (crossOriginIsolated), else single-threaded. Without
 * `options` (Node, or a caller that wants no threads) WASM stays single-threaded, as before threads existed.
 */
export async function prepareWasm(options: WasmThreadOptions | undefined, wasmPaths?: Record<string, string>): Promise<void> {
  const wanted = options ? wantedThreads(options.threads, globalThis.navigator?.hardwareConcurrency) : 1;
  const possible = options !== undefined && (await supportsThreads()) && wanted > 1; // asked before the flag is set
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // tfjs's own factory: the single-threaded build
  if (!options) {
    setup = { simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true, threads: 1 };
    return; // tfjs's own factory, untouched
  }
  const threads = possible ? wanted : 1;
  if (registeredThreads === threads) return; // this factory is registered (its backend may be running)
  tfjsFactory ??= tf.findBackendFactory('wasm') ?? undefined;
  if (!tfjsFactory) throw new Error('the WASM backend is not registered (@tensorflow/tfjs-backend-wasm not imported)');
  if (tf.findBackendFactory('wasm')) tf.removeBackend('wasm'); // tfjs's, or ours started with another count
  tf.registerBackend('wasm', factoryFor(threads, options, wasmPaths, tfjsFactory), WASM_PRIORITY);
  registeredThreads = threads;
  const note = wanted > 1 && !possible ? 'single-threaded: the page is not cross-origin isolated (or this browser has no WASM threads)' : undefined;
  setup = { simd: false, threads: 1, note };
}

/** What the WASM backend started last runs on. */
export function wasmSetup(): WasmSetup {
  return { ...setup };
}

// The data types the Text worker protocol's messages carry (textProtocol.ts holds the messages, their unions
// and the rules every message follows); textProtocol.ts re-exports everything here.
import type { QueriedLimits } from '../core/text/preflight';


/** What the page may ask for. 'auto' starts on the first working TensorFlow.js backend in the order WebGPU,
 *  WebGL, WASM, CPU (never a software adapter or renderer over WASM), and when training starts moves to the
 *  fastest hardware backend by measuring (`auto-backend`, textAutoProtocol.ts); 'scratch' is the
 *  from-scratch JavaScript vanilla RNN (no TensorFlow.js). */
export type EngineChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu' | 'scratch';
/** What actually runs. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu' | 'scratch';

/** GPUAdapterInfo, flattened (empty strings where the browser hides a field). */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software adapter (e.g. SwiftShader): correct but far slower than WASM. */
  isFallbackAdapter: boolean;
}

/** One backend the selection tried, in order. */
export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why it failed or was passed over (e.g. "navigator.gpu is undefined", "software adapter (swiftshader)"). */
  reason?: string;
}

/** How the WASM backend runs ("WASM · SIMD · 2 threads"; wasmThreads.ts). */
export interface WasmSetup {
  simd: boolean;
  /** Threads XNNPACK runs on (1: the single-threaded build). */
  threads: number;
  /** Why fewer threads run than were asked for, if so. */
  note?: string;
}

/** Reply to `init`: what runs and how it was chosen. */
export interface BackendReport {
  /** What the page asked for (an explicit choice that cannot start falls back along the 'auto' order). */
  requested: EngineChoice;
  engine: 'tfjs' | 'scratch';
  backend: BackendName;
  /** Present when a WebGPU adapter was queried (even if WebGPU was not chosen). */
  adapter?: AdapterInfo;
  /** Convenience copy of adapter.isFallbackAdapter (false when no adapter). */
  isFallbackAdapter: boolean;
  /** Every backend tried, in order, the last successful one included (for webgl its `reason` holds the
   *  renderer string). */
  tried: BackendAttempt[];
  /** TensorFlow.js version string (absent for 'scratch'). */
  tfjsVersion?: string;
  /** What the running backend reported about its limits (WebGPU buffer sizes, WebGL's texture size), for the
   *  resource check (core/text/preflight.ts); absent fields take the defaults. */
  limits?: QueriedLimits;
  /** Present when the backend is WASM. */
  wasm?: WasmSetup;
}

/** The corpus as the worker prepared it (reply to set-corpus). */
export interface CorpusStats {
  /** Code points in the (possibly lower-cased) text. */
  chars: number;
  lines: number;
  vocabSize: number;
  trainChars: number;
  validChars: number;
  /** Most frequent characters, most frequent first (at most 40). */
  topChars: { char: string; count: number }[];
  /** Characters mapped to the unknown token (rarer than minCount, or outside an imported model's vocab). */
  unknownChars: number;
}

/** Scoring convention (src/core/text/scoring.ts): each line starts from a zero state fed '\n' when the
 *  vocabulary has one, so every character of the line is scored as the start of a new line would be;
 *  without '\n' in the vocabulary the first character is context only. */
export interface LineScore {
  line: string;
  /** Characters scored. */
  chars: number;
  /** Total negative log-likelihood in nats. */
  nats: number;
  /** NaN when nothing was scored (also bitsPerChar, perplexity). */
  natsPerChar: number;
  bitsPerChar: number;
  perplexity: number;
  /** Distinct characters of the line outside the vocabulary (scored as the unknown token, or skipped). */
  missing: string[];
  /** Per scored character: its surprise −ln p in nats and the model's top guesses there. */
  perChar: { char: string; surprise: number; top: { char: string; p: number }[] }[];
}

/** Session phase, posted in `state` whenever it changes. */
export type SessionPhase =
  | 'uninitialised' // before `init`
  | 'empty' //         engine chosen, no model yet (needs corpus + build)
  | 'ready' //         model built, not training
  | 'training'
  | 'paused' //        paused by the page, or by divergence (see error 'diverged')
  | 'stopped' //       stopped by the page: final validation loss computed; `train` continues from here
  | 'lost'; //         device lost: send `init` again (weights are gone; re-import a saved model)

export type TextErrorCode =
  | 'bad-request' //    malformed or out-of-range request
  | 'bad-corpus' //     corpus unusable (empty, too short for the window, binary, …)
  | 'too-large' //      the setting needs more memory than the backend holds (build, reset, import refuse it)
  | 'no-corpus' //      needs set-corpus first
  | 'no-model' //       needs build or import first
  | 'not-initialised' // needs init first
  | 'busy' //           e.g. build while training (pause first)
  | 'diverged' //       loss became NaN/Infinity: training paused, weights rolled back to the last good copy
  //                    (the scratch engine re-initialises when it has none; the message says which)
  | 'device-lost' //    GPU device / WebGL context lost: phase 'lost'
  | 'backend-failed' // the requested backend could not start (reply to init)
  | 'bad-model-file' // import: malformed JSON, wrong shapes, vocab size mismatch …
  | 'unsupported' //    e.g. an operation the scratch engine lacks
  | 'internal'; //      a bug

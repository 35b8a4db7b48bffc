// What each backend can hold, as plain numbers the worker fills in from what it can query (an adapter's
// limits, WebGL's MAX_TEXTURE_SIZE) and the defaults below for what it cannot.
//
// A budget is `known` when it is a hard limit of the platform (the WASM heap's maximum, a WebGPU buffer
// limit the adapter reported): a setting over it cannot run and is refused. It is not known when browsers
// do not say (how much memory a GPU lends a page, how large the JS heap may grow): exceeding such a budget
// only warns that the setting may not fit, up to its `ceiling` (16 GiB), past which it refuses all the same.
import type { ResourceBackend } from './resources';

export interface Budget {
  bytes: number;
  /** True for a hard platform limit (exceeding it refuses); false for an assumption (exceeding it warns). */
  known: boolean;
  /** What it is, for messages: "the WebAssembly heap". */
  name: string;
  /** For an assumed budget: needs above this are refused anyway (more than a browser gives one page). */
  ceiling?: number;
}

export interface BackendLimits {
  backend: ResourceBackend;
  /** Everything the engine keeps at once. */
  memory: Budget;
  /** The largest single buffer / tensor. */
  buffer?: Budget;
  /** WebGL: the largest texture side; a tensor of n values needs n ≤ side². */
  maxTextureSize?: number;
}

const GB = 1024 ** 3;
const MB = 1024 ** 2;

/**
 * tfjs-backend-wasm 4.22's heap maximum: its module is built with a 65536-page (4 GiB) memory and grows up to
 * getHeapMax() = 4 GiB − 64 KiB (dist/tf-backend-wasm.js). 32-bit browsers stop at 2 GB: pass that there.
 */
export const WASM_HEAP_MAX_BYTES = 4294901760;
/** The WebGPU spec's default limits, which every adapter meets (tfjs asks for the adapter's own). */
export const WEBGPU_DEFAULT_MAX_BUFFER_SIZE = 256 * MB;
export const WEBGPU_DEFAULT_MAX_STORAGE_BINDING = 128 * MB;
/** Assumed MAX_TEXTURE_SIZE when none is passed: what phones report (desktop GPUs report 16384; the WebGL 2
 *  spec's minimum is 2048). The worker should pass tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE'). */
export const WEBGL_DEFAULT_MAX_TEXTURE_SIZE = 4096;
/** Assumed when the browser does not say: a GPU's memory for one page, and the JS heap. */
export const ASSUMED_GPU_MEMORY_BYTES = 2 * GB;
export const ASSUMED_JS_MEMORY_BYTES = 4 * GB;
/** Past these, an assumed budget refuses: more than consumer GPUs have, more than a tab's heap can grow to. */
export const GPU_MEMORY_CEILING_BYTES = 16 * GB;
export const JS_MEMORY_CEILING_BYTES = 16 * GB;
/** Assumed largest ArrayBuffer: 2 GiB − 1 is allowed everywhere; 64-bit Chrome and Firefox allow more. */
export const ASSUMED_JS_BUFFER_BYTES = 2 * GB - 1;

/** The adapter limits tfjs-backend-webgpu uses (GPUSupportedLimits has these two fields). */
export interface WebGpuLimitsLike {
  maxBufferSize?: number;
  maxStorageBufferBindingSize?: number;
}

function gpuMemory(bytes: number | undefined): Budget {
  return bytes !== undefined
    ? { bytes, known: true, name: "the GPU's memory" }
    : { bytes: ASSUMED_GPU_MEMORY_BYTES, known: false, name: "the GPU's memory", ceiling: GPU_MEMORY_CEILING_BYTES };
}

export function wasmLimits(heapBytes = WASM_HEAP_MAX_BYTES): BackendLimits {
  return { backend: 'wasm', memory: { bytes: heapBytes, known: true, name: 'the WebAssembly heap' } };
}

export function webgpuLimits(adapter: WebGpuLimitsLike = {}, memoryBytes?: number): BackendLimits {
  const maxBuffer = adapter.maxBufferSize ?? WEBGPU_DEFAULT_MAX_BUFFER_SIZE;
  const binding = adapter.maxStorageBufferBindingSize ?? WEBGPU_DEFAULT_MAX_STORAGE_BINDING;
  return {
    backend: 'webgpu',
    memory: gpuMemory(memoryBytes),
    buffer:
      binding <= maxBuffer
        ? { bytes: binding, known: true, name: "WebGPU's largest storage buffer (maxStorageBufferBindingSize)" }
        : { bytes: maxBuffer, known: true, name: "WebGPU's largest buffer (maxBufferSize)" },
  };
}

export function webglLimits(maxTextureSize = WEBGL_DEFAULT_MAX_TEXTURE_SIZE, memoryBytes?: number): BackendLimits {
  return {
    backend: 'webgl',
    memory: gpuMemory(memoryBytes),
    maxTextureSize,
  };
}

/** The tfjs CPU backend and the from-scratch engine keep their arrays in the JS heap. */
export function jsLimits(backend: 'cpu' | 'scratch', heapBytes?: number): BackendLimits {
  return {
    backend,
    memory:
      heapBytes !== undefined
        ? { bytes: heapBytes, known: true, name: 'the JavaScript heap' }
        : { bytes: ASSUMED_JS_MEMORY_BYTES, known: false, name: 'the JavaScript heap', ceiling: JS_MEMORY_CEILING_BYTES },
    buffer: { bytes: ASSUMED_JS_BUFFER_BYTES, known: false, name: "the browser's largest array" },
  };
}

/** The defaults for `backend` when nothing was queried. */
export function defaultLimits(backend: ResourceBackend): BackendLimits {
  switch (backend) {
    case 'wasm':
      return wasmLimits();
    case 'webgpu':
      return webgpuLimits();
    case 'webgl':
      return webglLimits();
    case 'cpu':
    case 'scratch':
      return jsLimits(backend);
  }
}

// Choosing the TensorFlow.js backend for the Text worker (works on the page's main thread too).
//
// 'auto' tries, in order: WebGPU (where navigator.gpu yields an adapter), WebGL, WASM, CPU. A SOFTWARE GPU
// (a WebGPU fallback adapter / SwiftShader, or WebGL on SwiftShader / llvmpipe) is passed over by 'auto':
// on a machine without a GPU it is 10–40× slower than WASM. An explicit choice uses what was asked for
// even when it is software, and falls back along the same order if it cannot start at all.
//
// Pitfalls handled here:
// - `await tf.setBackend(name)` returns false instead of throwing; tfjs would then quietly keep running on
//   whatever backend it had. Every result is checked.
// - @tensorflow/tfjs-backend-webgpu is imported dynamically, only where navigator.gpu exists (a static
//   import has thrown "GPUBufferUsage is not defined" on browsers without WebGPU, and it would make webgpu
//   the default backend).
// - The report carries the limits the backend can tell (queryLimits), for the resource check.
// - WASM needs its .wasm files' URLs under Vite (setWasmPaths; the `?url` imports live in the browser-only
//   backendWasmUrls.ts). It runs threaded where the page is cross-origin isolated and the caller passes
//   `wasmThreads`, single-threaded otherwise (wasmThreads.ts says how and why); the report says which.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { QueriedLimits } from '../core/text/preflight';
import type { AdapterInfo, BackendAttempt, BackendName, BackendReport, EngineChoice } from './textProtocol';
import { prepareWasm, wasmSetup, type WasmThreadOptions } from './wasmThreads';

type TfjsBackend = Exclude<BackendName, 'scratch'>;
const AUTO_ORDER: TfjsBackend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** The slice of the WebGPU API used here (the DOM typings in use do not include WebGPU). */
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null>;
}

export interface BackendOptions {
  /** URLs of the three .wasm files (from backendWasmUrls.ts in the browser); Node finds them on disk. */
  wasmPaths?: Record<string, string>;
  /** navigator.gpu by default; injectable for tests. */
  gpu?: GpuLike | null;
  /** WASM threads (browser): the thread scripts' URLs and the count; absent = single-threaded WASM. */
  wasmThreads?: WasmThreadOptions;
  /** Called once if the GPU device (WebGPU) or context (WebGL) of the chosen backend is lost. */
  onDeviceLost?: (message: string) => void;
}

class Skip extends Error {}

/** Reads the adapter the tfjs WebGPU backend would get (it asks for 'high-performance'). */
async function probeWebGpu(gpu: GpuLike | null | undefined): Promise<AdapterInfo> {
  if (!gpu) throw new Skip('navigator.gpu is undefined (no WebGPU in this browser, or not a secure context)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Skip('navigator.gpu.requestAdapter() returned null (WebGPU disabled or no usable GPU)');
  let info: GpuAdapterInfoLike = adapter.info ?? {};
  if (!adapter.info && adapter.requestAdapterInfo) info = await adapter.requestAdapterInfo().catch(() => ({}));
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: adapter.isFallbackAdapter === true || info.isFallbackAdapter === true,
  };
}

const isSoftwareAdapter = (a: AdapterInfo) =>
  a.isFallbackAdapter || /swiftshader|llvmpipe|lavapipe/i.test(`${a.vendor} ${a.architecture} ${a.description}`);

/** WebGL renderer string (unmasked where the browser allows), or ''. */
function webglRenderer(): { renderer: string; canvas?: EventTarget } {
  const backend = tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } };
  const gl = backend.gpgpu?.gl;
  if (!gl) return { renderer: '' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  return { renderer, canvas: gl.canvas as unknown as EventTarget };
}

async function activate(name: TfjsBackend): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (err) {
    throw new Error(`tf.setBackend('${name}') threw: ${(err as Error).message}`, { cause: err });
  }
  if (!ok || tf.getBackend() !== name) throw new Error(`tf.setBackend('${name}') returned false (the backend failed to initialise)`);
}

/** The limits the running backend can report, for the resource check (core/text/preflight.ts): the WebGPU
 *  device's buffer limits (tfjs requests the adapter's own), WebGL's largest texture side. */
function queryLimits(name: TfjsBackend): QueriedLimits | undefined {
  try {
    if (name === 'webgpu') {
      const limits = (tf.backend() as { device?: { limits?: { maxBufferSize?: number; maxStorageBufferBindingSize?: number } } }).device?.limits;
      return limits ? { maxBufferSize: Number(limits.maxBufferSize), maxStorageBufferBindingSize: Number(limits.maxStorageBufferBindingSize) } : undefined;
    }
    if (name === 'webgl') return { maxTextureSize: tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE') };
  } catch {
    // A backend that cannot say: the defaults of resourceLimits.ts apply.
  }
  return undefined;
}

/**
 * Picks and activates a backend. Resolves with what runs and every attempt; rejects only if not even the
 * CPU backend starts. 'scratch' activates the CPU backend (for tensors the page may still ask for) and
 * reports engine 'scratch'.
 */
export async function selectBackend(choice: EngineChoice, options: BackendOptions = {}): Promise<BackendReport> {
  const gpu = options.gpu !== undefined ? options.gpu : (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  const tried: BackendAttempt[] = [];
  let adapter: AdapterInfo | undefined;
  const explicit = choice === 'auto' || choice === 'scratch' ? null : choice;
  const order: TfjsBackend[] =
    choice === 'scratch' ? ['cpu'] : explicit ? [explicit, ...AUTO_ORDER.filter((b) => b !== explicit)] : AUTO_ORDER;

  for (const name of order) {
    const wanted = name === explicit;
    try {
      if (name === 'webgpu') {
        adapter = await probeWebGpu(gpu);
        if (!wanted && isSoftwareAdapter(adapter)) {
          throw new Skip(`software adapter (${adapter.architecture || adapter.description || 'fallback'}): slower than WASM`);
        }
        await import('@tensorflow/tfjs-backend-webgpu');
        await activate('webgpu');
        const device = (tf.backend() as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
        device?.lost?.then((info) => {
          if (info.reason !== 'destroyed') options.onDeviceLost?.(`WebGPU device lost: ${info.message || info.reason || 'unknown reason'}`);
        });
      } else if (name === 'webgl') {
        if (!tf.findBackendFactory('webgl')) throw new Skip('the WebGL backend is not available here');
        await activate('webgl');
        const { renderer, canvas } = webglRenderer();
        if (!wanted && /swiftshader|llvmpipe|software|basic render/i.test(renderer)) {
          tf.removeBackend('webgl');
          throw new Skip(`software renderer (${renderer}): slower than WASM`);
        }
        canvas?.addEventListener('webglcontextlost', () => options.onDeviceLost?.('WebGL context lost'));
        tried.push({ backend: 'webgl', ok: true, reason: renderer ? `renderer: ${renderer}` : undefined });
        break;
      } else if (name === 'wasm') {
        if (options.wasmPaths) setWasmPaths(options.wasmPaths);
        await prepareWasm(options.wasmThreads, options.wasmPaths);
        await activate('wasm');
      } else {
        await activate('cpu');
      }
      tried.push({ backend: name, ok: true });
      break;
    } catch (err) {
      tried.push({ backend: name, ok: false, reason: (err as Error).message });
    }
  }
  const last = tried[tried.length - 1];
  if (!last?.ok) throw new Error(`no TensorFlow.js backend could start: ${tried.map((t) => `${t.backend}: ${t.reason}`).join('; ')}`);
  return {
    requested: choice,
    engine: choice === 'scratch' ? 'scratch' : 'tfjs',
    backend: choice === 'scratch' ? 'scratch' : last.backend,
    adapter,
    isFallbackAdapter: adapter?.isFallbackAdapter ?? false,
    tried,
    tfjsVersion: tf.version.tfjs,
    limits: choice === 'scratch' ? undefined : queryLimits(last.backend as TfjsBackend),
    wasm: last.backend === 'wasm' ? wasmSetup() : undefined,
  };
}

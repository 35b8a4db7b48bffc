// Choosing the TensorFlow.js backend for the Text worker (works on the page's main thread too).
//
// 'auto' tries, in order: WebGPU (where navigator.gpu yields an adapter), WebGL, WASM, CPU. A SOFTWARE GPU
// (a WebGPU fallback adapter / SwiftShader, or WebGL on SwiftShader / llvmpipe) is passed over by 'auto':
// on a machine without a GPU it is 10–40× slower than WASM. An explicit choice uses what was asked for
// even when it is software, and falls back along the same order if it cannot start at all (`strict`: it
// fails instead — Auto's measuring, text/autoJob.ts, activates each candidate that way).
// This order only decides where the lab STARTS on Auto; when training starts, Auto times the model on each
// hardware backend the start did not pass over (hardwareCandidates) and moves to the fastest.
//
// Pitfalls handled here:
// - `await tf.setBackend(name)` returns false instead of throwing; tfjs would then quietly keep running on
//   whatever backend it had. Every result is checked.
// - The WebGL and CPU backends are imported dynamically too, when needed: a worker that runs on WASM downloads
//   neither (TensorFlow.js comes in through ../core/tf.ts and tfjsRuntime.ts, not the @tensorflow/tfjs
//   package), and 'auto' reads the WebGL renderer from a throwaway context before importing the backend.
// - @tensorflow/tfjs-backend-webgpu is imported dynamically, only where navigator.gpu exists (a static
//   import has thrown "GPUBufferUsage is not defined" on browsers without WebGPU, and it would make webgpu
//   the default backend).
// - The report carries the limits the backend can tell (queryLimits), for the resource check.
// - WASM needs its .wasm files' URLs under Vite (setWasmPaths; the `?url` imports live in the browser-only
//   backendWasmUrls.ts). It runs threaded where the page is cross-origin isolated and the caller passes
//   `wasmThreads`, single-threaded otherwise (wasmThreads.ts says how and why); the report says which.
import * as tf from '../core/tf';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { QueriedLimits } from '../core/text/preflight';
import type { AdapterInfo, BackendAttempt, BackendName, BackendReport, EngineChoice } from './textProtocol';
import { prepareWasm, wasmSetup, type WasmThreadOptions } from './wasmThreads';
import { isSimulatedLoss } from './simulatedDeviceLoss';
import { isSoftwareAdapter, isSoftwareRenderer } from '../core/softwareGpu';
import { useWasmHeapKernels } from '../core/wasmKernels';

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
  /** An explicit choice that cannot start throws instead of falling back (default false). */
  strict?: boolean;
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

/** Why the backend a report names is a software one (a fallback WebGPU adapter, a software WebGL renderer),
 *  or undefined for hardware. */
export function softwareReason(report: BackendReport): string | undefined {
  if (report.backend === 'webgpu' && report.adapter && isSoftwareAdapter(report.adapter)) {
    return `software adapter (${report.adapter.architecture || report.adapter.description || 'fallback'})`;
  }
  const renderer = report.backend === 'webgl' ? /^renderer: (.*)$/.exec(report.tried.at(-1)?.reason ?? '')?.[1] : undefined;
  return renderer && isSoftwareRenderer(renderer) ? `software renderer (${renderer})` : undefined;
}

/** WebGL renderer string (unmasked where the browser allows), or ''. */
function webglRenderer(): { renderer: string; canvas?: EventTarget } {
  const backend = tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } };
  const gl = backend.gpgpu?.gl;
  if (!gl) return { renderer: '' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  return { renderer, canvas: gl.canvas as unknown as EventTarget };
}

/** Registers the CPU backend (once): the last fallback, the 'scratch' engine's, and the one WebGL and WebGPU
 *  hand small ops to (their CPU forwarding), so it comes before either starts. A worker on WASM never needs it. */
const registerCpu = () => import('@tensorflow/tfjs-backend-cpu');

/** The renderer a throwaway WebGL2 context reports (unmasked where the browser allows), read without
 *  TensorFlow.js's WebGL backend; '' where it cannot tell (no OffscreenCanvas, as in Node, or no context):
 *  the backend's own context is asked after activation then. */
function probeWebglRenderer(): string {
  try {
    if (typeof OffscreenCanvas === 'undefined') return '';
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return '';
  }
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
    choice === 'scratch' ? ['cpu'] : explicit ? (options.strict ? [explicit] : [explicit, ...AUTO_ORDER.filter((b) => b !== explicit)]) : AUTO_ORDER;

  for (const name of order) {
    const wanted = name === explicit;
    try {
      if (name === 'webgpu') {
        adapter = await probeWebGpu(gpu);
        if (!wanted && isSoftwareAdapter(adapter)) {
          throw new Skip(`software adapter (${adapter.architecture || adapter.description || 'fallback'}): slower than WASM`);
        }
        await registerCpu();
        await import('@tensorflow/tfjs-backend-webgpu');
        await activate('webgpu');
        const device = (tf.backend() as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
        device?.lost?.then((info) => {
          // 'destroyed' is the app removing a backend itself, unless a test destroyed it as a loss.
          if (info.reason !== 'destroyed' || isSimulatedLoss(device)) options.onDeviceLost?.(`WebGPU device lost: ${info.message || info.reason || 'unknown reason'}`);
        });
      } else if (name === 'webgl') {
        // 'auto' reads the renderer first, so a machine without a GPU never downloads the WebGL backend.
        const probed = wanted ? '' : probeWebglRenderer();
        if (isSoftwareRenderer(probed)) throw new Skip(`software renderer (${probed}): slower than WASM`);
        await import('@tensorflow/tfjs-backend-webgl'); // registers it (once: a removed backend stays removed)
        if (!tf.findBackendFactory('webgl')) throw new Skip('the WebGL backend is not available here');
        await registerCpu();
        await activate('webgl');
        const { renderer, canvas } = webglRenderer();
        if (!wanted && isSoftwareRenderer(renderer)) {
          tf.removeBackend('webgl');
          throw new Skip(`software renderer (${renderer}): slower than WASM`);
        }
        canvas?.addEventListener('webglcontextlost', () => options.onDeviceLost?.('WebGL context lost'));
        tried.push({ backend: 'webgl', ok: true, reason: renderer ? `renderer: ${renderer}` : undefined });
        break;
      } else if (name === 'wasm') {
        if (options.wasmPaths) setWasmPaths(options.wasmPaths);
        await prepareWasm(options.wasmThreads, options.wasmPaths);
        useWasmHeapKernels(); // faster slices and row lookups than tfjs's own (wasmKernels.ts)
        await activate('wasm');
      } else {
        await registerCpu();
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
    tfjsVersion: tf.version_core, // the same release as @tensorflow/tfjs's version.tfjs
    limits: choice === 'scratch' ? undefined : queryLimits(last.backend as TfjsBackend),
    wasm: last.backend === 'wasm' ? wasmSetup() : undefined,
  };
}

/** Auto's hardware backends, in order: WebGPU (fused kernels), WebGL, WASM. CPU is not one: it is plain
 *  JavaScript, several times slower than WASM wherever WASM runs, so it stays the last resort when nothing
 *  else starts rather than a candidate worth a second of measuring. */
export const HARDWARE_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm'];

/**
 * The hardware backends Auto may measure, read from the report of an 'auto' start: those it passed over (a
 * software adapter or renderer, no adapter, no WebGL) stay out; those it never reached (it stopped at the
 * first that started) are in — one that then fails to start is reported as a failed measurement.
 * `includeSoftware` (a debug hook) keeps the ones passed over for being software.
 */
export function hardwareCandidates(report: BackendReport, includeSoftware = false): BackendName[] {
  const out = (t: BackendAttempt) => !t.ok && !(includeSoftware && /^software /.test(t.reason ?? ''));
  return HARDWARE_ORDER.filter((b) => !report.tried.some((t) => t.backend === b && out(t)));
}

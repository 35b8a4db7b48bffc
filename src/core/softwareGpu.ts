// Is this GPU a software one? SwiftShader, llvmpipe, lavapipe and Microsoft's Basic Render Driver emulate a
// GPU on the CPU: correct, but slower than WASM, so Auto leaves them out and the Speed page flags them. One
// pattern for WebGPU adapters and WebGL renderers alike (backend.ts, the Speed page, the benches).

/** Names of software GPUs (SwiftShader, llvmpipe, lavapipe, Microsoft Basic Render Driver…). */
export const SOFTWARE_GPU_PATTERN = /swiftshader|llvmpipe|lavapipe|software|basic render/i;

/** The fields of a WebGPU adapter's description that tell. */
export interface AdapterNames {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** A WebGPU adapter that emulates the GPU on the CPU: the browser says so, or its name does. */
export function isSoftwareAdapter(adapter: AdapterNames): boolean {
  return adapter.isFallbackAdapter || SOFTWARE_GPU_PATTERN.test(`${adapter.vendor} ${adapter.architecture} ${adapter.description}`);
}

/** A WebGL renderer string (WEBGL_debug_renderer_info) that names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_GPU_PATTERN.test(renderer);
}

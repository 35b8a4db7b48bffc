// Backend selection (Node: no WebGPU, no WebGL; WASM and CPU work).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { selectBackend, type GpuLike } from '../../src/workers/backend';

const softwareGpu: GpuLike = {
  requestAdapter: async () => ({
    info: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)' },
    isFallbackAdapter: true,
  }),
};

describe('selectBackend', () => {
  it('runs exactly the backend asked for when it works, and says so', async () => {
    const report = await selectBackend('cpu', { gpu: null });
    expect(report).toMatchObject({ requested: 'cpu', engine: 'tfjs', backend: 'cpu', isFallbackAdapter: false });
    expect(report.tried).toEqual([{ backend: 'cpu', ok: true }]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'auto' passes over a software WebGPU adapter and explains each step", async () => {
    const report = await selectBackend('auto', { gpu: softwareGpu });
    expect(report.backend).not.toBe('webgpu');
    expect(report.tried[0]).toMatchObject({ backend: 'webgpu', ok: false });
    expect(report.tried[0].reason).toMatch(/software adapter \(swiftshader\)/);
    expect(report.adapter).toMatchObject({ architecture: 'swiftshader', isFallbackAdapter: true });
    expect(report.isFallbackAdapter).toBe(true);
    expect(report.tried.at(-1)?.ok).toBe(true);
    expect(['wasm', 'cpu']).toContain(report.backend);
    expect(tf.getBackend()).toBe(report.backend);
  });

  it("'auto' without navigator.gpu says why WebGPU was skipped", async () => {
    const report = await selectBackend('auto', { gpu: null });
    expect(report.tried[0]).toMatchObject({ backend: 'webgpu', ok: false });
    expect(report.tried[0].reason).toMatch(/navigator\.gpu is undefined/);
    expect(report.adapter).toBeUndefined();
  });

  it('an explicit WebGPU choice tries even a software adapter, and falls back when it cannot start', async () => {
    const report = await selectBackend('webgpu', { gpu: softwareGpu });
    // In Node the tfjs WebGPU backend does not register, so the attempt fails with tfjs's reason…
    expect(report.tried[0]).toMatchObject({ backend: 'webgpu', ok: false });
    expect(report.tried[0].reason).toMatch(/setBackend\('webgpu'\)/);
    // …and the next working backend runs.
    expect(report.tried.at(-1)?.ok).toBe(true);
    expect(report.requested).toBe('webgpu');
  });

  it("'auto' reads the WebGL renderer from a throwaway context and passes over software before loading the backend", async () => {
    const renderer = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)';
    const loseContext = vi.fn();
    const gl = {
      RENDERER: 0x1f01,
      getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 0x9246 } : name === 'WEBGL_lose_context' ? { loseContext } : null),
      getParameter: (p: number) => (p === 0x9246 ? renderer : 'WebKit WebGL'),
    };
    // The probe asks for a plain context; TensorFlow.js's own attempt (with attributes) gets none here.
    const getContext = vi.fn((_type: string, attributes?: unknown) => (attributes === undefined ? gl : null));
    const probes = () => getContext.mock.calls.filter((call) => call[1] === undefined);
    vi.stubGlobal('OffscreenCanvas', class { getContext = getContext; });
    try {
      const report = await selectBackend('auto', { gpu: null });
      expect(report.tried[1]).toEqual({ backend: 'webgl', ok: false, reason: `software renderer (${renderer}): slower than WASM` });
      expect(probes()).toEqual([['webgl2']]);
      expect(loseContext).toHaveBeenCalledOnce();
      // An explicit WebGL choice uses what was asked for: no probe (in Node the backend then fails to start).
      getContext.mockClear();
      const explicit = await selectBackend('webgl', { gpu: null });
      expect(probes()).toEqual([]);
      expect(explicit.tried[0]).toMatchObject({ backend: 'webgl', ok: false });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("'scratch' reports the from-scratch engine (CPU backend underneath)", async () => {
    const report = await selectBackend('scratch', { gpu: null });
    expect(report).toMatchObject({ engine: 'scratch', backend: 'scratch' });
    expect(tf.getBackend()).toBe('cpu');
  });
});

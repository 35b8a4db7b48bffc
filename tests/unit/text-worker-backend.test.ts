// Backend selection (Node: no WebGPU, no WebGL; WASM and CPU work).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
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

  it("'scratch' reports the from-scratch engine (CPU backend underneath)", async () => {
    const report = await selectBackend('scratch', { gpu: null });
    expect(report).toMatchObject({ engine: 'scratch', backend: 'scratch' });
    expect(tf.getBackend()).toBe('cpu');
  });
});

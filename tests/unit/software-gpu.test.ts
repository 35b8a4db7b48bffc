// One pattern for software GPUs, for WebGPU adapters and WebGL renderers alike (src/core/softwareGpu.ts).
import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter, isSoftwareRenderer } from '../../src/core/softwareGpu';

const adapter = (vendor: string, architecture: string, description = '', isFallbackAdapter = false) => ({ vendor, architecture, description, isFallbackAdapter });

describe('software GPUs', () => {
  it('knows the software WebGPU adapters by flag or by name, and leaves hardware ones alone', () => {
    expect(isSoftwareAdapter(adapter('google', 'swiftshader'))).toBe(true);
    expect(isSoftwareAdapter(adapter('mesa', '', 'llvmpipe (LLVM 15.0.6, 256 bits)'))).toBe(true);
    expect(isSoftwareAdapter(adapter('mesa', '', 'lavapipe'))).toBe(true);
    expect(isSoftwareAdapter(adapter('', '', '', true))).toBe(true);
    expect(isSoftwareAdapter(adapter('nvidia', 'hopper', 'NVIDIA H200'))).toBe(false);
    expect(isSoftwareAdapter(adapter('apple', 'metal-3'))).toBe(false);
  });

  it('knows the software WebGL renderers, and leaves hardware ones alone', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
  });
});

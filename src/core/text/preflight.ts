// The checks every front end runs before a text model is built or trained, in one place: the page (on the
// draft settings, before Apply), the worker (in build / reset / import, before anything is allocated) and the
// CLI (before training). It turns what a backend reported (QueriedLimits: a WebGPU adapter's buffer limits,
// WebGL's MAX_TEXTURE_SIZE) into resourceLimits.ts's BackendLimits, and asks resourceVerdict.ts whether the
// setting fits; corpus fitness (corpusFitness.ts) is the other half, decided when a corpus is applied.
import type { TextModelSpec, TextTrainSpec } from './engine';
import { defaultLimits, webglLimits, webgpuLimits, type BackendLimits } from './resourceLimits';
import type { ResourceBackend } from './resources';
import { assessResources, type ResourceVerdict, type VerdictOptions } from './resourceVerdict';

/** What a backend could tell about its limits when it started (absent fields: the defaults apply). */
export interface QueriedLimits {
  /** WebGPU: the device's maxBufferSize and maxStorageBufferBindingSize (tfjs asks for the adapter's). */
  maxBufferSize?: number;
  maxStorageBufferBindingSize?: number;
  /** WebGL: MAX_TEXTURE_SIZE as tfjs reads it (WEBGL_MAX_TEXTURE_SIZE). */
  maxTextureSize?: number;
}

/** The limits of `backend`, with what it reported filled in. */
export function limitsFor(backend: ResourceBackend, queried: QueriedLimits = {}): BackendLimits {
  if (backend === 'webgpu') return webgpuLimits(queried);
  if (backend === 'webgl') return webglLimits(queried.maxTextureSize);
  return defaultLimits(backend);
}

/** A setting as the front ends hold it, with the corpus it will train on (token counts; 0 when unknown). */
export interface PreflightSetting {
  model: TextModelSpec;
  train: Pick<TextTrainSpec, 'seqLength' | 'batchSize' | 'optimizer'>;
  trainTokens?: number;
  validTokens?: number;
}

/** Fits, warns or refuses `setting` on `backend` (see resourceVerdict.ts). */
export function preflightResources(setting: PreflightSetting, backend: ResourceBackend, queried?: QueriedLimits, options?: VerdictOptions): ResourceVerdict {
  return assessResources(setting, limitsFor(backend, queried), options);
}

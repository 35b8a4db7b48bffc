// The GPU self-check worker: activates the WebGPU backend (the software adapter in headless Chromium),
// counts dispatches, runs the fused-kernel checks of src/core/text/webgpu/check/ and posts their numbers.
// Started by src/debug/gpuCheck.ts (the #/gpu-check page) for tests/e2e/gpu-check.spec.ts and for measuring.
import './tfjsRuntime'; // first: TensorFlow.js's gradients and chained ops
import * as tf from '../core/tf';
import { agreementCases, checkAgreement, checkDispatches, checkEngine, checkFiniteDifferences, checkMemory, profileStep, timeKernels } from '../core/text/webgpu/check/fusedChecks';
import { installDispatchCounter } from '../core/text/webgpu/dispatchCounter';
import { checkOptimizer } from '../core/text/webgpu/check/optimizerChecks';
import { selectBackend } from './backend';
import { WASM_PATHS } from './backendWasmUrls';
import type { GpuCheckEvent, GpuCheckReport, GpuCheckRequest } from './gpuCheckProtocol';
import { workerScope } from './workerScope';

const scope = workerScope<GpuCheckRequest, GpuCheckEvent>();

async function run(request: GpuCheckRequest, report: GpuCheckReport): Promise<void> {
  const post = (message: string) => scope.postMessage({ type: 'progress', message });
  installDispatchCounter();
  report.backend = await selectBackend('webgpu', { wasmPaths: WASM_PATHS });
  if (tf.getBackend() !== 'webgpu') throw new Error(`WebGPU did not start (running on ${tf.getBackend()})`);
  if (request.type === 'timing') {
    report.timing = {};
    for (const cell of request.cells) {
      post(`timing ${cell}`);
      report.timing[cell] = await timeKernels(cell, request.hidden, request.batch, request.window);
      report.timing[`${cell} profile`] = await profileStep(cell, request.hidden, request.batch, request.window);
    }
    return;
  }
  if (request.type === 'dispatch') {
    for (const cell of request.cells) {
      post(`dispatch ${cell}`);
      report.dispatch.push(await checkDispatches(cell, request));
    }
    return;
  }
  for (const clipping of ['off', 'inactive', 'active'] as const) {
    post(`optimizer, clipping ${clipping}`);
    report.optimizer.push(await checkOptimizer(clipping));
  }
  if (request.type === 'optimizer') return;
  for (const c of agreementCases().filter((c) => request.cells.includes(c.cell))) {
    post(`agreement ${c.cell} ${c.input} ×${c.layers} H${c.hidden}`);
    report.agreement.push(await checkAgreement(c));
  }
  for (const cell of request.cells) {
    post(`finite differences ${cell}`);
    report.finite.push(await checkFiniteDifferences(cell));
    post(`memory ${cell}`);
    report.memory.push(await checkMemory(cell));
    post(`engine step ${cell}`);
    report.engine.push(await checkEngine(cell));
  }
}

scope.addEventListener('message', (event) => {
  const report: GpuCheckReport = { agreement: [], finite: [], memory: [], engine: [], optimizer: [], dispatch: [], ms: 0 };
  const t0 = performance.now();
  run(event.data, report).then(
    () => {
      report.ms = performance.now() - t0;
      scope.postMessage({ type: 'done', report });
    },
    (err: unknown) => {
      report.ms = performance.now() - t0;
      scope.postMessage({ type: 'error', message: (err as Error).message || String(err), report });
    },
  );
});

// The Speed page's Web Worker: a thin shell around SpeedRunner (speedRunner.ts). Messages: speedProtocol.ts.
// Start it with: new Worker(new URL('./speed.worker.ts', import.meta.url), { type: 'module' })
import './tfjsRuntime'; // first: TensorFlow.js's gradients and chained ops
import { dispatchCount, installDispatchCounter } from '../core/text/webgpu/dispatchCounter';
import { selectBackend } from './backend';
import { WASM_PATHS } from './backendWasmUrls';
import type { SpeedEvent, SpeedRequest } from './speedProtocol';
import { SpeedRunner } from './speedRunner';
import { createYieldToEvents, workerScope } from './workerScope';

const scope = workerScope<SpeedRequest, SpeedEvent>();
const yieldToEvents = createYieldToEvents();
// Counts WebGPU compute dispatches in this worker, so the WebGPU engines' training rows show dispatches per
// step (counted, not estimated). No-op where WebGPU does not exist.
const counting = installDispatchCounter();

const runner = new SpeedRunner({
  post: (event) => scope.postMessage(event),
  yieldToEvents,
  selectBackend: (choice) => selectBackend(choice, { wasmPaths: WASM_PATHS }),
  fetchText: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not fetch the corpus ${url}: HTTP ${response.status}`);
    return response.text();
  },
  userAgent: navigator.userAgent,
  ...(counting ? { dispatchCount } : {}),
});

scope.addEventListener('message', (event) => {
  void runner.handle(event.data);
});

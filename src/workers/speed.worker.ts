// The Speed page's Web Worker: a thin shell around SpeedRunner (speedRunner.ts). Messages: speedProtocol.ts.
// Start it with: new Worker(new URL('./speed.worker.ts', import.meta.url), { type: 'module' })
import './tfjsRuntime'; // first: TensorFlow.js's gradients and chained ops
import { selectBackend } from './backend';
import { WASM_PATHS } from './backendWasmUrls';
import type { SpeedEvent, SpeedRequest } from './speedProtocol';
import { SpeedRunner } from './speedRunner';
import { createYieldToEvents, workerScope } from './workerScope';

const scope = workerScope<SpeedRequest, SpeedEvent>();
const yieldToEvents = createYieldToEvents();

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
});

scope.addEventListener('message', (event) => {
  void runner.handle(event.data);
});

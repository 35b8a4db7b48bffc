// The Speed page's Web Worker: a thin shell around SpeedRunner (speedRunner.ts). Messages: speedProtocol.ts.
// Start it with: new Worker(new URL('./speed.worker.ts', import.meta.url), { type: 'module' })
import { selectBackend } from './backend';
import { WASM_PATHS } from './backendWasmUrls';
import type { SpeedEvent, SpeedRequest } from './speedProtocol';
import { SpeedRunner } from './speedRunner';

/** The part of DedicatedWorkerGlobalScope used here (the project's TS lib set has no WebWorker types). */
interface WorkerScope {
  postMessage(message: SpeedEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SpeedRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** Yield to the event loop through a MessageChannel: unlike setTimeout(0) it is not clamped to 4 ms. */
const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    pending.push(resolve);
    channel.port2.postMessage(0);
  });

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

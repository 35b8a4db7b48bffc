// The Text lab's Web Worker: a thin shell around TextWorkerSession (text/session.ts), which holds all the logic.
// Start it with: new Worker(new URL('./text.worker.ts', import.meta.url), { type: 'module' })
// Messages: see textProtocol.ts.
import './tfjsRuntime'; // first: TensorFlow.js's gradients and chained ops
import { selectBackend } from './backend';
import { WASM_PATHS, WASM_THREAD_SCRIPTS } from './backendWasmUrls';
import { transferablesOf, type TextEvent, type TextRequest } from './textProtocol';
import { TextWorkerSession } from './text/session';
import { createYieldToEvents, workerScope } from './workerScope';

const scope = workerScope<TextRequest, TextEvent>();
const yieldToEvents = createYieldToEvents();

const session = new TextWorkerSession(
  (event: TextEvent, transfer?: Transferable[]) => scope.postMessage(event, transfer ?? transferablesOf(event)),
  {
    selectBackend: (choice, onDeviceLost, strict, threads) =>
      selectBackend(choice, { wasmPaths: WASM_PATHS, wasmThreads: { scripts: WASM_THREAD_SCRIPTS, threads }, onDeviceLost, strict }),
    yieldToEvents,
  },
);

/** Test hook: `{ type: 'debug', action: 'crash' }` replies `ok`, then throws outside any
 *  handler (from a timer), so the error is uncaught and the page's `worker.onerror` fires, as it would for a
 *  real crash; training keeps the timer's turn between two bursts. */
function isCrashRequest(request: TextRequest): boolean {
  return request.type === 'debug' && request.action === 'crash';
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (isCrashRequest(request)) {
    scope.postMessage({ type: 'ok', id: request.id } satisfies TextEvent, []);
    setTimeout(() => {
      throw new Error('deliberate crash (test hook)');
    }, 0);
    return;
  }
  void session.handle(request);
});

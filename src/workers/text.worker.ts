// The Text lab's Web Worker: a thin shell around TextSession (textSession.ts), which holds all the logic.
// Start it with: new Worker(new URL('./text.worker.ts', import.meta.url), { type: 'module' })
// Messages: see textProtocol.ts.
import { selectBackend } from './backend';
import { WASM_PATHS } from './backendWasmUrls';
import { transferablesOf, type TextEvent, type TextRequest } from './textProtocol';
import { TextSession } from './textSession';

/** The part of DedicatedWorkerGlobalScope used here (the project's TS lib set has no WebWorker types). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TextRequest>) => void): void;
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

const session = new TextSession(
  (event: TextEvent, transfer?: Transferable[]) => scope.postMessage(event, transfer ?? transferablesOf(event)),
  {
    selectBackend: (choice, onDeviceLost) => selectBackend(choice, { wasmPaths: WASM_PATHS, onDeviceLost }),
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

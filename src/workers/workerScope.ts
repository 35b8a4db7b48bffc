// Plumbing shared by the workers' entry points.

/**
 * The part of DedicatedWorkerGlobalScope the workers use, typed by their protocol (the project compiles
 * against the DOM library, which has no WebWorker types).
 */
export interface WorkerScope<Request, Event> {
  postMessage(message: Event, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Request>) => void): void;
}

export function workerScope<Request, Event>(): WorkerScope<Request, Event> {
  return self as unknown as WorkerScope<Request, Event>;
}

/**
 * Yields to the event loop so queued messages (pause, cancel, new data) are handled between bursts of work.
 * A MessageChannel round trip is used because setTimeout(0) is clamped to ≥ 4 ms once nested.
 */
export function createYieldToEvents(): () => Promise<void> {
  const channel = new MessageChannel();
  const pending: (() => void)[] = [];
  channel.port1.onmessage = () => pending.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      pending.push(resolve);
      channel.port2.postMessage(0);
    });
}

// A Worker stand-in for the page-side clients' tests: records what is posted, and lets a test deliver
// events, crashes and unreadable messages.
import type { WorkerLike } from '../../src/workers/workerClient';

export class FakeWorker<Req, Ev> implements WorkerLike {
  sent: Req[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown) {
    this.sent.push(message as Req);
  }
  terminate() {
    this.terminated = true;
  }
  emit(event: Ev) {
    this.onmessage?.({ data: event } as MessageEvent);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

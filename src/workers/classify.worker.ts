// Module worker running the Classify lab's training; all logic lives in ClassifyRunner.
import type { ClassifyEvent, ClassifyRequest } from './classifyProtocol';
import { ClassifyRunner } from './classifyRunner';

// The project compiles against the DOM library; this is the slice of the worker global scope used here.
const scope = self as unknown as {
  postMessage(message: ClassifyEvent): void;
  onmessage: ((e: MessageEvent<ClassifyRequest>) => void) | null;
};

// A MessageChannel round trip yields to the message queue without setTimeout's clamping to ≥ 4 ms.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

const runner = new ClassifyRunner((event: ClassifyEvent) => scope.postMessage(event), yieldToEvents);
scope.onmessage = (e: MessageEvent<ClassifyRequest>) => void runner.handle(e.data);

// Module worker running the Classify lab's training; all logic lives in ClassifyRunner.
import type { ClassifyEvent, ClassifyRequest } from './classifyProtocol';
import { ClassifyRunner } from './classifyRunner';
import { createYieldToEvents, workerScope } from './workerScope';

const scope = workerScope<ClassifyRequest, ClassifyEvent>();
const runner = new ClassifyRunner((event) => scope.postMessage(event), createYieldToEvents());
scope.addEventListener('message', (e) => void runner.handle(e.data));

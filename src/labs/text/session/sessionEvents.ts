// Small pure pieces of the page's session: how worker events become reducer actions, the loop settings the
// page asks for on each backend, and copying a bundle before its weights are transferred to the worker.
import type { BackendReport, LoopOptions, TextEvent, TextModelBundle } from '../../../workers/textProtocol';
import type { SessionAction } from './sessionState';

/** Loop settings the page asks for: frequent progress, a streamed sample every few seconds, and validation
 *  every 10 s — every 30 s on a software GPU adapter, where evaluating even a few hundred characters
 *  sequentially takes seconds and would otherwise crowd out training. */
export function loopOptionsFor(report: BackendReport): Partial<LoopOptions> {
  const software = report.backend === 'webgpu' && report.isFallbackAdapter;
  return { progressEveryMs: 250, sampleEveryMs: 3000, sampleLength: 200, evalEveryMs: software ? 30_000 : 10_000 };
}

/** A copy whose weights buffer can be transferred without detaching the original. */
export function cloneBundle(bundle: TextModelBundle): TextModelBundle {
  return { ...bundle, weights: bundle.weights.slice(0), sidecar: structuredClone(bundle.sidecar) };
}

/** The reducer action for an unsolicited worker event (state, progress, sample, error), if it has one. */
export function eventToAction(event: TextEvent): SessionAction | undefined {
  switch (event.type) {
    case 'state':
      return { type: 'phase', phase: event.phase, step: event.step, learningRate: event.learningRate };
    case 'progress':
      return { type: 'progress', event };
    case 'sample':
      return { type: 'sample', event };
    case 'auto-progress':
      return { type: 'auto-progress', backend: event.backend, index: event.index, count: event.count };
    case 'error':
      if (event.code === 'diverged') return { type: 'alert', alert: { kind: 'diverged', message: event.message } };
      if (event.code === 'device-lost') return { type: 'alert', alert: { kind: 'device-lost', message: event.message } };
      return { type: 'alert', alert: { kind: 'error', message: event.message, code: event.code } };
    default:
      return undefined;
  }
}

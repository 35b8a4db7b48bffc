// Memory read-outs that work wherever the core runs.
import * as tf from '../tf';

/**
 * Live TensorFlow.js tensors (all backends share the count); 0 before any backend is initialised — asking
 * tf.memory() then would initialise one, which the from-scratch engines never need.
 */
export function liveTensors(): number {
  return tf.engine().backendName ? tf.memory().numTensors : 0;
}

/**
 * Bytes of JavaScript heap in use, or null where the platform does not say: Chromium's non-standard
 * performance.memory (windows and workers), Node's process.memoryUsage().
 */
export function jsHeapBytes(): number | null {
  const perf = globalThis.performance as { memory?: { usedJSHeapSize?: number } } | undefined;
  const used = perf?.memory?.usedJSHeapSize;
  if (typeof used === 'number' && used > 0) return used;
  const proc = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process;
  return proc?.memoryUsage ? proc.memoryUsage().heapUsed : null;
}

// Worker-thread entry for one broken-graph import (see graphCases). It reports 'ready' once TensorFlow.js and
// the seeds are up, then the outcome; the test terminates it if no outcome comes (a hang). Loaded with
// `--import tsx`, so it runs the TypeScript sources directly.
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { ModelBundleError } from '../../../src/core/text/tfjs/bundle';
import { importTextModel } from '../../../src/core/text/tfjs/export';
import { graphCases } from './modelCases';
import { acceptedProblem, buildSeedBundles } from './modelChecks';
import { describeError } from './outcome';

/** What the worker posts back (plain data: errors travel as text). */
export type GraphReport =
  | { type: 'ready' }
  | { type: 'result'; kind: 'accepted'; problem: string | null; leaked: number }
  | { type: 'result'; kind: 'refused'; message: string; leaked: number }
  | { type: 'result'; kind: 'escaped'; error: string; leaked: number };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('graphWorker must run in a worker thread');
  const { index } = workerData as { index: number };
  await tf.setBackend('cpu');
  tf.env().set('PROD', true); // no "running in Node" banner per worker
  const seeds = await buildSeedBundles();
  const bundle = graphCases()[index].make(seeds);
  port.postMessage({ type: 'ready' } satisfies GraphReport);
  const before = tf.memory().numTensors;
  let report: GraphReport;
  try {
    const imported = await importTextModel(bundle);
    const problem = await acceptedProblem(imported);
    report = { type: 'result', kind: 'accepted', problem, leaked: tf.memory().numTensors - before };
  } catch (err) {
    const leaked = tf.memory().numTensors - before;
    report = err instanceof ModelBundleError ? { type: 'result', kind: 'refused', message: err.message, leaked } : { type: 'result', kind: 'escaped', error: describeError(err), leaked };
  }
  port.postMessage(report);
}

void main();

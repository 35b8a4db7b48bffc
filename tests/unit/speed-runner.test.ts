// The Speed worker's runner, driven in Node on the from-scratch engines and TensorFlow.js's CPU backend
// with tiny workloads: the event protocol, skipping, cancellation, and no leaked tensors. No timings asserted.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpeedPlan } from '../../src/core/bench/plan';
import {
  baselineGenerateTask,
  baselineTrainTask,
  classifyTask,
  heatmapTask,
  textGenerateTask,
  textModel,
  textTrainTask,
} from '../../src/core/bench/tasks';
import { selectBackend } from '../../src/workers/backend';
import type { SpeedEvent, SpeedRequest } from '../../src/workers/speedProtocol';
import { SpeedRunner } from '../../src/workers/speedRunner';

const LINES = ['the cat sat on the mat.', 'a bird in the hand is worth two in the bush.', 'the rain in spain stays mainly in the plain.'];
const CORPUS = Array.from({ length: 60 }, (_, i) => LINES[i % LINES.length]).join('\n');

const rnn = textModel('rnn', 16);
const PLAN: SpeedPlan = {
  engines: ['scratch', 'cpu'],
  tasks: [
    classifyTask(3),
    heatmapTask(3, 20),
    textTrainTask(rnn, 8, 2),
    textGenerateTask(rnn, 50),
    textTrainTask(textModel('lstm', 8), 8, 2),
    baselineTrainTask(4),
    baselineGenerateTask(4, 5),
  ],
  budgetMs: 20,
};

function makeRunner() {
  const events: SpeedEvent[] = [];
  let onEvent: (e: SpeedEvent) => void = () => undefined;
  const runner = new SpeedRunner({
    post: (e) => {
      events.push(e);
      onEvent(e);
    },
    yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
    selectBackend: (choice) => selectBackend(choice, { gpu: null }),
    userAgent: 'vitest',
  });
  return { runner, events, setOnEvent: (f: (e: SpeedEvent) => void) => (onEvent = f) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('SpeedRunner', () => {
  it('measures every supported (engine, task) pair and ends with one done event', async () => {
    const { runner, events } = makeRunner();
    const tensorsBefore = tf.memory().numTensors;
    await runner.handle({ type: 'run', id: 7, plan: PLAN, corpus: { text: CORPUS } });
    expect(events.every((e) => e.id === 7)).toBe(true);
    expect(events[0]).toMatchObject({ type: 'started', total: 14, userAgent: 'vitest' });
    const terminal = events.filter((e) => e.type === 'done' || e.type === 'error');
    expect(terminal).toHaveLength(1);
    const done = terminal[0];
    if (done.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    expect(done.reason).toBe('finished');
    const { rows, engines } = done.report;
    expect(rows).toHaveLength(14);
    expect(events.filter((e) => e.type === 'row')).toHaveLength(14);
    expect(engines.map((e) => [e.engine, e.available, e.backend])).toEqual([
      ['scratch', true, 'scratch'],
      ['cpu', true, 'cpu'],
    ]);

    const status = (task: string, engine: string) => rows.find((r) => r.task === task && r.engine === engine)?.status;
    // The from-scratch engine runs the Classify net, the heatmap and the vanilla RNN, nothing else.
    expect(status('classify-h3', 'scratch')).toBe('ok');
    expect(status('heatmap-h3', 'scratch')).toBe('ok');
    expect(status('train-rnn-16', 'scratch')).toBe('ok');
    expect(status('generate-rnn-16', 'scratch')).toBe('ok');
    expect(status('train-lstm-8', 'scratch')).toBe('n/a');
    expect(status('baseline-train-lstm-4', 'scratch')).toBe('n/a');
    // TensorFlow.js runs everything but the JS-only heatmap.
    for (const task of ['classify-h3', 'train-rnn-16', 'generate-rnn-16', 'train-lstm-8', 'baseline-train-lstm-4', 'baseline-generate-lstm-4']) {
      expect({ task, status: status(task, 'cpu'), reason: rows.find((r) => r.task === task && r.engine === 'cpu')?.reason }).toMatchObject({ status: 'ok' });
    }
    expect(status('heatmap-h3', 'cpu')).toBe('n/a');

    for (const r of rows.filter((r) => r.status === 'ok')) {
      expect(r.value).toBeGreaterThan(0);
      expect(r.units).toBeGreaterThan(0);
      if (r.tensorsStart !== undefined) expect(r.tensorsEnd).toBe(r.tensorsStart);
    }
    const gen = rows.find((r) => r.task === 'generate-rnn-16' && r.engine === 'cpu');
    expect(gen?.firstCharMs).toBeGreaterThanOrEqual(0);
    expect(done.report.vocabSize).toBeGreaterThan(10);
    // Everything the run created was disposed.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }, 60_000);

  it('cancels between measurements and reports what finished', async () => {
    const { runner, events, setOnEvent } = makeRunner();
    const tensorsBefore = tf.memory().numTensors;
    setOnEvent((e) => {
      if (e.type === 'row' && e.row.task === 'train-rnn-16' && e.row.engine === 'cpu') void runner.handle({ type: 'cancel', id: 3 });
    });
    await runner.handle({ type: 'run', id: 3, plan: PLAN, corpus: { text: CORPUS } });
    const done = events.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.reason).toBe('cancelled');
    if (done?.type !== 'done') return;
    expect(done.report.cancelled).toBe(true);
    expect(done.report.rows.length).toBeLessThan(14);
    expect(done.report.rows.at(-1)?.task).toBe('train-rnn-16');
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }, 60_000);

  it('refuses a second run while one is going, and ignores cancels of unknown ids', async () => {
    const { runner, events } = makeRunner();
    const plan: SpeedPlan = { engines: ['scratch'], tasks: [classifyTask(3)], budgetMs: 30 };
    const first = runner.handle({ type: 'run', id: 1, plan });
    await runner.handle({ type: 'cancel', id: 99 });
    await runner.handle({ type: 'run', id: 2, plan } satisfies SpeedRequest);
    await first;
    expect(events.find((e) => e.id === 2)).toMatchObject({ type: 'error', message: expect.stringMatching(/still going/) });
    expect(events.find((e) => e.id === 1 && e.type === 'done')).toMatchObject({ reason: 'finished' });
  });

  it('skips what would overrun an engine\u2019s time share and says why', async () => {
    const { runner, events } = makeRunner();
    const plan: SpeedPlan = {
      engines: ['cpu'],
      tasks: [textTrainTask(rnn, 8, 2), textTrainTask(textModel('lstm', 64), 64, 32), textGenerateTask(textModel('lstm', 64), 20)],
      budgetMs: 10,
      engineBudgetMs: 1, // nothing beyond the first measurement fits
    };
    await runner.handle({ type: 'run', id: 5, plan, corpus: { text: CORPUS } });
    const done = events.find((e) => e.type === 'done');
    if (done?.type !== 'done') throw new Error('no done event');
    const [first, second, third] = done.report.rows;
    expect(first.status).toBe('ok');
    expect(second).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/keep the run short/) });
    expect(third).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/needs the model trained/) });
  }, 30_000);

  it('races WebGPU twice — fused kernels and TensorFlow.js ops — on the webgpu backend, with dispatches per step', async () => {
    // Node has no WebGPU: the CPU backend stands in for it (reported as 'webgpu'), and a fake counter for the
    // dispatch counter. What is checked is the plumbing: which backend each engine asks for, which tasks the
    // ops engine runs, and that the WebGPU engines' training rows carry dispatches per step.
    const events: SpeedEvent[] = [];
    const asked: string[] = [];
    let dispatches = 0;
    const runner = new SpeedRunner({
      post: (e) => events.push(e),
      yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
      selectBackend: async (choice) => {
        asked.push(choice);
        const report = await selectBackend('cpu', { gpu: null });
        return choice === 'webgpu' ? { ...report, backend: 'webgpu' } : report;
      },
      dispatchCount: () => (dispatches += 12),
    });
    const plan: SpeedPlan = { engines: ['cpu', 'webgpu', 'webgpu-ops'], tasks: [classifyTask(3), textTrainTask(rnn, 8, 2)], budgetMs: 10 };
    await runner.handle({ type: 'run', id: 8, plan, corpus: { text: CORPUS } });
    const done = events.find((e) => e.type === 'done');
    if (done?.type !== 'done') throw new Error('no done event');
    expect(asked).toEqual(['cpu', 'webgpu', 'webgpu']);
    expect(done.report.engines.map((e) => [e.engine, e.available, e.backend])).toEqual([
      ['cpu', true, 'cpu'],
      ['webgpu', true, 'webgpu'],
      ['webgpu-ops', true, 'webgpu'],
    ]);
    const row = (task: string, engine: string) => done.report.rows.find((r) => r.task === task && r.engine === engine);
    expect(row('classify-h3', 'webgpu')?.status).toBe('ok');
    expect(row('classify-h3', 'webgpu-ops')).toMatchObject({ status: 'n/a', reason: expect.stringMatching(/fused kernels/) });
    expect(row('train-rnn-16', 'webgpu-ops')?.status).toBe('ok');
    expect(row('train-rnn-16', 'cpu')?.dispatchesPerStep).toBeUndefined();
    for (const engine of ['webgpu', 'webgpu-ops']) {
      const r = row('train-rnn-16', engine);
      expect(r?.dispatchesPerStep).toBeCloseTo(12 / (r?.units ?? NaN));
    }
  }, 30_000);

  it('reports an error when text tasks have no corpus', async () => {
    const { runner, events } = makeRunner();
    await runner.handle({ type: 'run', id: 4, plan: { engines: ['scratch'], tasks: [textTrainTask(rnn, 8, 2)], budgetMs: 10 } });
    expect(events.at(-1)).toMatchObject({ type: 'error', id: 4, message: expect.stringMatching(/corpus/) });
  });
});

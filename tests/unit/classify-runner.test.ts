import { describe, expect, it } from 'vitest';
import { toArrays, tutorialMoons } from '../../src/core/datasets';
import { TUTORIAL_SETTINGS } from '../../src/core/mlp/types';
import type { ClassifyEvent, RunSetup } from '../../src/workers/classifyProtocol';
import { ClassifyRunner, historyStride } from '../../src/workers/classifyRunner';
import reference from '../fixtures/mlp_moons_seed0_h3.json';

const setup: RunSetup = { engine: 'scratch', hidden: 3, classes: 2, activation: 'tanh', settings: { ...TUTORIAL_SETTINGS }, seed: 0 };

function makeRunner() {
  const events: ClassifyEvent[] = [];
  const runner = new ClassifyRunner((e) => events.push(e));
  const data = toArrays(tutorialMoons().points);
  const empty = { X: new Float64Array(0), y: new Int32Array(0) };
  return { events, runner, data, empty };
}

const snapshots = (events: ClassifyEvent[]) => events.filter((e): e is Extract<ClassifyEvent, { type: 'snapshot' }> => e.type === 'snapshot');

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('ClassifyRunner', () => {
  it('seed 0 starts from the tutorial weights and reproduces its losses at every recorded iteration', async () => {
    const { events, runner, data, empty } = makeRunner();
    await runner.handle({ id: 1, type: 'setData', train: data, test: empty });
    await runner.handle({ id: 2, type: 'setup', run: 'main', setup });
    const first = snapshots(events)[0];
    expect(Array.from(first.params.W1)).toEqual(reference.init.W1.flat());
    await runner.handle({ id: 3, type: 'play', run: 'main', untilIteration: 1000 });
    await until(() => snapshots(events).some((s) => s.iteration === 1000 && !s.running));
    const history = snapshots(events).flatMap((s) => s.history);
    // Every iteration is recorded early on (so the chaotic phase shows), each exactly once, in order.
    expect(history.map((h) => h.iteration)).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    for (const [iteration, loss] of reference.losses as [number, number][]) {
      // The reference records the loss after the update of iteration i, i.e. after i + 1 updates.
      expect(history[iteration + 1].trainLoss).toBeCloseTo(loss, 12);
    }
    expect(Number.isNaN(history[0].testLoss)).toBe(true);
  });

  it('strides the history with odd steps later, so a period-2 oscillation is never sampled on one phase', () => {
    expect(historyStride(10)).toBe(1);
    expect(historyStride(10_000) % 2).toBe(1);
    expect(historyStride(100_000) % 2).toBe(1);
  });

  it('steps exactly, pauses, and rolls back on divergence', async () => {
    const { events, runner, data, empty } = makeRunner();
    await runner.handle({ id: 4, type: 'setData', train: data, test: empty });
    await runner.handle({ id: 5, type: 'setup', run: 'main', setup: { ...setup, activation: 'relu' } });
    await runner.handle({ id: 6, type: 'step', run: 'main', count: 7 });
    expect(snapshots(events).at(-1)!.iteration).toBe(7);
    const good = snapshots(events).at(-1)!.params;
    await runner.handle({ id: 7, type: 'settings', run: 'main', settings: { ...TUTORIAL_SETTINGS, learningRate: 1e6 } });
    await runner.handle({ id: 8, type: 'play', run: 'main' });
    await until(() => events.some((e) => e.type === 'diverged'));
    await until(() => !snapshots(events).at(-1)!.running);
    const last = snapshots(events).at(-1)!;
    for (const w of last.params.W1) expect(Number.isFinite(w)).toBe(true);
    expect(last.params.W1.length).toBe(good.W1.length);
  });

  it('respects a rate limit and reports errors for unknown runs', async () => {
    const { events, runner, data, empty } = makeRunner();
    await runner.handle({ id: 9, type: 'setData', train: data, test: empty });
    await runner.handle({ id: 10, type: 'setup', run: 'main', setup });
    await runner.handle({ id: 11, type: 'play', run: 'main', rate: 200 });
    await new Promise((r) => setTimeout(r, 300));
    await runner.handle({ id: 12, type: 'pause', run: 'main' });
    const it = snapshots(events).at(-1)!.iteration;
    expect(it).toBeGreaterThan(0);
    expect(it).toBeLessThan(200); // 200/s for 0.3 s is 60 updates; flat out would be tens of thousands
    await runner.handle({ id: 13, type: 'play', run: 'nope' });
    expect(events.some((e) => e.type === 'error' && /no run named nope/.test(e.message))).toBe(true);
  });

  it('answers every request once: ok when applied, error when not, done with the reason when a play ends', async () => {
    const { events, runner, data, empty } = makeRunner();
    const replies = () => events.filter((e): e is Extract<ClassifyEvent, { type: 'ok' | 'done' | 'error' }> => e.type === 'ok' || e.type === 'done' || (e.type === 'error' && e.id !== undefined));
    await runner.handle({ id: 1, type: 'setData', train: data, test: empty });
    await runner.handle({ id: 2, type: 'setup', run: 'main', setup });
    await runner.handle({ id: 3, type: 'play', run: 'main', untilIteration: 50 });
    await until(() => events.some((e) => e.type === 'done'));
    await runner.handle({ id: 4, type: 'play', run: 'main' });
    await runner.handle({ id: 5, type: 'play', run: 'main' }); // supersedes 4
    await runner.handle({ id: 6, type: 'cancel' }); // no such play: a no-op, and no reply of its own
    await runner.handle({ id: 5, type: 'cancel' });
    await runner.handle({ id: 7, type: 'play', run: 'main' });
    await runner.handle({ id: 8, type: 'pause', run: 'main' });
    await runner.handle({ id: 9, type: 'pause', run: 'nope' }); // unknown run: a no-op, answered ok
    await runner.handle({ id: 10, type: 'step', run: 'nope', count: 1 });
    await runner.handle({ id: 11, type: 'dispose', run: 'main' });
    expect(replies().map((e) => [e.id, e.type, e.type === 'done' ? e.reason : null])).toEqual([
      [1, 'ok', null],
      [2, 'ok', null],
      [3, 'done', 'finished'],
      [4, 'done', 'superseded'],
      [5, 'done', 'cancelled'],
      [7, 'done', 'paused'],
      [8, 'ok', null],
      [9, 'ok', null],
      [10, 'error', null],
      [11, 'ok', null],
    ]);
    const finished = replies()[2];
    expect(finished).toMatchObject({ run: 'main', iteration: 50 });
    // Cancelling pauses the run: its last snapshot says so.
    expect(events.filter((e) => e.type === 'snapshot').at(-1)).toMatchObject({ running: false });
  });
});

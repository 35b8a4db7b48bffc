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
    await runner.handle({ type: 'setData', train: data, test: empty });
    await runner.handle({ type: 'setup', run: 'main', setup });
    const first = snapshots(events)[0];
    expect(Array.from(first.params.W1)).toEqual(reference.init.W1.flat());
    await runner.handle({ type: 'play', run: 'main', untilIteration: 1000 });
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
    await runner.handle({ type: 'setData', train: data, test: empty });
    await runner.handle({ type: 'setup', run: 'main', setup: { ...setup, activation: 'relu' } });
    await runner.handle({ type: 'step', run: 'main', count: 7 });
    expect(snapshots(events).at(-1)!.iteration).toBe(7);
    const good = snapshots(events).at(-1)!.params;
    await runner.handle({ type: 'settings', run: 'main', settings: { ...TUTORIAL_SETTINGS, learningRate: 1e6 } });
    await runner.handle({ type: 'play', run: 'main' });
    await until(() => events.some((e) => e.type === 'diverged'));
    await until(() => !snapshots(events).at(-1)!.running);
    const last = snapshots(events).at(-1)!;
    for (const w of last.params.W1) expect(Number.isFinite(w)).toBe(true);
    expect(last.params.W1.length).toBe(good.W1.length);
  });

  it('respects a rate limit and reports errors for unknown runs', async () => {
    const { events, runner, data, empty } = makeRunner();
    await runner.handle({ type: 'setData', train: data, test: empty });
    await runner.handle({ type: 'setup', run: 'main', setup });
    await runner.handle({ type: 'play', run: 'main', rate: 200 });
    await new Promise((r) => setTimeout(r, 300));
    await runner.handle({ type: 'pause', run: 'main' });
    const it = snapshots(events).at(-1)!.iteration;
    expect(it).toBeGreaterThan(0);
    expect(it).toBeLessThan(200); // 200/s for 0.3 s is 60 updates; flat out would be tens of thousands
    await runner.handle({ type: 'play', run: 'nope' });
    expect(events.some((e) => e.type === 'error' && /no run named nope/.test(e.message))).toBe(true);
  });
});

// The Text worker's "Inside the network" requests (inspect, time-gradients, race) in Node on the CPU
// backend with tiny models: replies, validation, and that they work while training.
import { describe, expect, it } from 'vitest';
import { type TextEvent, type TextModelSettings } from '../../src/workers/textProtocol';
import { isType, readySession } from './textSessionHarness';

const CORPUS = 'the "cat" sat (on) the mat.\nthe dog sat on the log.\n'.repeat(40);
const SMALL: TextModelSettings = { cell: 'lstm', layers: 2, hidden: 8, input: 'embedding', embedding: 8, dropout: 0 };

/** A ready session (textSessionHarness.ts) on this file's corpus and model. */
const ready = (engine: 'cpu' | 'scratch' = 'cpu', model: TextModelSettings = SMALL) => readySession(CORPUS, model, engine, 60_000);

describe('Inside the network (worker)', () => {
  it('inspect returns one channel of a layer for every unit, and a probe ranking', async () => {
    const h = await ready();
    const r = await h.send({ type: 'inspect', source: { kind: 'valid' }, layer: 1, channel: 'c', probe: { pattern: 'quotes' } });
    if (r.type !== 'inspected') throw new Error(JSON.stringify(r));
    expect(r.hidden).toBe(8);
    expect(r.values.length).toBe([...r.text].length * 8);
    expect(r.sourceNote).toMatch(/validation/);
    expect(r.ranking).toHaveLength(8);
    const typed = await h.send({ type: 'inspect', source: { kind: 'text', text: 'the <b>cat</b>' }, layer: 0, channel: 'h', probe: { values: new Float32Array(3) } });
    expect(typed).toMatchObject({ type: 'error', code: 'bad-request' });
    const ok = await h.send({ type: 'inspect', source: { kind: 'text', text: 'the cat' }, layer: 0, channel: 'h', probe: { values: Float32Array.of(0, 0, 0, 1, 1, 1, 0) } });
    expect(ok).toMatchObject({ type: 'inspected', text: 'the cat' });
    expect(await h.send({ type: 'inspect', source: { kind: 'valid' }, layer: 2, channel: 'h' })).toMatchObject({ type: 'error', code: 'bad-request' });
    expect(await h.send({ type: 'inspect', source: { kind: 'valid' }, layer: 0, channel: 'z' })).toMatchObject({ type: 'error', code: 'bad-request' });
  });

  it('inspect and time-gradients answer while training', async () => {
    const h = await ready();
    const trainId = h.start({ type: 'train' });
    await h.waitFor(isType('progress'));
    const r = await h.send({ type: 'inspect', source: { kind: 'valid' }, layer: 0, channel: 'h' });
    expect(r.type).toBe('inspected');
    const g = await h.send({ type: 'time-gradients', maxLag: 10, windows: 4 });
    if (g.type !== 'time-gradients-result') throw new Error(JSON.stringify(g));
    expect(g.norms).toHaveLength(2);
    expect(g.norms[0]).toHaveLength(11);
    expect(g.paramNorms.every((x) => x > 0)).toBe(true);
    expect(await h.send({ type: 'time-gradients', maxLag: 0, windows: 4 })).toMatchObject({ type: 'error', code: 'bad-request' });
    expect(await h.send({ type: 'race', cells: ['rnn'], secondsEach: 2 })).toMatchObject({ type: 'error', code: 'busy' });
    await h.send({ type: 'pause' });
    await h.waitFor((e): e is TextEvent => e.type === 'done' && e.id === trainId);
  });

  it('a race trains each cell for its budget and reports curves and samples', async () => {
    const h = await ready();
    const progress = h.events.length;
    const r = await h.send({ type: 'race', cells: ['rnn', 'gru'], secondsEach: 2 });
    if (r.type !== 'race-result') throw new Error(JSON.stringify(r));
    expect(r.entries.map((e) => e.cell)).toEqual(['rnn', 'gru']);
    for (const e of r.entries) {
      expect(e.points.length).toBeGreaterThan(1);
      expect(e.points[e.points.length - 1].elapsedMs).toBeGreaterThanOrEqual(2000);
      expect(e.sample.length).toBeGreaterThan(0);
      expect(e.params).toBeGreaterThan(0);
    }
    expect(h.events.slice(progress).filter(isType('race-progress')).length).toBeGreaterThan(2);
    expect(await h.send({ type: 'race', cells: ['rnn', 'rnn'], secondsEach: 2 })).toMatchObject({ type: 'error', code: 'bad-request' });
  }, 60_000);

  it('the scratch engine inspects (through the same stepper) but cannot race', async () => {
    const h = await ready('scratch', { cell: 'rnn', layers: 1, hidden: 8, input: 'onehot', embedding: 8, dropout: 0 });
    const r = await h.send({ type: 'inspect', source: { kind: 'valid' }, layer: 0, channel: 'h', probe: { pattern: 'line-position' } });
    expect(r.type).toBe('inspected');
    expect(await h.send({ type: 'race', cells: ['rnn'], secondsEach: 2 })).toMatchObject({ type: 'error', code: 'unsupported' });
  });
});

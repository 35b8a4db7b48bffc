// The Text worker's "Inside the network" requests (inspect, time-gradients, race) in Node on the CPU
// backend with tiny models: replies, validation, and that they work while training.
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/workers/backend';
import { DEFAULT_TRAIN_SPEC } from '../../src/core/text/defaults';
import { type TextEvent, type TextModelSettings, type TextRequest } from '../../src/workers/textProtocol';
import { TextWorkerSession } from '../../src/workers/text/session';

const CORPUS = 'the "cat" sat (on) the mat.\nthe dog sat on the log.\n'.repeat(40);
const SMALL: TextModelSettings = { cell: 'lstm', layers: 2, hidden: 8, input: 'embedding', embedding: 8, dropout: 0 };
const TRAIN = { ...DEFAULT_TRAIN_SPEC, seqLength: 16, batchSize: 4, learningRate: 0.03 };

/** A session with an event log and helpers to await replies. */
function harness() {
  const events: TextEvent[] = [];
  const listeners: (() => void)[] = [];
  const session = new TextWorkerSession(
    (e) => {
      events.push(e);
      listeners.splice(0).forEach((l) => l());
    },
    { selectBackend: (choice, onLost) => selectBackend(choice, { gpu: null, onDeviceLost: onLost }) },
  );
  let nextId = 1;
  const waitFor = async <E extends TextEvent>(pred: (e: TextEvent) => e is E, timeoutMs = 15000, from = 0): Promise<E> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = events.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`timed out; last events: ${JSON.stringify(events.slice(-5)).slice(0, 800)}`);
      await new Promise<void>((resolve) => {
        listeners.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  /** Sends a request and resolves with its terminal reply. */
  const send = async (body: Record<string, unknown> & { type: TextRequest['type'] }): Promise<TextEvent & { id: number }> => {
    const id = nextId++;
    const from = events.length;
    void session.handle({ ...body, id } as TextRequest);
    return waitFor(
      (e): e is TextEvent & { id: number } =>
        'id' in e && e.id === id && ['ready', 'corpus', 'built', 'ok', 'done', 'scores', 'exported', 'imported', 'error', 'inspected', 'time-gradients-result', 'race-result'].includes(e.type),
      60000,
      from,
    );
  };
  const start = (body: Record<string, unknown> & { type: TextRequest['type'] }) => {
    const id = nextId++;
    void session.handle({ ...body, id } as TextRequest);
    return id;
  };
  return { session, events, send, start, waitFor };
}

async function ready(engine: 'cpu' | 'scratch' = 'cpu', model: TextModelSettings = SMALL) {
  const h = harness();
  expect((await h.send({ type: 'init', engine })).type).toBe('ready');
  expect((await h.send({ type: 'set-corpus', text: CORPUS, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 })).type).toBe('corpus');
  const built = await h.send({ type: 'build', model, train: TRAIN });
  expect(built.type).toBe('built');
  // Fast loop settings for tests.
  await h.send({ type: 'set-options', options: { progressEveryMs: 0, evalEveryMs: 0, sampleEveryMs: 0, lossReadEvery: 2, stepsPerBurst: 2 } });
  return h;
}

const isType = <T extends TextEvent['type']>(type: T) => (e: TextEvent): e is Extract<TextEvent, { type: T }> => e.type === type;

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

// The Text worker's message handling (TextWorkerSession) in Node on the CPU backend, with tiny models.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  type TextEvent,
  type TextModelBundle,
  type TextModelSettings,
} from '../../src/workers/textProtocol';
import { harness, isType, readySession, TEST_TRAIN } from './textSessionHarness';

const CORPUS = 'the cat sat on the mat.\nthe dog sat on the log.\n'.repeat(40);
const SMALL: TextModelSettings = { cell: 'lstm', layers: 1, hidden: 16, input: 'embedding', embedding: 8, dropout: 0 };

/** A ready session (textSessionHarness.ts) on this file's corpus and model. */
const ready = (engine: 'cpu' | 'scratch' = 'cpu', model: TextModelSettings = SMALL) => readySession(CORPUS, model, engine);

describe('TextWorkerSession', () => {
  it('init reports the backend; requests before init are refused', async () => {
    const h = harness();
    const early = await h.send({ type: 'build', model: SMALL, train: TEST_TRAIN });
    expect(early).toMatchObject({ type: 'error', code: 'not-initialised' });
    const r = await h.send({ type: 'init', engine: 'cpu' });
    expect(r).toMatchObject({ type: 'ready', report: { backend: 'cpu', engine: 'tfjs' } });
    expect(h.events.filter(isType('state')).at(-1)?.phase).toBe('empty');
  });

  it('set-corpus returns stats and the vocabulary, or a bad-corpus error', async () => {
    const h = harness();
    await h.send({ type: 'init', engine: 'cpu' });
    const c = await h.send({ type: 'set-corpus', text: CORPUS, vocab: { lowercase: true, minCount: 1 }, validFraction: 0.1 });
    if (c.type !== 'corpus') throw new Error(c.type);
    expect(c.stats.chars).toBe([...CORPUS].length);
    expect(c.stats.vocabSize).toBe(new Set(CORPUS).size);
    expect(c.stats.trainChars + c.stats.validChars).toBe(c.stats.chars);
    expect(c.stats.topChars[0]).toEqual({ char: ' ', count: [...CORPUS].filter((x) => x === ' ').length });
    expect(c.vocab.symbols.join('')).toBe([...new Set(CORPUS)].sort().join(''));
    expect(await h.send({ type: 'set-corpus', text: '', vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 })).toMatchObject({
      type: 'error',
      code: 'bad-corpus',
    });
    expect(await h.send({ type: 'build', model: SMALL, train: { ...TEST_TRAIN, seqLength: 5000 } })).toMatchObject({ type: 'error', code: 'bad-request' });
    const tiny = await h.send({ type: 'set-corpus', text: 'abcdefgh', vocab: { lowercase: false, minCount: 1 }, validFraction: 0 });
    expect(tiny.type).toBe('corpus');
    expect(await h.send({ type: 'build', model: SMALL, train: TEST_TRAIN })).toMatchObject({ type: 'error', code: 'bad-corpus' });
  });

  it('trains with progress, stops at maxSteps, and the loss falls', async () => {
    const h = await ready();
    await h.send({ type: 'set-options', options: { evalEveryMs: 1, evalChars: 200 } });
    const done = await h.send({ type: 'train', maxSteps: 40 });
    expect(done).toMatchObject({ type: 'done', reason: 'limit' });
    const progress = h.events.filter(isType('progress'));
    expect(progress.length).toBeGreaterThan(5);
    const last = progress.at(-1)!;
    expect(last.step).toBe(40);
    expect(last.loss).toBeLessThan(Math.log(new Set(CORPUS).size) * 0.75);
    expect(last.validLoss).toBeLessThan(Math.log(new Set(CORPUS).size));
    expect(last.charsPerSec).toBeGreaterThan(0);
    expect(last.learningRate).toBe(TEST_TRAIN.learningRate);
    expect(h.events.filter(isType('state')).at(-1)?.phase).toBe('paused');
    // Tensor count is flat across runs.
    await h.send({ type: 'train', maxSteps: 4 });
    const t1 = h.events.filter(isType('progress')).at(-1)!.tensors;
    await h.send({ type: 'train', maxSteps: 10 });
    expect(h.events.filter(isType('progress')).at(-1)!.tensors).toBe(t1);
  });

  it('pause stops training promptly; resume continues; stop evaluates the whole validation split', async () => {
    const h = await ready();
    const trainId = h.start({ type: 'train' });
    await h.waitFor(isType('progress'));
    const paused = await h.send({ type: 'pause' });
    expect(paused.type).toBe('ok');
    expect(h.events.find((e) => e.type === 'done' && e.id === trainId)).toMatchObject({ reason: 'paused' });
    const stepAtPause = h.events.filter(isType('progress')).at(-1)!.step;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.events.filter(isType('progress')).at(-1)!.step).toBe(stepAtPause);
    const resumeId = h.start({ type: 'resume' });
    await h.waitFor((e): e is TextEvent => e.type === 'progress' && e.step > stepAtPause);
    expect((await h.send({ type: 'stop' })).type).toBe('ok');
    expect(h.events.find((e) => e.type === 'done' && e.id === resumeId)).toMatchObject({ reason: 'stopped' });
    expect(h.events.filter(isType('progress')).at(-1)!.validLoss).toBeGreaterThan(0);
    expect(h.events.filter(isType('state')).at(-1)?.phase).toBe('stopped');
  });

  it('cancel ends a training run; set-lr changes the rate without a reset', async () => {
    const h = await ready();
    const id = h.start({ type: 'train' });
    await h.waitFor(isType('progress'));
    expect((await h.send({ type: 'set-lr', learningRate: 0.001 })).type).toBe('ok');
    const after = h.events.length;
    await h.waitFor((e): e is TextEvent => e.type === 'progress' && e.learningRate === 0.001, 15000, after);
    void h.session.handle({ type: 'cancel', id });
    expect(await h.waitFor((e): e is TextEvent & { id: number } => e.type === 'done' && e.id === id)).toMatchObject({ reason: 'cancelled' });
    expect(await h.send({ type: 'set-lr', learningRate: -1 })).toMatchObject({ type: 'error', code: 'bad-request' });
  });

  it('generate streams chunks (also while training) and stops at once when cancelled', async () => {
    const h = await ready();
    await h.send({ type: 'train', maxSteps: 6 });
    const from = h.events.length;
    const done = await h.send({ type: 'generate', prime: 'the ', length: 100, temperature: 0.5, seed: 3 });
    expect(done).toMatchObject({ type: 'done', reason: 'complete' });
    const chunks = h.events.slice(from).filter((e): e is Extract<TextEvent, { type: 'chunk' }> => e.type === 'chunk' && e.id === done.id);
    expect(chunks.length).toBeGreaterThan(1);
    expect([...chunks.map((c) => c.text).join('')].length).toBe(100);
    // Same seed, temperature 0: deterministic.
    const greedy = async () => {
      const start = h.events.length;
      const d = await h.send({ type: 'generate', prime: 'the', length: 40, temperature: 0 });
      return h.events.slice(start).filter((e): e is Extract<TextEvent, { type: 'chunk' }> => e.type === 'chunk' && e.id === d.id).map((c) => c.text).join('');
    };
    expect(await greedy()).toBe(await greedy());
    // While training.
    const trainId = h.start({ type: 'train' });
    await h.waitFor(isType('progress'), 15000, h.events.length);
    const g = await h.send({ type: 'generate', prime: '', length: 50, temperature: 1 });
    expect(g).toMatchObject({ type: 'done', reason: 'complete' });
    // Cancel right after starting a long one.
    const gid = h.start({ type: 'generate', prime: 'a', length: 10000, temperature: 1 });
    void h.session.handle({ type: 'cancel', id: gid });
    expect(await h.waitFor((e): e is TextEvent & { id: number } => e.type === 'done' && e.id === gid)).toMatchObject({ reason: 'cancelled' });
    const got = h.events.filter((e): e is Extract<TextEvent, { type: 'chunk' }> => e.type === 'chunk' && e.id === gid);
    expect(got.map((c) => c.text).join('').length).toBeLessThan(100);
    expect(await h.send({ type: 'generate', prime: '', length: 10, temperature: 3 })).toMatchObject({ type: 'error', code: 'bad-request' });
    void h.session.handle({ type: 'cancel', id: trainId });
    await h.waitFor((e): e is TextEvent & { id: number } => e.type === 'done' && e.id === trainId);
  });

  it('streams periodic samples while training', async () => {
    const h = await ready();
    await h.send({ type: 'set-options', options: { sampleEveryMs: 1, sampleLength: 120, sampleTemperature: 0.8 } });
    await h.send({ type: 'train', maxSteps: 6 });
    const samples = h.events.filter(isType('sample'));
    expect(samples.length).toBeGreaterThan(1);
    const first = samples.filter((s) => s.sampleId === samples[0].sampleId);
    expect(first.at(-1)!.done).toBe(true);
    expect([...first.map((s) => s.text).join('')].length).toBe(120);
  });

  it('scores lines in order, with per-character surprise', async () => {
    const h = await ready();
    await h.send({ type: 'train', maxSteps: 20 });
    const r = await h.send({ type: 'score', lines: ['the cat sat on the mat.', 'zzqx tqj', ''] });
    if (r.type !== 'scores') throw new Error(JSON.stringify(r));
    expect(r.results.map((x) => x.line)).toEqual(['the cat sat on the mat.', 'zzqx tqj', '']);
    const [good, bad, empty] = r.results;
    expect(good.chars).toBe(23); // '\n' is in the vocabulary, so every character is scored
    expect(good.perChar).toHaveLength(23);
    expect(good.bitsPerChar).toBeCloseTo(good.natsPerChar / Math.LN2, 10);
    expect(good.natsPerChar).toBeLessThan(bad.natsPerChar);
    expect(bad.missing).toEqual(['z', 'q', 'x', 'j']);
    expect(empty.chars).toBe(0);
    expect(Number.isNaN(empty.natsPerChar)).toBe(true);
  });

  it('export → import restores the same model (and rejects a broken one)', async () => {
    const h = await ready();
    await h.send({ type: 'train', maxSteps: 10 });
    const greedy = async () => {
      const start = h.events.length;
      const d = await h.send({ type: 'generate', prime: 'the ', length: 60, temperature: 0 });
      return h.events.slice(start).filter((e): e is Extract<TextEvent, { type: 'chunk' }> => e.type === 'chunk' && e.id === d.id).map((c) => c.text).join('');
    };
    const before = await greedy();
    const exp = await h.send({ type: 'export' });
    if (exp.type !== 'exported') throw new Error(JSON.stringify(exp));
    const bundle: TextModelBundle = structuredClone(exp.bundle);
    expect(bundle.sidecar.step).toBe(10);
    expect(JSON.parse(bundle.modelJson).format).toBe('layers-model');
    await h.send({ type: 'reset' });
    expect(await greedy()).not.toBe(before);
    const imp = await h.send({ type: 'import', bundle });
    if (imp.type !== 'imported') throw new Error(JSON.stringify(imp));
    expect(imp.step).toBe(10);
    expect(imp.model).toMatchObject({ cell: 'lstm', hidden: 16 });
    expect(imp.stats?.chars).toBe([...CORPUS].length);
    expect(await greedy()).toBe(before);
    expect((await h.send({ type: 'train', maxSteps: 2 })).type).toBe('done');
    const broken = await h.send({ type: 'import', bundle: { ...bundle, modelJson: '{' } });
    expect(broken).toMatchObject({ type: 'error', code: 'bad-model-file' });
  });

  it('divergence pauses training, reports diverged and rolls back', async () => {
    const h = await ready();
    await h.send({ type: 'train', maxSteps: 4 });
    const id = h.start({ type: 'train' });
    await h.waitFor(isType('progress'), 15000, h.events.length);
    expect((await h.send({ type: 'debug', action: 'diverge' })).type).toBe('ok');
    expect(await h.waitFor((e): e is TextEvent & { id: number } => e.type === 'done' && e.id === id)).toMatchObject({ reason: 'diverged' });
    expect(h.events.find((e) => e.type === 'error' && e.code === 'diverged')).toBeDefined();
    expect(h.events.filter(isType('state')).at(-1)?.phase).toBe('paused');
    await h.send({ type: 'train', maxSteps: 4 });
    expect(Number.isFinite(h.events.filter(isType('progress')).at(-1)!.rawLoss)).toBe(true);
  });

  it('fault hooks: a throw becomes an internal error; a lost device needs a new init', async () => {
    const h = await ready();
    expect(await h.send({ type: 'debug', action: 'throw' })).toMatchObject({ type: 'error', code: 'internal' });
    expect((await h.send({ type: 'debug', action: 'lose-device' })).type).toBe('ok');
    await h.waitFor((e): e is TextEvent => e.type === 'error' && e.code === 'device-lost');
    expect(h.events.filter(isType('state')).at(-1)?.phase).toBe('lost');
    expect(await h.send({ type: 'train' })).toMatchObject({ type: 'error', code: 'device-lost' });
    expect((await h.send({ type: 'init', engine: 'cpu' })).type).toBe('ready');
    expect(await h.send({ type: 'build', model: SMALL, train: TEST_TRAIN })).toMatchObject({ type: 'built' });
  });

  it('switching backends keeps a TensorFlow.js model', async () => {
    const h = await ready();
    await h.send({ type: 'train', maxSteps: 4 });
    const r = await h.send({ type: 'init', engine: 'wasm' });
    expect(r).toMatchObject({ type: 'ready', report: { backend: 'wasm' } });
    expect(h.events.filter(isType('state')).at(-1)?.phase).toBe('ready');
    expect((await h.send({ type: 'train', maxSteps: 2 })).type).toBe('done');
    expect(h.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(h.events.filter(isType('progress')).at(-1)!.step).toBe(6);
    await tf.setBackend('cpu');
  });

  it('runs the from-scratch engine, and refuses what it lacks', async () => {
    const h = harness();
    await h.send({ type: 'init', engine: 'scratch' });
    await h.send({ type: 'set-corpus', text: CORPUS, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 });
    expect(await h.send({ type: 'build', model: SMALL, train: TEST_TRAIN })).toMatchObject({ type: 'error', code: 'unsupported' });
    const rnn: TextModelSettings = { cell: 'rnn', layers: 1, hidden: 16, input: 'onehot', embedding: 0, dropout: 0 };
    expect((await h.send({ type: 'build', model: rnn, train: { ...TEST_TRAIN, optimizer: 'adagrad', learningRate: 0.1 } })).type).toBe('built');
    await h.send({ type: 'set-options', options: { progressEveryMs: 0, stepsPerBurst: 5 } });
    expect(await h.send({ type: 'train', maxSteps: 30 })).toMatchObject({ reason: 'limit' });
    expect(h.events.filter(isType('progress')).at(-1)!.step).toBe(30);
    const exp = await h.send({ type: 'export' });
    if (exp.type !== 'exported') throw new Error(JSON.stringify(exp));
    expect(exp.bundle.sidecar.engine).toBe('scratch');
    const imp = await h.send({ type: 'import', bundle: structuredClone(exp.bundle) });
    expect(imp).toMatchObject({ type: 'imported', step: 30 });
    // Divergence on scratch: rolled back to the last finite weights.
    const id = h.start({ type: 'train' });
    await h.waitFor(isType('progress'), 15000, h.events.length);
    await h.send({ type: 'debug', action: 'diverge' });
    expect(await h.waitFor((e): e is TextEvent & { id: number } => e.type === 'done' && e.id === id)).toMatchObject({ reason: 'diverged' });
    expect((await h.send({ type: 'generate', prime: 'the', length: 20, temperature: 1 })).type).toBe('done');
  });
});

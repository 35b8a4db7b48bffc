// Auto that measures, in the Text worker (workers/text/autoJob.ts), in Node: WASM is the only hardware backend
// here, so the real timing loop is exercised with CPU added as a second candidate. The model built before the
// measuring moves along, the tensor count stays flat, a kept choice is reused, cancel restores the backend.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { hardwareCandidates, softwareReason } from '../../src/workers/backend';
import type { AutoChoice, BackendReport, TextEvent, TextModelSettings } from '../../src/workers/textProtocol';
import { harness, isType, TEST_TRAIN } from './textSessionHarness';

const CORPUS = 'the cat sat on the mat.\nthe dog sat on the log.\n'.repeat(40);
const SMALL: TextModelSettings = { cell: 'lstm', layers: 1, hidden: 16, input: 'embedding', embedding: 8, dropout: 0 };
const TRAIN = { ...TEST_TRAIN, seqLength: 8, batchSize: 2 };

async function autoSession(candidates?: ('wasm' | 'cpu')[]) {
  const h = harness(30_000, candidates ? { autoCandidates: () => candidates } : {});
  const ready = await h.send({ type: 'init', engine: 'auto' });
  if (ready.type !== 'ready') throw new Error(JSON.stringify(ready));
  expect((await h.send({ type: 'set-corpus', text: CORPUS, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 })).type).toBe('corpus');
  await h.send({ type: 'set-options', options: { progressEveryMs: 0, evalEveryMs: 0, sampleEveryMs: 0 } });
  return { ...h, startReport: ready.report };
}

const chosen = (e: TextEvent) => {
  if (e.type !== 'auto-chosen') throw new Error(JSON.stringify(e));
  return e;
};

describe('Auto in the worker', () => {
  it('with one hardware candidate (WASM here) it does not time anything', async () => {
    const h = await autoSession();
    expect(h.startReport.backend).toBe('wasm');
    const from = h.events.length;
    const t0 = Date.now();
    const c = chosen(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN }));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(c.choice).toMatchObject({ candidates: ['wasm'], measurements: [], winner: 'wasm' });
    expect(c.report).toMatchObject({ requested: 'auto', backend: 'wasm' });
    expect(h.events.slice(from).filter(isType('auto-progress'))).toHaveLength(0);
  });

  it('times each candidate on the real model and disposes what it builds', async () => {
    const h = await autoSession(['wasm', 'cpu']);
    const tensors = tf.memory().numTensors;
    const c = chosen(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN }));
    expect(c.choice.measurements.map((m) => m.ok)).toEqual([true, true]);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('moves the built model to the winner, and reuses a kept choice', async () => {
    const h = await autoSession(['wasm', 'cpu']);
    expect((await h.send({ type: 'build', model: SMALL, train: TRAIN })).type).toBe('built');
    expect((await h.send({ type: 'train', maxSteps: 3 })).type).toBe('done');
    const from = h.events.length;
    const c = chosen(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN }));
    expect(h.events.slice(from).filter(isType('auto-progress')).map((e) => `${e.backend} ${e.index + 1}/${e.count}`)).toEqual(['wasm 1/2', 'cpu 2/2']);
    expect(c.reused).toBe(false);
    expect(c.choice.key).toBe('lstm-16x1-emb8-v' + new Set(CORPUS).size + '-T8-B2-adam');
    for (const m of c.choice.measurements) expect(m.ok && m.charsPerSec! > 0, JSON.stringify(m)).toBe(true);
    const best = [...c.choice.measurements].sort((a, b) => b.charsPerSec! - a.charsPerSec!)[0];
    expect(c.choice.winner).toBe(best.backend);
    expect(c.report.backend).toBe(c.choice.winner);
    expect(tf.getBackend()).toBe(c.choice.winner);
    // The model came along (its step count too) and trains on.
    expect(h.events.filter(isType('state')).at(-1)?.step).toBe(3);
    expect(await h.send({ type: 'train', maxSteps: 2 })).toMatchObject({ type: 'done', reason: 'limit' });
    const exported = await h.send({ type: 'export' });
    expect(exported).toMatchObject({ type: 'exported', bundle: { sidecar: { step: 5 } } });

    // A kept choice for the same shape and candidates is reused without timing.
    const again = h.events.length;
    const reused = chosen(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN, cached: c.choice }));
    expect(reused.reused).toBe(true);
    expect(h.events.slice(again).filter(isType('auto-progress'))).toHaveLength(0);
    // …but not for another shape, nor among other candidates.
    const other: AutoChoice = { ...c.choice, candidates: ['webgpu', 'wasm'] };
    expect(chosen(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN, cached: other })).reused).toBe(false);
  });

  it('refuses what needs the model meanwhile; cancel stops the measuring and brings back the backend and the model', async () => {
    const h = await autoSession(['wasm', 'cpu']);
    expect((await h.send({ type: 'build', model: SMALL, train: TRAIN })).type).toBe('built');
    const tensors = tf.memory().numTensors;
    const id = h.start({ type: 'auto-backend', model: SMALL, train: TRAIN });
    await h.waitFor((e): e is TextEvent => e.type === 'auto-progress' && e.id === id);
    // The model is away while measuring: what needs it is refused.
    expect(await h.send({ type: 'export' })).toMatchObject({ type: 'error', code: 'busy' });
    void h.session.handle({ type: 'cancel', id });
    const done = await h.waitFor((e): e is TextEvent => (e.type === 'done' || e.type === 'auto-chosen' || e.type === 'error') && (e as { id?: number }).id === id);
    expect(done).toMatchObject({ type: 'done', reason: 'cancelled' });
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await h.send({ type: 'train', maxSteps: 1 })).toMatchObject({ type: 'done', reason: 'limit' });
  });

  it('takes injected figures from a debug request; refuses while training', async () => {
    const h = await autoSession();
    await h.send({ type: 'debug', action: 'auto-timings', auto: { timings: { webgl: 'no WebGL context (injected)', wasm: 9800 } } });
    const c = chosen(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN }));
    expect(c.choice.measurements).toEqual([
      { backend: 'webgl', ok: false, reason: 'no WebGL context (injected)' },
      { backend: 'wasm', ok: true, charsPerSec: 9800 },
    ]);
    expect(c.report.backend).toBe('wasm');
    await h.send({ type: 'build', model: SMALL, train: TRAIN });
    h.start({ type: 'train' });
    expect(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN })).toMatchObject({ type: 'error', code: 'busy' });
    await h.send({ type: 'pause' });
  });

  it('needs an Auto start', async () => {
    const h = harness();
    await h.send({ type: 'init', engine: 'cpu' });
    expect(await h.send({ type: 'auto-backend', model: SMALL, train: TRAIN })).toMatchObject({ type: 'error', code: 'bad-request' });
  });
});

describe("Auto's candidates", () => {
  const report = (tried: BackendReport['tried'], backend: BackendReport['backend'] = 'wasm'): BackendReport => ({ requested: 'auto', engine: 'tfjs', backend, isFallbackAdapter: false, tried });

  it('are the hardware backends the start did not pass over (never CPU)', () => {
    expect(hardwareCandidates(report([{ backend: 'webgpu', ok: true }], 'webgpu'))).toEqual(['webgpu', 'webgl', 'wasm']);
    const noGpu = report([
      { backend: 'webgpu', ok: false, reason: 'software adapter (swiftshader): slower than WASM' },
      { backend: 'webgl', ok: false, reason: 'software renderer (SwiftShader): slower than WASM' },
      { backend: 'wasm', ok: true },
    ]);
    expect(hardwareCandidates(noGpu)).toEqual(['wasm']);
    expect(hardwareCandidates(noGpu, true)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(hardwareCandidates(report([{ backend: 'webgpu', ok: false, reason: 'navigator.gpu is undefined' }, { backend: 'webgl', ok: true }], 'webgl'), true)).toEqual(['webgl', 'wasm']);
    expect(hardwareCandidates(report([{ backend: 'webgpu', ok: false }, { backend: 'webgl', ok: false }, { backend: 'wasm', ok: false }, { backend: 'cpu', ok: true }], 'cpu'))).toEqual([]);
  });

  it('a backend that turns out to be software says so', () => {
    const adapter = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true };
    expect(softwareReason({ ...report([{ backend: 'webgpu', ok: true }], 'webgpu'), adapter })).toMatch(/software adapter \(swiftshader\)/);
    expect(softwareReason(report([{ backend: 'webgl', ok: true, reason: 'renderer: ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))' }], 'webgl'))).toMatch(/software renderer/);
    expect(softwareReason(report([{ backend: 'webgl', ok: true, reason: 'renderer: ANGLE (NVIDIA H200)' }], 'webgl'))).toBeUndefined();
    expect(softwareReason(report([{ backend: 'wasm', ok: true }]))).toBeUndefined();
  });
});

// The resource estimate (src/core/text/resources.ts) and its verdict (resourceVerdict.ts): parameter counts
// exact, the estimate within a factor of 1.5 of what TensorFlow.js really allocates (tf.profile's peak on the
// CPU and WASM backends), monotone over the page's whole range, and every suggested setting really fits.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellType, InputEncoding, TextModelSpec, TextOptimizer } from '../../src/core/text/engine';
import { estimateResources, scratchParamCount, tfjsParamCount, type ResourceBackend, type ResourceSetting } from '../../src/core/text/resources';
import { defaultLimits, jsLimits, wasmLimits, webglLimits, webgpuLimits, type BackendLimits } from '../../src/core/text/resourceLimits';
import { assessResources, formatBytes, suggestSize } from '../../src/core/text/resourceVerdict';
import { rnnParamCount } from '../../src/core/text/scratch/rnnParams';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildTextModel, countParams } from '../../src/core/text/tfjs/model';

// The page's ranges (src/labs/text/settings.ts LIMITS) and the vocabulary limit (src/core/limits.ts).
const RANGE = {
  layers: { min: 1, max: 3 },
  hidden: { min: 16, max: 1024 },
  embedding: { min: 4, max: 512 },
  seqLength: { min: 8, max: 256 },
  batchSize: { min: 1, max: 256 },
  vocab: { min: 1, max: 65_536 },
};
const MINIMUM = { batchSize: RANGE.batchSize.min, seqLength: RANGE.seqLength.min, hidden: RANGE.hidden.min };
const CELLS: CellType[] = ['rnn', 'gru', 'lstm'];
const INPUTS: InputEncoding[] = ['onehot', 'embedding'];
const OPTIMIZERS: TextOptimizer[] = ['adam', 'rmsprop', 'adagrad', 'sgd'];
const BACKENDS: ResourceBackend[] = ['webgpu', 'webgl', 'wasm', 'cpu', 'scratch'];

const setting = (model: Partial<TextModelSpec>, train: Partial<ResourceSetting['train']> = {}, extra: Partial<ResourceSetting> = {}): ResourceSetting => ({
  model: { cell: 'lstm', layers: 1, hidden: 128, input: 'embedding', embedding: 32, dropout: 0, vocabSize: 89, ...model },
  train: { seqLength: 64, batchSize: 16, optimizer: 'adam', ...train },
  ...extra,
});

/** A seeded generator for picking settings. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

function randomSetting(r: () => number): ResourceSetting {
  const logVocab = r() * Math.log(RANGE.vocab.max);
  return setting(
    {
      cell: CELLS[pick(r, 0, 2)],
      layers: pick(r, RANGE.layers.min, RANGE.layers.max),
      hidden: pick(r, RANGE.hidden.min, RANGE.hidden.max),
      input: INPUTS[pick(r, 0, 1)],
      embedding: pick(r, RANGE.embedding.min, RANGE.embedding.max),
      vocabSize: Math.max(1, Math.round(Math.exp(logVocab))),
    },
    { seqLength: pick(r, RANGE.seqLength.min, RANGE.seqLength.max), batchSize: pick(r, RANGE.batchSize.min, RANGE.batchSize.max), optimizer: OPTIMIZERS[pick(r, 0, 3)] },
    { trainTokens: pick(r, 0, 20_000_000), validTokens: pick(r, 0, 2_000_000) },
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('parameter counts', () => {
  it('tfjsParamCount equals the built model for every cell, input and depth', () => {
    for (const cell of CELLS) {
      for (const input of INPUTS) {
        for (const layers of [1, 2, 3]) {
          const spec: TextModelSpec = { cell, layers, hidden: 12, input, embedding: 5, dropout: 0, vocabSize: 7 };
          const net = buildTextModel(spec, 1);
          expect(tfjsParamCount(spec), `${cell} ${input} ${layers}`).toBe(countParams(net));
          net.dispose();
        }
      }
    }
  });

  it('scratchParamCount equals rnnParams.ts', () => {
    for (const [h, v] of [[16, 1], [100, 65], [1024, 65_536]]) expect(scratchParamCount(h, v)).toBe(rnnParamCount(h, v));
  });
});

describe('the estimate against TensorFlow.js (CPU backend)', () => {
  // Peak bytes of a training step over the bytes before the engine existed, against estimate.peakBytes.
  const cases: [string, ResourceSetting][] = [
    ['lstm embedding adam', setting({ hidden: 32, vocabSize: 40 }, { seqLength: 16, batchSize: 8 })],
    ['lstm one-hot sgd, long window', setting({ hidden: 16, input: 'onehot', vocabSize: 60 }, { seqLength: 48, batchSize: 4, optimizer: 'sgd' })],
    ['gru 2 layers rmsprop', setting({ cell: 'gru', layers: 2, hidden: 24, vocabSize: 30 }, { seqLength: 12, batchSize: 8, optimizer: 'rmsprop' })],
    ['rnn one-hot adagrad, big batch', setting({ cell: 'rnn', hidden: 48, input: 'onehot', vocabSize: 120 }, { seqLength: 16, batchSize: 32, optimizer: 'adagrad' })],
    ['rnn 3 layers adam, big vocabulary', setting({ cell: 'rnn', layers: 3, hidden: 32, vocabSize: 400 }, { seqLength: 8, batchSize: 8 })],
    ['lstm wide, small batch', setting({ hidden: 96, vocabSize: 50 }, { seqLength: 8, batchSize: 2 })],
  ];
  const FACTOR = 1.5;

  const wasmCases: [string, ResourceSetting][] = [
    ['WASM: lstm 2 layers with dropout', setting({ layers: 2, hidden: 32, vocabSize: 40, dropout: 0.3 }, { seqLength: 16, batchSize: 8 })],
    ['WASM: gru one-hot', setting({ cell: 'gru', layers: 2, hidden: 24, input: 'onehot', vocabSize: 30 }, { seqLength: 12, batchSize: 8 })],
    ['WASM: rnn one-hot with dropout', setting({ cell: 'rnn', layers: 2, hidden: 32, input: 'onehot', vocabSize: 40, dropout: 0.3 }, { seqLength: 16, batchSize: 16 })],
  ];

  it.each([...cases, ...wasmCases])(`%s: within a factor of ${FACTOR}`, async (name, s) => {
    if (name.startsWith('WASM')) {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      expect(await tf.setBackend('wasm')).toBe(true);
    } else {
      await tf.setBackend('cpu');
    }
    const V = s.model.vocabSize;
    const tokens = Int32Array.from({ length: 3000 }, (_, i) => (i * 7919) % V);
    const before = tf.memory().numBytes;
    const engine = await createTfjsTextEngine(s.model, { ...s.train, learningRate: 0.01, clipNorm: 5, seed: 1 }, tokens, { lossReadEvery: 1 });
    try {
      await engine.train(2); // optimiser state exists and the snapshot has diverged from the weights
      const profile = await tf.profile(async () => {
        await engine.train(1);
      });
      const actual = profile.peakBytes - before;
      const estimate = estimateResources({ ...s, trainTokens: tokens.length }, name.startsWith('WASM') ? 'wasm' : 'cpu').peakBytes;
      const ratio = estimate / actual;
      expect(ratio, `estimate ${estimate}, actual ${actual}`).toBeGreaterThan(1 / FACTOR);
      expect(ratio, `estimate ${estimate}, actual ${actual}`).toBeLessThan(FACTOR);
    } finally {
      engine.dispose();
      await tf.setBackend('cpu');
    }
  });
});

describe('monotone over the whole allowed range', () => {
  const grid = {
    hidden: [16, 17, 64, 255, 512, 1024],
    seqLength: [8, 9, 64, 200, 256],
    batchSize: [1, 2, 16, 100, 256],
    vocabSize: [1, 2, 89, 5000, 65_536],
    layers: [1, 2, 3],
  };
  type Key = keyof typeof grid;
  const apply = (s: ResourceSetting, key: Key, v: number): ResourceSetting =>
    key === 'seqLength' || key === 'batchSize' ? { ...s, train: { ...s.train, [key]: v } } : { ...s, model: { ...s.model, [key]: v } };

  it('peak bytes and the largest buffer never shrink when batch, window, hidden, vocabulary or depth grow', () => {
    let compared = 0;
    for (const backend of ['wasm', 'scratch'] as const) {
      for (const cell of backend === 'scratch' ? (['rnn'] as CellType[]) : CELLS) {
        for (const input of backend === 'scratch' ? (['onehot'] as InputEncoding[]) : INPUTS) {
          for (const optimizer of OPTIMIZERS) {
            for (const key of Object.keys(grid) as Key[]) {
              if (backend === 'scratch' && key === 'layers') continue;
              // The other settings at their minimum, middle and maximum.
              for (const at of [0, 2, 4]) {
                const base = setting(
                  { cell, input, layers: 1, hidden: grid.hidden[at], vocabSize: grid.vocabSize[at], embedding: 32 },
                  { seqLength: grid.seqLength[at], batchSize: grid.batchSize[at], optimizer },
                  { trainTokens: 100_000, validTokens: 10_000 },
                );
                let last = estimateResources(apply(base, key, grid[key][0]), backend);
                for (const v of grid[key].slice(1)) {
                  const next = estimateResources(apply(base, key, v), backend);
                  expect(next.peakBytes, `${backend} ${cell} ${input} ${optimizer} ${key}=${v}`).toBeGreaterThanOrEqual(last.peakBytes);
                  expect(next.largest.bytes).toBeGreaterThanOrEqual(last.largest.bytes);
                  last = next;
                  compared++;
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('every part is a finite, non-negative number of bytes at both ends of every range', () => {
    for (const backend of BACKENDS) {
      for (const ends of [0, 1]) {
        const s = setting(
          {
            cell: 'lstm',
            layers: ends ? RANGE.layers.max : RANGE.layers.min,
            hidden: ends ? RANGE.hidden.max : RANGE.hidden.min,
            input: 'embedding',
            embedding: ends ? RANGE.embedding.max : RANGE.embedding.min,
            vocabSize: ends ? RANGE.vocab.max : RANGE.vocab.min,
          },
          { seqLength: ends ? RANGE.seqLength.max : RANGE.seqLength.min, batchSize: ends ? RANGE.batchSize.max : RANGE.batchSize.min },
        );
        const e = estimateResources(s, backend);
        for (const [k, v] of Object.entries(e)) if (typeof v === 'number') expect(Number.isFinite(v) && v >= 0, `${backend} ${k}`).toBe(true);
        expect(e.largest.bytes).toBeLessThanOrEqual(e.peakBytes);
      }
    }
  });
});

describe('the verdict', () => {
  it('fits the page defaults everywhere', () => {
    for (const backend of BACKENDS) {
      const s = backend === 'scratch' ? setting({ cell: 'rnn', input: 'onehot' }, { optimizer: 'adagrad' }) : setting({});
      const v = assessResources({ ...s, trainTokens: 1_000_000, validTokens: 100_000 }, backend === 'webgl' ? webglLimits(16384) : defaultLimits(backend));
      expect(v.level, `${backend}: ${v.message}`).toBe('fits');
      expect(v.message).toBeNull();
    }
  });

  it('refuses a setting over the WASM heap with the numbers and a batch that fits', () => {
    const s = setting({ cell: 'lstm', hidden: 1024, layers: 3, vocabSize: 200 }, { seqLength: 256, batchSize: 256 });
    const v = assessResources(s, wasmLimits(), { minimum: MINIMUM });
    expect(v.level).toBe('refuse');
    expect(v.message).toMatch(/needs about [\d.]+ GB/);
    expect(v.message).toContain('the WebAssembly heap holds at most 4.3 GB');
    expect(v.suggestion).not.toBeNull();
    const fix = v.suggestion as NonNullable<typeof v.suggestion>;
    expect(v.message).toMatch(/(Batch|Window|Hidden) \d+/);
    const fixed = setting({ ...s.model, hidden: fix.hidden }, { ...s.train, batchSize: fix.batchSize, seqLength: fix.seqLength });
    expect(assessResources(fixed, wasmLimits()).level).toBe('fits');
  });

  it('refuses logits larger than a WebGPU storage buffer, and passes the adapter limits through', () => {
    const s = setting({ vocabSize: 5000 }, { seqLength: 256, batchSize: 64 }); // logits 16384 × 5000 × 4 B = 328 MB
    expect(assessResources(s, webgpuLimits()).level).toBe('refuse');
    expect(assessResources(s, webgpuLimits()).message).toContain('maxStorageBufferBindingSize');
    const big = webgpuLimits({ maxBufferSize: 4 * 1024 ** 3, maxStorageBufferBindingSize: 2 * 1024 ** 3 }, 16 * 1024 ** 3);
    expect(assessResources(s, big).level).not.toBe('refuse');
  });

  it('refuses a tensor larger than WebGL textures allow', () => {
    const s = setting({ vocabSize: 20_000 }, { seqLength: 256, batchSize: 64 }); // 16384 × 20000 > 4096²
    const v = assessResources(s, webglLimits(4096));
    expect(v.level).toBe('refuse');
    expect(v.message).toContain("WebGL's largest texture (4096 × 4096 values)");
  });

  it('only warns past an assumed budget (the JS heap for the from-scratch engine)', () => {
    const s = setting({ cell: 'rnn', input: 'onehot', hidden: 1024, vocabSize: 65_536 }, { optimizer: 'adam' });
    const v = assessResources(s, jsLimits('scratch'));
    expect(v.level).toBe('warn');
    expect(v.message).toContain('is assumed to hold about');
    expect(assessResources(s, jsLimits('scratch', 2 * 1024 ** 3)).level).toBe('refuse'); // a known heap limit refuses
  });

  it('refuses past an assumed budget\'s ceiling (16 GiB): more than a browser gives one page', () => {
    const s = setting({ cell: 'gru', hidden: 1024, layers: 3 }, { seqLength: 256, batchSize: 256 });
    for (const limits of [webgpuLimits(), webglLimits(16384), jsLimits('cpu')]) {
      const v = assessResources(s, limits, { minimum: MINIMUM });
      expect(v.level).toBe('refuse');
      expect(v.message).toContain('more than a browser can give one page');
      expect(v.suggestion).not.toBeNull();
    }
  });

  it('warns near a known limit', () => {
    const s = setting({ hidden: 512, layers: 2 }, { seqLength: 128, batchSize: 64 });
    const need = estimateResources(s, 'wasm').peakBytes;
    const v = assessResources(s, wasmLimits(need / 0.8));
    expect(v.level).toBe('warn');
    expect(v.message).toMatch(/needs 80% of what the WebAssembly heap can hold/);
    expect(assessResources(s, wasmLimits(need / 0.5)).level).toBe('fits');
  });

  it('over random settings from the whole range: every suggestion fits, is no larger than asked, and is the largest such', () => {
    const r = lcg(13);
    const seen = { fits: 0, warn: 0, refuse: 0, suggested: 0, none: 0 };
    for (let i = 0; i < 400; i++) {
      const s = randomSetting(r);
      const backend = BACKENDS[i % BACKENDS.length];
      if (backend === 'scratch') Object.assign(s.model, { cell: 'rnn', layers: 1, input: 'onehot' });
      const limits: BackendLimits = backend === 'webgl' ? webglLimits(16384) : defaultLimits(backend);
      const v = assessResources(s, limits, { minimum: MINIMUM });
      seen[v.level]++;
      expect(v.message === null).toBe(v.level === 'fits');
      if (v.message) expect(v.message).not.toMatch(/undefined|NaN|Infinity|\[object/);
      if (v.level === 'fits') continue;
      const fix = suggestSize(s, limits, { minimum: MINIMUM });
      expect(fix).toEqual(v.suggestion);
      if (!fix) {
        seen.none++;
        continue;
      }
      seen.suggested++;
      expect(fix.batchSize).toBeLessThanOrEqual(s.train.batchSize);
      expect(fix.seqLength).toBeLessThanOrEqual(s.train.seqLength);
      expect(fix.hidden).toBeLessThanOrEqual(s.model.hidden);
      expect(fix.batchSize).toBeGreaterThanOrEqual(Math.min(MINIMUM.batchSize, s.train.batchSize));
      const corpus = { trainTokens: s.trainTokens, validTokens: s.validTokens };
      const fixed = setting({ ...s.model, hidden: fix.hidden }, { ...s.train, batchSize: fix.batchSize, seqLength: fix.seqLength }, corpus);
      expect(assessResources(fixed, limits).level).toBe('fits');
      // When one setting was shrunk, one more of it no longer fits (the search found the largest).
      const changed = (['batchSize', 'seqLength', 'hidden'] as const).filter((k) => fix[k] !== (k === 'hidden' ? s.model.hidden : s.train[k]));
      if (changed.length === 1) {
        const key = changed[0];
        const bigger = key === 'hidden' ? setting({ ...fixed.model, hidden: fix.hidden + 1 }, fixed.train, corpus) : setting(fixed.model, { ...fixed.train, [key]: fix[key] + 1 }, corpus);
        expect(assessResources(bigger, limits).level).not.toBe('fits');
      }
    }
    // The range really exercises every outcome.
    expect(seen.fits).toBeGreaterThan(20);
    expect(seen.refuse).toBeGreaterThan(20);
    expect(seen.suggested).toBeGreaterThan(20);
  });

  it('formats bytes in plain units', () => {
    expect(formatBytes(3.1e9)).toBe('3.1 GB');
    expect(formatBytes(640e6)).toBe('640 MB');
    expect(formatBytes(12_345)).toBe('12 kB');
    expect(formatBytes(12)).toBe('12 bytes');
  });
});

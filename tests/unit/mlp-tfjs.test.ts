// The TensorFlow.js engine (autodiff, float32) against the from-scratch one (hand backprop, float64):
// same starting weights, same settings, same mini-batches → the same losses up to float32 rounding.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromNested, tutorialInit, type NestedParams } from '../../src/core/mlp/params';
import { parseMlpReference } from '../../src/core/mlp/reference';
import { ScratchMlp } from '../../src/core/mlp/scratchMlp';
import { TfjsMlp } from '../../src/core/mlp/tfjsMlp';
import { reproduceReferenceTfjs } from '../../src/core/mlp/tfjsReference';
import { TUTORIAL_SETTINGS, type Activation, type MlpParams, type TrainSettings } from '../../src/core/mlp/types';
import { MT19937 } from '../../src/core/rng/mt19937';

const text = readFileSync(new URL('../fixtures/mlp_moons_seed0_h3.json', import.meta.url), 'utf8');
const fixture = JSON.parse(text) as {
  X: number[][];
  y: number[];
  init: NestedParams;
  losses: [number, number][];
  final: NestedParams;
  final_loss: number;
};
const X = Float64Array.from(fixture.X.flat());
const y = Int32Array.from(fixture.y);
const init = fromNested(fixture.init);

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function blobs(n: number, K: number, seed: number): { X: Float64Array; y: Int32Array } {
  const rng = new MT19937(seed);
  const Xb = new Float64Array(2 * n);
  const yb = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % K;
    Xb[2 * i] = Math.cos((2 * Math.PI * k) / K) + 0.5 * rng.normal();
    Xb[2 * i + 1] = Math.sin((2 * Math.PI * k) / K) + 0.5 * rng.normal();
    yb[i] = k;
  }
  return { X: Xb, y: yb };
}

/** Trains both engines side by side; returns the worst relative loss difference over the checkpoints. */
async function compareEngines(
  data: { X: Float64Array; y: Int32Array },
  p: MlpParams,
  act: Activation,
  settings: TrainSettings,
  steps: number,
  every: number,
): Promise<number> {
  const scratch = new ScratchMlp(p, act, settings);
  const gpu = new TfjsMlp(data, p, act, settings);
  try {
    let worst = 0;
    for (let done = 0; done < steps; done += every) {
      scratch.step(data.X, data.y, every);
      await gpu.step(every);
      worst = Math.max(worst, rel(await gpu.loss(), scratch.loss(data.X, data.y)));
    }
    return worst;
  } finally {
    gpu.dispose();
  }
}

beforeAll(async () => {
  tf.env().set('PROD', true); // skip debug checks; no tfjs-node banner
  await tf.setBackend('cpu');
});

describe('TfjsMlp on the CPU backend', () => {
  it('tracks the float64 run over the tutorial’s first 1000 steps', async () => {
    // The reference's losses are the float64 engine's to ~1e-15 (mlp-reference.test.ts), so this compares
    // autodiff in float32 with hand-written backprop in float64 from the same initial weights. float32
    // rounding (~6e-8 per op) leaves relative loss differences of a few 1e-7 over this stable stretch
    // (measured max ≈ 2e-7); 1e-5 asserts that with a wide margin (the brief's bar was 1e-4).
    const seen: number[] = [];
    const run = await reproduceReferenceTfjs(parseMlpReference(JSON.parse(text)), (_, loss) => seen.push(loss));
    fixture.losses.forEach(([, want], i) => expect(rel(run.losses[i][1], want)).toBeLessThan(1e-5));
    expect(seen).toEqual(run.losses.map(([, loss]) => loss));
    expect(rel(run.finalLoss, fixture.final_loss)).toBeLessThan(1e-5);
    expect(run.trainAccuracy).toBe(0.975);
    // Weights drift a little more than the loss (flat directions): measured ≈ 6e-6 relative.
    const f = fixture.final;
    const want = [...f.W1.flat(), ...f.b1, ...f.W2.flat(), ...f.b2];
    const got = [...run.final.W1, ...run.final.b1, ...run.final.W2, ...run.final.b2];
    got.forEach((w, i) => expect(rel(w, want[i])).toBeLessThan(1e-4));
    expect(run.final.W1).toBeInstanceOf(Float64Array);
  });

  const cases: [string, Activation, number, Partial<TrainSettings>][] = [
    ['relu, K = 3, mean mini-batches, momentum', 'relu', 3, { reduction: 'mean', batchSize: 20, optimizer: 'momentum', learningRate: 0.05 }],
    ['sigmoid, K = 3, mean mini-batches, adam', 'sigmoid', 3, { reduction: 'mean', batchSize: 32, optimizer: 'adam', learningRate: 0.01 }],
    ['relu, K = 2, full batch, sum, sgd', 'relu', 2, { learningRate: 0.002 }],
    ['tanh, K = 4, full batch, mean, adam', 'tanh', 4, { reduction: 'mean', optimizer: 'adam', learningRate: 0.02 }],
  ];
  for (const [name, act, K, over] of cases) {
    it(`matches the scratch engine: ${name}`, async () => {
      const data = blobs(90, K, K);
      const p = tutorialInit(6, K, new MT19937(K + 1));
      const worst = await compareEngines(data, p, act, { ...TUTORIAL_SETTINGS, reg: 0.01, ...over }, 150, 30);
      expect(worst).toBeLessThan(1e-4);
    });
  }

  it('keeps optimizer state across a learning-rate change, like the scratch engine', async () => {
    const adam: TrainSettings = { ...TUTORIAL_SETTINGS, optimizer: 'adam', learningRate: 0.01 };
    const scratch = new ScratchMlp(init, 'tanh', adam);
    const gpu = new TfjsMlp({ X, y }, init, 'tanh', adam);
    try {
      scratch.step(X, y, 20);
      await gpu.step(20);
      scratch.setSettings({ ...adam, learningRate: 0.03 });
      gpu.setSettings({ ...adam, learningRate: 0.03 });
      scratch.step(X, y, 20);
      await gpu.step(20);
      expect(rel(await gpu.loss(), scratch.loss(X, y))).toBeLessThan(1e-4);
      const a = await gpu.getParams();
      const b = scratch.getParams();
      for (let i = 0; i < a.W2.length; i++) expect(Math.abs(a.W2[i] - b.W2[i])).toBeLessThan(1e-4);
      expect(gpu.iteration).toBe(40);
    } finally {
      gpu.dispose();
    }
  });

  it('holds a flat tensor count over many steps, reads and settings changes, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const net = new TfjsMlp({ X, y }, init, 'tanh', { ...TUTORIAL_SETTINGS, batchSize: 32, reduction: 'mean', optimizer: 'adam' });
    await net.step(3);
    const running = tf.memory().numTensors;
    for (let round = 0; round < 5; round++) {
      await net.step(40); // crosses epochs (new order tensors)
      await net.loss();
      await net.accuracy();
      await net.getParams();
      net.setSettings({ ...net.getSettings(), learningRate: 0.001 * (round + 1) });
      expect(tf.memory().numTensors).toBe(running);
    }
    net.setSettings({ ...net.getSettings(), optimizer: 'momentum', batchSize: 'full' });
    net.setData({ X, y });
    net.reset(init);
    await net.step(10);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(running);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(net.loss()).rejects.toThrow(/disposed/);
  });

  it('getParams returns the scratch layout, so the scratch grid code can draw it', async () => {
    const net = new TfjsMlp({ X, y }, init);
    try {
      await net.step(5);
      const p = await net.getParams();
      expect([p.hidden, p.classes, p.W1.length, p.b1.length, p.W2.length, p.b2.length]).toEqual([3, 2, 6, 3, 6, 2]);
      const view = new ScratchMlp(p);
      const out = new Float32Array(4 * 4 * 2);
      view.probabilityGrid({ xMin: -1, xMax: 2, yMin: -1, yMax: 1 }, 4, 4, out);
      expect(out[0] + out[1]).toBeCloseTo(1, 6);
    } finally {
      net.dispose();
    }
  });

  it('rejects labels outside 0..K−1', () => {
    expect(() => new TfjsMlp({ X: Float64Array.from([0, 0]), y: [2] }, init)).toThrow(/label 2/);
  });
});

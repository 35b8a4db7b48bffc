// Generation on the device (deviceSampler.ts) runs the same cells as the JS stepper the lab streams from:
// greedy decoding (τ = 0) must produce the same characters, on CPU and WASM, for every cell, and the tensor
// count must not grow with the characters generated.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellType, InputEncoding } from '../../src/core/text/engine';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';

const TEXT = 'she sells sea shells by the sea shore; the shells she sells are sea shells. '.repeat(12);
const vocab = buildVocab(TEXT);
const tokens = encode(TEXT, vocab);

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`DeviceSampler (${backend})`, () => {
    beforeAll(async () => {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    it.each<[CellType, InputEncoding, number]>([
      ['rnn', 'onehot', 2],
      ['gru', 'embedding', 1],
      ['lstm', 'embedding', 2],
    ])('%s (%s, %i layers): greedy text equals the JS stepper’s; no tensor per character', async (cell, input, layers) => {
      const engine = await createTfjsTextEngine(
        { cell, layers, hidden: 16, input, embedding: 8, dropout: 0, vocabSize: vocab.chars.length },
        { seqLength: 16, batchSize: 8, optimizer: 'adam', learningRate: 0.02, clipNorm: 5, seed: 3 },
        tokens,
      );
      await engine.train(20);
      const prime = tokens.subarray(0, 12);
      const stepper = await engine.stepper();
      let p: ArrayLike<number> = [];
      for (const t of prime) p = stepper.next(t);
      const fromJs: number[] = [argmax(p)];
      for (let i = 1; i < 40; i++) fromJs.push(argmax(stepper.next(fromJs[i - 1])));

      const sampler = engine.deviceSampler();
      const before = tf.memory().numTensors;
      sampler.feed(prime.subarray(0, prime.length - 1));
      const fromDevice: number[] = [await sampler.next(prime[prime.length - 1], 0, 1)];
      for (let i = 1; i < 40; i++) fromDevice.push(await sampler.next(fromDevice[i - 1], 0, 1));
      expect(fromDevice).toEqual(fromJs);
      expect(tf.memory().numTensors).toBe(before);
      // Sampling at τ = 1 gives valid characters, repeatably for the same seeds.
      const draw = async () => {
        sampler.reset();
        const out: number[] = [];
        for (let i = 0; i < 10; i++) out.push(await sampler.next(out[i - 1] ?? prime[0], 1, 100 + i));
        return out;
      };
      const a = await draw();
      expect(a.every((t) => t >= 0 && t < vocab.chars.length)).toBe(true);
      expect(await draw()).toEqual(a);
      sampler.dispose();
      engine.dispose();
      expect(tf.memory().numTensors).toBe(0);
    });
  });
}

// lstmLayer.ts (the LSTM's BPTT written out) against tfjs autodiff through lstmStep, the graph it replaces:
// the same outputs, the same gradients for every per-step input and for U, from zeros and from a carried
// (h, c), on the CPU backend and on WASM (where tanh goes through σ), at awkward sizes (one step, one row).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lstmStep } from '../../src/core/text/tfjs/cellSteps';
import { lstmLayer, type LstmState } from '../../src/core/text/tfjs/lstmLayer';

/** Largest |a − b| / (1 + |b|). */
function relativeGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return gap;
}

/** The reference: lstmStep per step, differentiated by autodiff. */
function autodiffLayer(xs: tf.Tensor2D[], U: tf.Tensor2D, initial: LstmState | null): tf.Tensor2D {
  let h = initial?.h ?? null;
  let c = initial?.c ?? null;
  const hs: tf.Tensor2D[] = [];
  for (const x of xs) {
    const step = lstmStep(h ? tf.add<tf.Tensor2D>(x, tf.matMul(h, U)) : x, c);
    h = step.h;
    c = step.c;
    hs.push(h);
  }
  return tf.concat(hs, 0);
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`lstmLayer = autodiff through lstmStep (${backend})`, () => {
    beforeAll(async () => {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    const cases: [number, number, number, boolean][] = [
      [5, 3, 6, false],
      [5, 3, 6, true],
      [1, 2, 4, true],
      [4, 1, 7, false],
    ];
    it.each(cases)('T %i, B %i, H %i, carried state %s: outputs and gradients, inputs per step and as one window', (T, B, H, carried) => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const xs = Array.from({ length: T }, (_, t) => tf.randomNormal([B, 4 * H], 0, 1, 'float32', 10 + t) as tf.Tensor2D);
        const U = tf.randomNormal([H, 4 * H], 0, 0.5, 'float32', 3) as tf.Tensor2D;
        const initial = carried
          ? { h: tf.randomNormal([B, H], 0, 0.5, 'float32', 4) as tf.Tensor2D, c: tf.randomNormal([B, H], 0, 0.5, 'float32', 5) as tf.Tensor2D }
          : null;
        // A loss that weighs every output differently, so each dy_t is distinct.
        const weights = tf.randomNormal([T * B, H], 0, 1, 'float32', 6);
        const loss = (layer: (x: tf.Tensor2D[], u: tf.Tensor2D) => tf.Tensor2D) => (...args: tf.Tensor[]) =>
          tf.sum(tf.mul(layer(args.slice(0, T) as tf.Tensor2D[], args[T] as tf.Tensor2D), weights)) as tf.Scalar;
        const ours = tf.valueAndGrads(loss((x, u) => lstmLayer({ all: tf.concat(x, 0), T: x.length }, u, initial)))([...xs, U]);
        const reference = tf.valueAndGrads(loss((x, u) => autodiffLayer(x, u, initial)))([...xs, U]);
        expect(relativeGap(ours.value.dataSync(), reference.value.dataSync())).toBeLessThan(1e-5);
        for (let k = 0; k <= T; k++) expect(relativeGap(ours.grads[k].dataSync(), reference.grads[k].dataSync())).toBeLessThan(1e-4);
        expect(relativeGap(lstmLayer({ all: tf.concat(xs, 0), T }, U, initial).dataSync(), autodiffLayer(xs, U, initial).dataSync())).toBeLessThan(1e-5);
        // The window as one [T·B, 4H] input: its gradient is the per-step gradients stacked.
        const window = tf.valueAndGrads((all: tf.Tensor, u: tf.Tensor) => tf.sum(tf.mul(lstmLayer({ all: all as tf.Tensor2D, T }, u as tf.Tensor2D, initial), weights)) as tf.Scalar)([tf.concat(xs, 0), U]);
        expect(relativeGap(window.value.dataSync(), reference.value.dataSync())).toBeLessThan(1e-5);
        expect(relativeGap(window.grads[0].dataSync(), tf.concat(reference.grads.slice(0, T), 0).dataSync())).toBeLessThan(1e-4);
        expect(relativeGap(window.grads[1].dataSync(), reference.grads[T].dataSync())).toBeLessThan(1e-4);
      });
      expect(tf.memory().numTensors).toBe(before);
    });

    it('hands the final state over, kept, and the output continues as one long window', () => {
      const [T, B, H] = [3, 2, 5];
      const before = tf.memory().numTensors;
      const xs = Array.from({ length: 2 * T }, (_, t) => tf.randomNormal([B, 4 * H], 0, 1, 'float32', 20 + t) as tf.Tensor2D);
      const U = tf.randomNormal([H, 4 * H], 0, 0.5, 'float32', 8) as tf.Tensor2D;
      let state: LstmState | null = null;
      const first = tf.tidy(() => lstmLayer({ all: tf.concat(xs.slice(0, T), 0), T }, U, null, (s) => (state = s)));
      expect(state).not.toBeNull();
      const [rest, whole] = [tf.concat(xs.slice(T), 0), tf.concat(xs, 0)];
      const second = lstmLayer({ all: rest, T: xs.length - T }, U, state);
      const long = lstmLayer({ all: whole, T: xs.length }, U, null);
      const joined = tf.concat([first, second], 0);
      expect(relativeGap(joined.dataSync(), long.dataSync())).toBeLessThan(1e-5);
      const held = state as LstmState | null;
      tf.dispose([first, second, long, joined, rest, whole, U, ...xs, ...(held ? [held.h, held.c] : [])]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}

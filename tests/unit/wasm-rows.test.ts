// useHeapViewRows (src/core/wasmRows.ts): the WASM backend's row gather must give exactly tf.gather's rows,
// and its row scatter-add exactly tf.gather's gradient (the CPU backend's, up to float32 summation order);
// a bad id is refused; and the text model trains on WASM to the same losses with the two kernels as with
// the one-hot products they replace (rowLookup.ts).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasHeapViewRows, heapRowGather, heapRowScatterAdd, ROW_GATHER, ROW_SCATTER_ADD, useHeapViewRows } from '../../src/core/wasmRows';
import { useHeapViewSlices } from '../../src/core/wasmSlices';
import type { CellType } from '../../src/core/text/engine';
import { tinyTextEngine } from './tinyTextEngine';

const table = (V: number, D: number) => Array.from({ length: V * D }, (_, i) => Math.sin(i * 0.7) * 3);
const dys = (N: number, D: number) => Array.from({ length: N * D }, (_, i) => Math.cos(i * 1.3) - 0.2);
// Repeated ids, an id never used (row 2 of ∂table stays zero), the first and the last row.
const IDS = [4, 0, 4, 1, 3, 4, 0, 1, 1];

async function read(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  useHeapViewSlices();
  useHeapViewRows();
  useHeapViewRows(); // idempotent
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('row gather and scatter-add on WASM (heap views)', () => {
  it('are registered and reported for the WASM backend only', async () => {
    await tf.setBackend('wasm');
    expect(hasHeapViewRows()).toBe(true);
    await tf.setBackend('cpu');
    expect(hasHeapViewRows()).toBe(false);
  });

  for (const D of [1, 5, 64]) {
    it(`gather of [5, ${D}] rows equals tf.gather on the CPU backend, bit for bit`, async () => {
      await tf.setBackend('cpu');
      const want = await read(tf.gather(tf.tensor2d(table(5, D), [5, D]), tf.tensor1d(IDS, 'int32')));
      await tf.setBackend('wasm');
      const got = tf.tidy(() => heapRowGather(tf.tensor2d(table(5, D), [5, D]), tf.tensor1d(IDS, 'int32')));
      expect(got.shape).toEqual([IDS.length, D]);
      expect(await read(got)).toEqual(want);
    });

    it(`scatter-add into [5, ${D}] equals tf.gather's gradient on the CPU backend`, async () => {
      await tf.setBackend('cpu');
      const gatherGrad = tf.grad((t: tf.Tensor) => tf.mul(tf.gather(t, tf.tensor1d(IDS, 'int32')), tf.tensor2d(dys(IDS.length, D), [IDS.length, D])).sum());
      const want = await read(gatherGrad(tf.tensor2d(table(5, D), [5, D])));
      await tf.setBackend('wasm');
      const got = tf.tidy(() => heapRowScatterAdd(tf.tensor1d(IDS, 'int32'), tf.tensor2d(dys(IDS.length, D), [IDS.length, D]), 5));
      expect(got.shape).toEqual([5, D]);
      const values = await read(got);
      values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
      expect(values.slice(2 * D, 3 * D).every((v) => v === 0)).toBe(true); // id 2 never appears
    });
  }

  it('refuses an id outside the table', async () => {
    await tf.setBackend('wasm');
    const t = tf.tensor2d(table(3, 2), [3, 2]);
    for (const bad of [3, -1]) {
      const ids = tf.tensor1d([0, bad], 'int32');
      expect(() => heapRowGather(t, ids)).toThrow(/outside 0 … 2/);
      expect(() => heapRowScatterAdd(ids, tf.ones([2, 2]) as tf.Tensor2D, 3)).toThrow(/outside 0 … 2/);
      ids.dispose();
    }
    t.dispose();
  });

  for (const cell of ['lstm', 'rnn', 'gru'] as CellType[]) {
    it(`a ${cell} trains to the same losses with the two kernels as with the one-hot products`, async () => {
      await tf.setBackend('wasm');
      const train = async () => {
        const { engine, tokens } = await tinyTextEngine(cell, { lossReadEvery: 1 });
        const losses: number[] = [];
        for (let i = 0; i < 6; i++) losses.push((await engine.train(2)).loss as number);
        losses.push(await engine.evaluate(tokens.subarray(0, 97)));
        engine.dispose();
        return losses;
      };
      const withKernels = await train();
      const kernels = [ROW_GATHER, ROW_SCATTER_ADD].map((name) => tf.getKernel(name, 'wasm')!);
      kernels.forEach((k) => tf.unregisterKernel(k.kernelName, 'wasm'));
      try {
        expect(hasHeapViewRows()).toBe(false);
        const withProducts = await train();
        withKernels.forEach((loss, i) => expect(loss).toBeCloseTo(withProducts[i], 4));
      } finally {
        kernels.forEach((k) => tf.registerKernel(k));
      }
      expect(withKernels.every(Number.isFinite)).toBe(true);
    });
  }
});

// useHeapViewSlices (src/core/wasmSlices.ts): the WASM backend's Slice, SplitV and Unpack replaced by copies
// between heap views must give exactly tfjs's results — compared here with the CPU backend's, element for
// element, over ranks 1–5, contiguous and strided cuts, every heap dtype; and a training run on WASM must be
// bit-identical with and without the replacement.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHeapViewSlices } from '../../src/core/wasmSlices';
import { tinyTextEngine } from './tinyTextEngine';

type Values = number[] | number[][] | boolean[];

/** Runs `f` on `backend` and returns every output's values and shape. */
async function on(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<{ shape: number[]; values: Values }[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(() => [f()].flat());
  const read = await Promise.all(outs.map(async (t) => ({ shape: t.shape, values: Array.from(await t.data()) as Values })));
  tf.dispose(outs);
  return read;
}

function values(shape: number[], dtype: 'float32' | 'int32' | 'bool'): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : dtype === 'int32' ? i * 7 - 50 : i * 0.37 - 3.1));
  return tf.tensor(data as number[], shape, dtype);
}

/** A slice's begin/size for every axis: whole, from the start, from the middle, one element. */
function cuts(shape: number[]): { begin: number[]; size: number[] }[] {
  const options = (n: number) => [[0, n], [0, Math.max(1, n - 1)], [Math.floor(n / 2), n - Math.floor(n / 2)], [n - 1, 1]];
  const out: { begin: number[]; size: number[] }[] = [];
  const walk = (axis: number, begin: number[], size: number[]) => {
    if (axis === shape.length) return void out.push({ begin, size });
    for (const [b, s] of options(shape[axis])) walk(axis + 1, [...begin, b], [...size, s]);
  };
  walk(0, [], []);
  return out;
}

const SHAPES = [[7], [5, 6], [4, 3, 5], [2, 3, 4, 3], [2, 2, 3, 2, 3]];
const NAMES = ['Slice', 'SplitV', 'Unpack'];
let tfjsKernels: tf.KernelConfig[] = [];

function install(configs: tf.KernelConfig[]): void {
  for (const config of configs) {
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
}

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  tfjsKernels = NAMES.map((name) => tf.getKernel(name, 'wasm')!);
  useHeapViewSlices();
  expect(NAMES.map((name) => tf.getKernel(name, 'wasm')!.kernelFunc)).not.toContain(tfjsKernels[0].kernelFunc);
  useHeapViewSlices(); // idempotent
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('heap-view Slice, SplitV and Unpack on WASM', () => {
  for (const shape of SHAPES) {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      it(`slice ${dtype} [${shape}] matches the CPU backend for every cut`, async () => {
        for (const { begin, size } of cuts(shape)) {
          const f = () => tf.slice(values(shape, dtype), begin, size);
          expect(await on('wasm', f)).toEqual(await on('cpu', f));
        }
      });
    }
    it(`split and unstack [${shape}] along every axis match the CPU backend`, async () => {
      for (let axis = 0; axis < shape.length; axis++) {
        const n = shape[axis];
        const sizes = n > 2 ? [1, n - 2, 1] : [n];
        for (const f of [() => tf.split(values(shape, 'float32'), sizes, axis), () => tf.unstack(values(shape, 'int32'), axis)]) {
          expect(await on('wasm', f)).toEqual(await on('cpu', f));
        }
      }
    });
  }

  it('a slice of strings still works (tfjs kernel)', async () => {
    await tf.setBackend('wasm');
    const s = tf.tensor(['a', 'b', 'c', 'd'], [2, 2], 'string');
    expect(await tf.slice(s, [1, 0], [1, 2]).array()).toEqual([['c', 'd']]);
    tf.dispose(s);
  });

  it('an LSTM trains bit-identically with tfjs kernels and with the replacement', async () => {
    await tf.setBackend('wasm');
    const train = async () => {
      const { engine, tokens } = await tinyTextEngine('lstm');
      for (let i = 0; i < 4; i++) await engine.train(3);
      const loss = await engine.evaluate(tokens.subarray(0, 97));
      engine.dispose();
      return loss;
    };
    const replaced = await train();
    const ours = NAMES.map((name) => tf.getKernel(name, 'wasm')!);
    install(tfjsKernels);
    try {
      expect(await train()).toBe(replaced);
    } finally {
      install(ours);
    }
    expect(Number.isFinite(replaced)).toBe(true);
  });
});

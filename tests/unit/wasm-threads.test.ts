// WASM threads (src/workers/wasmThreads.ts, src/node/tfjsWasmThreads.ts): the thread count a request gets, the
// single-threaded report in Node (never cross-origin isolated), and the two same-origin scripts the threaded
// build loads instead of blob: URLs. That threads start and agree with one thread is checked in Chromium
// (tests/e2e/text-wasm-threads.spec.ts).
import { Script } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { threadScripts } from '../../src/node/tfjsWasmThreads';
import { selectBackend } from '../../src/workers/backend';
import { DEFAULT_WASM_THREADS, MAX_THREADS, wantedThreads } from '../../src/workers/wasmThreads';

describe('wantedThreads', () => {
  it('0 is one per logical core, at most MAX_THREADS; 1 is one; absent is the default', () => {
    expect(wantedThreads(0, 2)).toBe(2);
    expect(wantedThreads(0, 64)).toBe(MAX_THREADS);
    expect(wantedThreads(0, undefined)).toBe(1);
    expect(wantedThreads(1, 16)).toBe(1);
    expect(wantedThreads(3, 2)).toBe(3);
    expect(wantedThreads(undefined, 4)).toBe(wantedThreads(DEFAULT_WASM_THREADS, 4));
  });
});

describe('WASM in Node', () => {
  it('runs single-threaded with SIMD, and says why when threads were asked for', async () => {
    const plain = await selectBackend('wasm', { gpu: null });
    expect(plain.backend).toBe('wasm');
    expect(plain.wasm).toEqual({ simd: true, threads: 1 });

    const asked = await selectBackend('wasm', { gpu: null, wasmThreads: { scripts: { pthreadWorker: 'w.js', mainScript: 'm.js' }, threads: 2 } });
    expect(asked.backend).toBe('wasm');
    expect(asked.wasm).toMatchObject({ threads: 1, note: expect.stringMatching(/not cross-origin isolated/) });
    expect(await tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).data()).toEqual(new Float32Array([3, 3, 3, 3]));
  });
});

describe('the thread scripts served from this origin', () => {
  const { pthreadWorker, mainScript } = threadScripts();

  it('are classic scripts named by their content', () => {
    expect(() => new Script(pthreadWorker.source)).not.toThrow();
    expect(() => new Script(mainScript.source)).not.toThrow();
    expect(pthreadWorker.fileName).toMatch(/^tfjs-wasm-pthread-[0-9a-f]{8}\.js$/);
    expect(mainScript.fileName).toMatch(/^tfjs-wasm-threaded-simd-[0-9a-f]{8}\.js$/);
  });

  it('the pthread worker imports a URL it is given, and the main script defines the factory it calls', () => {
    expect(pthreadWorker.source).toContain('if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}');
    expect(pthreadWorker.source).toContain('WasmBackendModuleThreadedSimd(Module)');
    expect(mainScript.source).toMatch(/^\s*var WasmBackendModuleThreadedSimd = /);
  });
});

// Auto's chooser (core/text/autoBackend.ts) with injected timings: the fastest wins, ties keep the earlier
// candidate, a failing candidate is skipped with its reason, all failing leaves no winner; the key per model
// shape and the sentence the page shows.
import { describe, expect, it } from 'vitest';
import { AutoCancelled, autoShapeKey, budgetPerCandidate, chooseFastest, describeAutoChoice, sameCandidates, type AutoShape } from '../../src/core/text/autoBackend';

const timings =
  (figures: Record<string, number | string>) =>
  async (backend: string): Promise<number> => {
    const f = figures[backend];
    if (typeof f === 'string') throw new Error(f);
    return f;
  };

describe('chooseFastest', () => {
  it('picks the fastest and reports every figure, in candidate order', async () => {
    const progress: string[] = [];
    const c = await chooseFastest('k', ['webgpu', 'webgl', 'wasm'], timings({ webgpu: 41000, webgl: 12000, wasm: 9800 }), {
      onProgress: (b, i, n) => progress.push(`${b} ${i + 1}/${n}`),
      now: () => 7,
    });
    expect(c).toEqual({
      key: 'k',
      candidates: ['webgpu', 'webgl', 'wasm'],
      measurements: [
        { backend: 'webgpu', ok: true, charsPerSec: 41000 },
        { backend: 'webgl', ok: true, charsPerSec: 12000 },
        { backend: 'wasm', ok: true, charsPerSec: 9800 },
      ],
      winner: 'webgpu',
      measuredAt: 7,
    });
    expect(progress).toEqual(['webgpu 1/3', 'webgl 2/3', 'wasm 3/3']);
    expect(describeAutoChoice(c)).toBe('WebGPU 41,000 chars/s · WebGL 12,000 · WASM 9,800 → WebGPU');
  });

  it('a slower GPU loses to WASM', async () => {
    const c = await chooseFastest('k', ['webgpu', 'wasm'], timings({ webgpu: 209, wasm: 7200 }));
    expect(c.winner).toBe('wasm');
  });

  it('a tie keeps the earlier candidate (hardware order)', async () => {
    expect((await chooseFastest('k', ['webgpu', 'webgl', 'wasm'], timings({ webgpu: 5000, webgl: 5000, wasm: 5000 }))).winner).toBe('webgpu');
    expect((await chooseFastest('k', ['webgl', 'wasm'], timings({ webgl: 3000, wasm: 3000 }))).winner).toBe('webgl');
  });

  it('skips a candidate that fails, with its reason', async () => {
    const c = await chooseFastest('k', ['webgpu', 'webgl', 'wasm'], timings({ webgpu: 'device lost while timing', webgl: NaN, wasm: 9800 }));
    expect(c.winner).toBe('wasm');
    expect(c.measurements[0]).toEqual({ backend: 'webgpu', ok: false, reason: 'device lost while timing' });
    expect(c.measurements[1]).toMatchObject({ backend: 'webgl', ok: false });
    expect(describeAutoChoice(c)).toBe('WebGPU failed · WebGL failed · WASM 9,800 chars/s → WASM');
  });

  it('leaves no winner when every candidate fails', async () => {
    const c = await chooseFastest('k', ['webgl', 'wasm'], timings({ webgl: 'no context', wasm: 0 }));
    expect(c.winner).toBeUndefined();
    expect(c.measurements.every((m) => !m.ok)).toBe(true);
    expect(describeAutoChoice(c)).toMatch(/→ none$/);
  });

  it('does not time a single candidate (or none)', async () => {
    let calls = 0;
    const time = async () => {
      calls++;
      return 1;
    };
    const one = await chooseFastest('k', ['wasm'], time);
    expect(one).toMatchObject({ candidates: ['wasm'], measurements: [], winner: 'wasm' });
    expect(describeAutoChoice(one)).toBe('WASM (the only hardware backend here)');
    expect((await chooseFastest('k', [], time)).winner).toBeUndefined();
    expect(calls).toBe(0);
  });

  it('splits about 3 s between the candidates and stops when cancelled', async () => {
    expect(budgetPerCandidate(3)).toBe(1000);
    const seen: number[] = [];
    let cancel = false;
    const run = chooseFastest('k', ['webgpu', 'webgl', 'wasm'], async (_b, budget) => {
      seen.push(budget);
      cancel = true;
      return 1;
    }, { cancelled: () => cancel });
    await expect(run).rejects.toBeInstanceOf(AutoCancelled);
    expect(seen).toEqual([1000]);
  });
});

describe('the kept choice', () => {
  const shape: AutoShape = { cell: 'lstm', layers: 1, hidden: 128, input: 'onehot', embedding: 32, dropout: 0, vocabSize: 65, seqLength: 16, batchSize: 64, optimizer: 'adam' };

  it('is keyed by what decides a step’s speed', () => {
    expect(autoShapeKey(shape)).toBe('lstm-128x1-onehot-v65-T16-B64-adam');
    expect(autoShapeKey({ ...shape, embedding: 64 })).toBe(autoShapeKey(shape)); // unused with one-hot input
    expect(autoShapeKey({ ...shape, input: 'embedding' })).toBe('lstm-128x1-emb32-v65-T16-B64-adam');
    expect(autoShapeKey({ ...shape, carryState: true, dropout: 0.2 })).toBe('lstm-128x1-onehot-v65-T16-B64-adam-dropout-carry');
    expect(autoShapeKey({ ...shape, batchSize: 32 })).not.toBe(autoShapeKey(shape));
  });

  it('is reused only among the same candidates', () => {
    expect(sameCandidates(['webgl', 'wasm'], ['webgl', 'wasm'])).toBe(true);
    expect(sameCandidates(['wasm'], ['webgpu', 'wasm'])).toBe(false);
  });
});

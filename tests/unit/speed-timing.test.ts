// Behaviour of the benchmark's timing helpers, on a fake clock (no real timings are asserted).
import { describe, expect, it } from 'vitest';
import { CancelledError, measureRate, median, percentile } from '../../src/core/bench/timing';

/** A clock that advances only when work "runs": each unit costs `msPerUnit`. */
function fakeWork(msPerUnit: number, warmupExtra = 0) {
  let t = 0;
  const calls: number[] = [];
  return {
    clock: () => t,
    calls,
    run: (n: number) => {
      calls.push(n);
      t += n * msPerUnit + (calls.length === 1 ? warmupExtra : 0);
    },
  };
}

describe('measureRate', () => {
  it('reports units per second of timed work, the warm-up apart', async () => {
    const w = fakeWork(2, 50);
    const rate = await measureRate(w.run, { budgetMs: 100, clock: w.clock });
    expect(rate.warmupMs).toBe(52);
    expect(w.calls[0]).toBe(1);
    expect(rate.perSecond).toBeCloseTo(500, 6); // 2 ms per unit
    expect(rate.units).toBe(w.calls.slice(1).reduce((a, b) => a + b, 0));
    expect(rate.ms).toBeGreaterThanOrEqual(100);
  });

  it('grows bursts geometrically instead of timing one unit at a time', async () => {
    const w = fakeWork(0.01);
    await measureRate(w.run, { budgetMs: 50, clock: w.clock });
    expect(w.calls.length).toBeLessThan(40);
    expect(Math.max(...w.calls)).toBeGreaterThan(100);
  });

  it('runs one timed unit even when a unit is far over the budget (slow engines)', async () => {
    const w = fakeWork(5000);
    const rate = await measureRate(w.run, { budgetMs: 100, clock: w.clock });
    expect(w.calls).toEqual([1, 1]);
    expect(rate.units).toBe(1);
    expect(rate.perSecond).toBeCloseTo(0.2, 6);
  });

  it('stops at maxUnits and can skip the warm-up', async () => {
    const w = fakeWork(1);
    const rate = await measureRate(w.run, { budgetMs: 1e9, maxUnits: 10, warmup: false, clock: w.clock });
    expect(rate.units).toBe(10);
    expect(rate.warmupMs).toBe(0);
  });

  it('throws CancelledError once the signal is aborted, yielding between bursts', async () => {
    const w = fakeWork(1);
    const controller = new AbortController();
    let yields = 0;
    const promise = measureRate(
      (n) => {
        w.run(n);
        if (w.calls.length === 3) controller.abort();
      },
      { budgetMs: 1e6, clock: w.clock, signal: controller.signal, yieldToEvents: async () => void yields++ },
    );
    await expect(promise).rejects.toBeInstanceOf(CancelledError);
    expect(w.calls.length).toBe(3);
    expect(yields).toBeGreaterThanOrEqual(3);
  });

  it('does nothing when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const w = fakeWork(1);
    await expect(measureRate(w.run, { budgetMs: 10, clock: w.clock, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(w.calls).toEqual([]);
  });
});

describe('percentile and median', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 0.5)).toBeNaN();
    expect(values[0]).toBe(100); // input untouched
  });

  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

// The from-scratch engine replays the tutorial's NumPy run (tests/fixtures/mlp_moons_seed0_h3.json) to
// relative error 1e-9, and malformed reference files are rejected with a message naming the problem.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareWithReference,
  parseMlpReference,
  ReferenceFormatError,
  reproduceReference,
} from '../../src/core/mlp/reference';

const text = readFileSync(new URL('../fixtures/mlp_moons_seed0_h3.json', import.meta.url), 'utf8');
const fixture = JSON.parse(text) as {
  losses: [number, number][];
  final: Record<'W1' | 'W2', number[][]> & Record<'b1' | 'b2', number[]>;
  final_loss: number;
  train_accuracy: number;
};

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('reproducing the tutorial run', () => {
  const ref = parseMlpReference(JSON.parse(text));
  const seen: [number, number][] = [];
  const run = reproduceReference(ref, (it, loss) => seen.push([it, loss]));

  it('every listed loss to 1e-9', () => {
    expect(run.losses.map(([it]) => it)).toEqual(fixture.losses.map(([it]) => it));
    fixture.losses.forEach(([, want], i) => expect(rel(run.losses[i][1], want)).toBeLessThan(1e-9));
    expect(seen).toEqual(run.losses); // the progress callback saw the same values, in order
  });

  it('every final weight and bias to 1e-9', () => {
    const f = run.final;
    fixture.final.W1.flat().forEach((w, i) => expect(rel(f.W1[i], w)).toBeLessThan(1e-9));
    fixture.final.b1.forEach((w, i) => expect(rel(f.b1[i], w)).toBeLessThan(1e-9));
    fixture.final.W2.flat().forEach((w, i) => expect(rel(f.W2[i], w)).toBeLessThan(1e-9));
    fixture.final.b2.forEach((w, i) => expect(rel(f.b2[i], w)).toBeLessThan(1e-9));
  });

  it('final loss and training accuracy', () => {
    expect(rel(run.finalLoss, fixture.final_loss)).toBeLessThan(1e-9);
    expect(run.trainAccuracy).toBe(fixture.train_accuracy);
  });

  it('compareWithReference summarises the same errors', () => {
    const c = compareWithReference(run, ref);
    expect(c.losses).toBeLessThan(1e-9);
    expect(c.weights).toBeLessThan(1e-9);
    expect(c.finalLoss).toBeLessThan(1e-9);
    expect(c.trainAccuracy).toBe(0);
  });
});

describe('validating reference files', () => {
  const base = () => JSON.parse(text) as Record<string, unknown>;
  const rejects = (edit: (r: Record<string, unknown>) => unknown, message: RegExp) => {
    const r = base();
    edit(r);
    expect(() => parseMlpReference(r)).toThrow(ReferenceFormatError);
    expect(() => parseMlpReference(r)).toThrow(message);
  };
  const init = (r: Record<string, unknown>) => r.init as Record<string, number[][] | number[]>;

  it('accepts the fixture and infers the sizes', () => {
    const ref = parseMlpReference(base());
    expect([ref.hidden, ref.classes, ref.passes, ref.X.length, ref.y.length]).toEqual([3, 2, 1000, 400, 200]);
  });

  it('names a missing key', () => {
    for (const key of ['X', 'y', 'hidden', 'passes', 'epsilon', 'reg_lambda', 'init']) {
      rejects((r) => delete r[key], new RegExp(`missing "${key}"`));
    }
    rejects((r) => delete init(r).W2, /init is missing "W2"/);
    expect(() => parseMlpReference([1, 2])).toThrow(/JSON object/);
  });

  it('names a wrong shape', () => {
    rejects((r) => (init(r).W1 as number[][]).pop(), /init\.W1 must have 2 rows, got 1/);
    rejects((r) => (init(r).W2 as number[][])[1].push(0), /init\.W2\[1\] must have 2 entries, got 3/);
    rejects((r) => (r.hidden = 4), /init\.W1\[0\] must have 4 entries/);
    rejects((r) => (r.y as number[]).pop(), /y must have 200 entries, got 199/);
    rejects((r) => ((r.X as number[][])[7] = [1]), /X\[7\] must have 2 entries/);
    rejects((r) => ((r.y as number[])[3] = 2), /y\[3\] must be a class index in 0\.\.1/);
    rejects((r) => ((r.final as Record<string, number[]>).b2 = [0, 0, 0]), /final\.W2\[0\] must have 3 entries|final\.b2/);
    rejects((r) => (r.losses = [[1000, 0.1]]), /losses\[0\]\[0\] must be an integer in 0\.\.999/);
  });

  it('names a non-finite or non-numeric value', () => {
    rejects((r) => ((r.X as number[][])[2][1] = Infinity), /X\[2\]\[1\] must be a finite number/);
    rejects((r) => ((init(r).b1 as number[])[0] = Number.NaN), /init\.b1\[0\] must be a finite number/);
    rejects((r) => (r.epsilon = '0.01'), /epsilon must be a finite number, got "0.01"/);
    rejects((r) => (r.passes = 10.5), /passes must be an integer/);
    rejects((r) => (r.reg_lambda = -1), /reg_lambda must be ≥ 0/);
    // JSON has no NaN/Infinity literals, but an overflowing literal parses to Infinity.
    expect(() => parseMlpReference(JSON.parse(text.replace('"epsilon": 0.01', '"epsilon": 1e999')))).toThrow(
      /epsilon must be a finite number/,
    );
  });
});

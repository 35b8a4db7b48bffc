// Inside the network (src/core/text/inside/): the trace is the stepper's own state; correlations rank units
// on synthetic data; regex targets are guarded; gradients through time match central differences.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { numericGradient } from '../../src/core/gradcheck';
import type { CellType, TextModelSpec } from '../../src/core/text/engine';
import { patternTarget, rankUnits } from '../../src/core/text/inside/probe';
import { regexProblem, regexTarget } from '../../src/core/text/inside/regexTarget';
import { RaceLog, raceBudgetProblem, raceCsv, raceSummary } from '../../src/core/text/inside/race';
import { timeGradients } from '../../src/core/text/inside/timeGradients';
import { CELL_CHANNELS, topPositions, traceText, unitColumn } from '../../src/core/text/inside/trace';
import { stepperWeightsFromRnnParams, stepperWeightsOf } from '../../src/core/text/inside/weights';
import { initRnnParams } from '../../src/core/text/scratch/rnnParams';
import { RnnStepper } from '../../src/core/text/scratch/rnnStepper';
import { seededRandom } from '../../src/core/text/sampling';
import { buildTextModel } from '../../src/core/text/tfjs/model';
import { JsCharStepper, readStepperWeights, type StepperWeights } from '../../src/core/text/tfjs/stepper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const V = 7;
const TOKENS = Int32Array.from([0, 3, 1, 4, 1, 5, 6, 2, 6, 5, 3, 5, 0, 2]);

async function weightsFor(cell: CellType, layers: number, input: TextModelSpec['input'] = 'onehot'): Promise<StepperWeights> {
  const spec: TextModelSpec = { cell, layers, hidden: 5, input, embedding: 3, dropout: 0, vocabSize: V };
  const net = buildTextModel(spec, 3);
  const w = await readStepperWeights(net);
  net.dispose();
  // float64 copies, so finite differences are not drowned by float32 rounding.
  const f64 = (a: ArrayLike<number>) => Float64Array.from(a);
  return {
    ...w,
    embedding: w.embedding && f64(w.embedding),
    layers: w.layers.map((l) => ({ ...l, kernel: f64(l.kernel), recurrent: f64(l.recurrent), bias: f64(l.bias) })),
    outKernel: f64(w.outKernel),
    outBias: f64(w.outBias),
  };
}

describe('traceText', () => {
  for (const cell of ['rnn', 'gru', 'lstm'] as const) {
    it(`${cell}: records the stepper's own h (and c) per character, and leaves its outputs unchanged`, async () => {
      const w = await weightsFor(cell, 2);
      for (const layer of [0, 1]) {
        const trace = traceText(w, TOKENS, layer);
        expect(Object.keys(trace.values).sort()).toEqual([...CELL_CHANNELS[cell]].sort());
        const plain = new JsCharStepper(w);
        for (let t = 0; t < TOKENS.length; t++) {
          plain.next(TOKENS[t]);
          for (let j = 0; j < w.hidden; j++) {
            expect(trace.values.h![t * w.hidden + j]).toBeCloseTo(plain.state.h[layer][j], 6);
            if (cell === 'lstm') expect(trace.values.c![t * w.hidden + j]).toBeCloseTo(plain.state.c[layer][j], 6);
          }
        }
        // Gates are in 0..1.
        for (const ch of CELL_CHANNELS[cell].filter((c) => c !== 'h' && c !== 'c' && c !== 'g')) {
          for (const v of trace.values[ch]!) expect(v >= 0 && v <= 1).toBe(true);
        }
      }
      // Tracing does not change the probabilities.
      const a = new JsCharStepper(w);
      const b = new JsCharStepper(w);
      for (const t of TOKENS) expect(Array.from(a.next(t, [{ h: new Float64Array(w.hidden) }]))).toEqual(Array.from(b.next(t)));
    });
  }

  it('the from-scratch RNN traces through the same stepper with the same probabilities', () => {
    const params = initRnnParams(6, V, seededRandom(5), 0.3);
    const scratch = new RnnStepper(params);
    const w = stepperWeightsOf(scratch);
    expect(w).toEqual(stepperWeightsFromRnnParams(params));
    const js = new JsCharStepper(w);
    for (const t of TOKENS) {
      const p = Array.from(scratch.next(t));
      const q = js.next(t);
      p.forEach((x, i) => expect(q[i]).toBeCloseTo(x, 12));
    }
  });

  it('unitColumn and topPositions pick a unit and its peaks', () => {
    const values = Float32Array.from([0, 1, 5, 2, 1, 3, 2, 9]); // [4, 2]
    expect(Array.from(unitColumn(values, 2, 1))).toEqual([1, 2, 3, 9]);
    expect(topPositions([0.1, 0.9, 0.2, 0.8, 0.95], 2, 1).map((p) => p.at)).toEqual([4, 1]);
    expect(topPositions([0.1, 0.9, 0.2, 0.8, 0.95], 2, 2).map((p) => p.at)).toEqual([4, 1]);
    expect(topPositions([0.1, 0.9, 0.2, 0.8, 0.95], 3, 3).map((p) => p.at)).toEqual([4, 1]);
  });
});

describe('probe', () => {
  it('turns text into targets', () => {
    expect(Array.from(patternTarget('a"bc"d', 'quotes'))).toEqual([0, 1, 1, 1, 0, 0]);
    expect(Array.from(patternTarget('a(b(c))d', 'parens'))).toEqual([0, 1, 1, 1, 1, 1, 0, 0]);
    expect(Array.from(patternTarget('ab\ncd', 'line-position'))).toEqual([0, 1, 2, 0, 1]);
    expect(Array.from(patternTarget('a. b', 'after-full-stop'))).toEqual([0, 1, 1, 0]);
    expect(Array.from(patternTarget('a1B', 'digit'))).toEqual([0, 1, 0]);
    expect(Array.from(patternTarget('a1B', 'uppercase'))).toEqual([0, 0, 1]);
  });

  it('ranks units by |Pearson r| on synthetic data', () => {
    const T = 200;
    const H = 4;
    const rng = seededRandom(1);
    const target = Float32Array.from({ length: T }, (_, t) => (Math.floor(t / 7) % 2 === 0 ? 1 : 0));
    const values = new Float32Array(T * H);
    for (let t = 0; t < T; t++) {
      values[t * H] = rng.next(); // noise
      values[t * H + 1] = -2 * target[t] + 0.5; // perfectly anti-correlated
      values[t * H + 2] = target[t] + 0.5 * rng.next(); // correlated with noise
      values[t * H + 3] = 0.3; // constant
    }
    const ranked = rankUnits(values, H, target)!;
    expect(ranked.map((u) => u.unit)).toEqual([1, 2, 0, 3]);
    expect(ranked[0].r).toBeCloseTo(-1, 10);
    expect(ranked[1].r).toBeGreaterThan(0.8);
    expect(Math.abs(ranked[2].r)).toBeLessThan(0.3);
    expect(ranked[3].r).toBe(0);
    expect(rankUnits(values, H, new Float32Array(T))).toBeNull();
  });
});

describe('regexTarget', () => {
  it('marks the characters inside matches, per code point', () => {
    const r = regexTarget('the cat sat', 'at');
    expect(r.ok && Array.from(r.target)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
    const astral = regexTarget('😀ab', 'b');
    expect(astral.ok && Array.from(astral.target)).toEqual([0, 0, 1]);
  });
  it('survives zero-length matches and reports invalid patterns', () => {
    const r = regexTarget('abc', 'x*');
    expect(r.ok && r.matches).toBe(0);
    expect(regexProblem('(')).toMatch(/Not a valid regular expression/);
    expect(regexProblem('')).toMatch(/Type/);
    expect(regexProblem('a'.repeat(500))).toMatch(/longer/);
    const bad = regexTarget('abc', '[');
    expect(bad.ok).toBe(false);
  });
});

/** −ln p(tokens[T]) after feeding tokens[0..T−1], with h^layer perturbed by `delta` after step `at`. */
function lossWithNudge(w: StepperWeights, tokens: Int32Array, at: number, layer: number, unit: number, delta: number): number {
  const s = new JsCharStepper(w);
  let p: Float64Array = new Float64Array(0);
  for (let t = 0; t < tokens.length - 1; t++) {
    p = s.next(tokens[t]);
    if (t === at) (s.state.h[layer] as Float64Array)[unit] += delta;
  }
  return -Math.log(p[tokens[tokens.length - 1]]);
}

describe('gradients through time match central differences', () => {
  for (const cell of ['rnn', 'gru', 'lstm'] as const) {
    for (const [layers, input] of [[1, 'onehot'], [2, 'embedding']] as const) {
      it(`${cell} × ${layers} (${input})`, async () => {
        const w = await weightsFor(cell, layers, input);
        const maxLag = 5;
        const warmup = 3;
        const win = TOKENS.subarray(0, warmup + maxLag + 2);
        const g = timeGradients(w, [win], { maxLag, warmup });
        const T = win.length - 1;
        // The nudge is made after a whole step, i.e. after the layer above has read h^l_t: that matches
        // ∂L/∂h^l only for the top layer. Lower layers are checked through their weight gradients below,
        // which flow through every layer's ∂L/∂h.
        for (let l = layers - 1; l < layers; l++) {
          // k = 0 is a nudge after the last step, which the stepper cannot make: from k = 1 (the recurrence).
          for (let k = 1; k <= maxLag; k++) {
            const at = T - 1 - k;
            let sq = 0;
            for (let j = 0; j < w.hidden; j++) {
              const eps = 1e-6;
              const d = (lossWithNudge(w, win, at, l, j, eps) - lossWithNudge(w, win, at, l, j, -eps)) / (2 * eps);
              sq += d * d;
            }
            expect(g.norms[l][k]).toBeCloseTo(Math.sqrt(sq), 6);
          }
        }
        // Weight gradients: with no warmup the walk covers every step, so they are the full gradients.
        const full = TOKENS.subarray(0, maxLag + 2);
        const gp = timeGradients(w, [full], { maxLag, warmup: 0 });
        const loss = () => {
          const s = new JsCharStepper(w);
          let p: Float64Array = new Float64Array(0);
          for (let t = 0; t < full.length - 1; t++) p = s.next(full[t]);
          return -Math.log(p[full[full.length - 1]]);
        };
        for (let l = 0; l < layers; l++) {
          const L = w.layers[l];
          let sq = 0;
          for (const arr of [L.kernel, L.recurrent, L.bias] as Float64Array[]) for (const d of numericGradient(loss, arr, 1e-6)) sq += d * d;
          expect(gp.paramNorms[l]).toBeCloseTo(Math.sqrt(sq), 5);
        }
      });
    }
  }

  it('a vanilla RNN with small recurrent weights forgets: the norm falls with k', async () => {
    const w = await weightsFor('rnn', 1);
    const g = timeGradients(w, [TOKENS.subarray(0, 12)], { maxLag: 8, warmup: 2 });
    expect(g.norms[0][8]).toBeLessThan(g.norms[0][0]);
  });
});

describe('race bookkeeping', () => {
  it('keeps each cell’s curve in order, and exports CSV', () => {
    expect(raceBudgetProblem(['rnn', 'lstm'], 20)).toBeNull();
    expect(raceBudgetProblem([], 20)).toMatch(/one to three/);
    expect(raceBudgetProblem(['rnn', 'rnn'], 20)).toMatch(/distinct/);
    expect(raceBudgetProblem(['rnn', 'cnn'], 20)).toMatch(/distinct/);
    expect(raceBudgetProblem(['rnn'], 1)).toMatch(/seconds/);
    const log = new RaceLog(['rnn', 'lstm']);
    log.add('rnn', { elapsedMs: 0, chars: 0, step: 0, validLoss: 3 });
    log.add('rnn', { elapsedMs: 1500, chars: 640, step: 10, validLoss: 2.5 });
    expect(() => log.add('rnn', { elapsedMs: 1000, chars: 700, step: 11, validLoss: 2 })).toThrow(/back in time/);
    expect(() => log.add('gru', { elapsedMs: 0, chars: 0, step: 0, validLoss: 3 })).toThrow(/not in this race/);
    log.setParams('rnn', 123);
    log.setSample('rnn', 'the cat');
    const entries = log.entries();
    expect(entries.map((e) => e.cell)).toEqual(['rnn', 'lstm']);
    expect(entries[0]).toMatchObject({ params: 123, sample: 'the cat' });
    expect(raceSummary(entries)[0]).toEqual({ cell: 'rnn', best: 2.5, last: 2.5, chars: 640 });
    expect(raceCsv(entries)).toBe('cell,seconds,chars,step,valid_loss_nats\nrnn,0.000,0,0,3\nrnn,1.500,640,10,2.5\n');
  });
});

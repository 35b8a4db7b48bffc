import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromNested, toNested, tutorialInit, zeroParams, type NestedParams } from '../../src/core/mlp/params';
import { ScratchMlp } from '../../src/core/mlp/scratchMlp';
import { EpochShuffler } from '../../src/core/mlp/shuffle';
import { isDiverged, TUTORIAL_SETTINGS, type Activation, type MlpParams, type TrainSettings } from '../../src/core/mlp/types';
import { MT19937 } from '../../src/core/rng/mt19937';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/mlp_moons_seed0_h3.json', import.meta.url), 'utf8')) as {
  X: number[][];
  y: number[];
  init: NestedParams;
};
const X = Float64Array.from(fixture.X.flat());
const y = Int32Array.from(fixture.y);
const N = y.length;

/** K Gaussian blobs around the unit circle, n points, deterministic. */
function blobs(n: number, K: number, seed: number): { X: Float64Array; y: Int32Array } {
  const rng = new MT19937(seed);
  const Xb = new Float64Array(2 * n);
  const yb = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % K;
    Xb[2 * i] = Math.cos((2 * Math.PI * k) / K) + 0.4 * rng.normal();
    Xb[2 * i + 1] = Math.sin((2 * Math.PI * k) / K) + 0.4 * rng.normal();
    yb[i] = k;
  }
  return { X: Xb, y: yb };
}

/** The network written the slow, obvious way, for cross-checking the optimised kernels. */
function naiveProbs(p: MlpParams, act: Activation, x0: number, x1: number): number[] {
  const f = (z: number) => (act === 'tanh' ? Math.tanh(z) : act === 'relu' ? Math.max(0, z) : 1 / (1 + Math.exp(-z)));
  const a: number[] = [];
  for (let j = 0; j < p.hidden; j++) a.push(f(x0 * p.W1[j] + x1 * p.W1[p.hidden + j] + p.b1[j]));
  const z: number[] = [];
  for (let k = 0; k < p.classes; k++) {
    let s = p.b2[k];
    for (let j = 0; j < p.hidden; j++) s += a[j] * p.W2[j * p.classes + k];
    z.push(s);
  }
  const e = z.map(Math.exp);
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function paramsDiff(a: MlpParams, b: MlpParams): number {
  return Math.max(maxAbsDiff(a.W1, b.W1), maxAbsDiff(a.b1, b.b1), maxAbsDiff(a.W2, b.W2), maxAbsDiff(a.b2, b.b2));
}

const settings = (over: Partial<TrainSettings>): TrainSettings => ({ ...TUTORIAL_SETTINGS, ...over });

describe('parameters', () => {
  it('tutorialInit with a seed-0 NumPy generator gives the tutorial weights exactly', () => {
    const p = tutorialInit(3, 2, new MT19937(0));
    expect(toNested(p)).toEqual(fixture.init);
  });

  it('getParams returns an independent copy; setParams copies in', () => {
    const net = new ScratchMlp(fromNested(fixture.init));
    const p = net.getParams();
    p.W1[0] = 99;
    expect(net.getParams().W1[0]).toBe(fixture.init.W1[0][0]);
    net.setParams(p);
    p.W1[0] = 7;
    expect(net.getParams().W1[0]).toBe(99);
  });

  it('rejects out-of-range sizes and mismatched arrays', () => {
    expect(() => zeroParams(0, 2)).toThrow(RangeError);
    expect(() => zeroParams(201, 2)).toThrow(RangeError);
    expect(() => zeroParams(3, 7)).toThrow(RangeError);
    const p = zeroParams(3, 2);
    expect(() => new ScratchMlp({ ...p, W2: new Float64Array(5) })).toThrow(/W2/);
  });
});

describe('forward pass', () => {
  for (const act of ['tanh', 'relu', 'sigmoid'] as const) {
    it(`probabilities, loss and predict agree with a naive implementation (${act}, K = 3)`, () => {
      const data = blobs(30, 3, 1);
      const p = tutorialInit(5, 3, new MT19937(2));
      p.b1.set([0.1, -0.2, 0.3, 0, 0.05]);
      p.b2.set([0.2, -0.1, 0]);
      const net = new ScratchMlp(p, act, settings({ reg: 0.03 }));
      const probs = net.probabilities(data.X);
      let ce = 0;
      let correct = 0;
      for (let i = 0; i < 30; i++) {
        const want = naiveProbs(p, act, data.X[2 * i], data.X[2 * i + 1]);
        expect(maxAbsDiff(probs.subarray(3 * i, 3 * i + 3), want)).toBeLessThan(1e-14);
        ce -= Math.log(want[data.y[i]]);
        const best = want.indexOf(Math.max(...want));
        expect(net.predict(data.X[2 * i], data.X[2 * i + 1])).toBe(best);
        if (best === data.y[i]) correct++;
      }
      let w2 = 0;
      for (const v of [...p.W1, ...p.W2]) w2 += v * v;
      expect(net.loss(data.X, data.y)).toBeCloseTo((ce + (0.03 / 2) * w2) / 30, 13);
      expect(net.accuracy(data.X, data.y)).toBe(correct / 30);
    });
  }

  it('keeps huge logits finite (shifted softmax) where the unshifted formula overflows', () => {
    const p = zeroParams(1, 2);
    p.W1.set([1, 0]);
    p.W2.set([1000, -1000]);
    const net = new ScratchMlp(p, 'relu');
    const Xh = Float64Array.from([5, 0, 1, 0]);
    expect(Array.from(net.probabilities(Xh))).toEqual([1, 0, 1, 0]);
    expect(Number.isFinite(net.loss(Xh, [1, 0]))).toBe(true); // −log p ≈ 10000, not ∞
  });

  it('rejects labels outside 0..K−1 and mismatched X', () => {
    const net = new ScratchMlp(fromNested(fixture.init));
    expect(() => net.loss(Float64Array.from([0, 0]), [2])).toThrow(/label 2/);
    expect(() => net.step(Float64Array.from([0, 0, 1]), [0])).toThrow(/X has 3/);
  });
});

describe('grids', () => {
  const extent = { xMin: -2, xMax: 3, yMin: -1.5, yMax: 2 };
  const p = tutorialInit(4, 3, new MT19937(5));
  p.b1.set([0.3, -0.4, 0.1, 0.2]);
  const cols = 7;
  const rows = 5;
  const centre = (c: number, r: number) => [
    extent.xMin + ((c + 0.5) * (extent.xMax - extent.xMin)) / cols,
    extent.yMax - ((r + 0.5) * (extent.yMax - extent.yMin)) / rows, // row 0 is the top
  ];

  for (const act of ['tanh', 'relu', 'sigmoid'] as const) {
    it(`probabilityGrid samples cell centres, row 0 at the top (${act})`, () => {
      const net = new ScratchMlp(p, act);
      const out = new Float32Array(cols * rows * 3);
      net.probabilityGrid(extent, cols, rows, out);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const [x, yy] = centre(c, r);
          const want = naiveProbs(p, act, x, yy);
          const got = out.subarray((r * cols + c) * 3, (r * cols + c) * 3 + 3);
          expect(maxAbsDiff(got, want)).toBeLessThan(1e-6); // float32 output
        }
      }
    });

    it(`hiddenGrid gives one unit's activation per cell (${act})`, () => {
      const net = new ScratchMlp(p, act);
      const out = new Float32Array(cols * rows);
      const f = (z: number) => (act === 'tanh' ? Math.tanh(z) : act === 'relu' ? Math.max(0, z) : 1 / (1 + Math.exp(-z)));
      net.hiddenGrid(2, extent, cols, rows, out);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const [x, yy] = centre(c, r);
          expect(out[r * cols + c]).toBeCloseTo(f(x * p.W1[2] + yy * p.W1[4 + 2] + p.b1[2]), 6);
        }
      }
    });
  }

  it('rejects a too-small output buffer or a bad unit', () => {
    const net = new ScratchMlp(p);
    expect(() => net.probabilityGrid(extent, 4, 4, new Float32Array(10))).toThrow(RangeError);
    expect(() => net.hiddenGrid(4, extent, 2, 2, new Float32Array(4))).toThrow(/unit/);
  });
});

describe('training', () => {
  it("full batch: 'mean' with lr·N takes exactly the steps of 'sum' with lr", () => {
    const a = new ScratchMlp(fromNested(fixture.init), 'tanh', TUTORIAL_SETTINGS);
    const b = new ScratchMlp(fromNested(fixture.init), 'tanh', settings({ reduction: 'mean', learningRate: 0.01 * N }));
    a.step(X, y, 50);
    b.step(X, y, 50);
    expect(paramsDiff(a.getParams(), b.getParams())).toBeLessThan(1e-10);
    expect(a.iteration).toBe(50);
  });

  it('a batch size ≥ N is full-batch training', () => {
    const a = new ScratchMlp(fromNested(fixture.init), 'tanh', TUTORIAL_SETTINGS);
    const b = new ScratchMlp(fromNested(fixture.init), 'tanh', settings({ batchSize: 500 }));
    a.step(X, y, 20);
    b.step(X, y, 20);
    expect(paramsDiff(a.getParams(), b.getParams())).toBe(0);
  });

  it('mini-batches are reproducible from the shuffle seed', () => {
    const s = settings({ batchSize: 16, reduction: 'mean', learningRate: 0.5, shuffleSeed: 3 });
    const run = (seed: number) => {
      const net = new ScratchMlp(fromNested(fixture.init), 'tanh', { ...s, shuffleSeed: seed });
      net.step(X, y, 40); // 3+ epochs, including a short last batch (200 = 12·16 + 8)
      return net.getParams();
    };
    expect(paramsDiff(run(3), run(3))).toBe(0);
    expect(paramsDiff(run(3), run(4))).toBeGreaterThan(1e-6);
  });

  it('the epoch shuffler yields a fresh permutation every epoch', () => {
    const sh = new EpochShuffler(50, 9);
    const first = Array.from(sh.order);
    expect([...first].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    sh.shuffle();
    expect(Array.from(sh.order)).not.toEqual(first);
    expect(Array.from(new EpochShuffler(50, 9).order)).toEqual(first);
  });

  for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
    it(`${optimizer} with mini-batches learns three blobs`, () => {
      const data = blobs(150, 3, 7);
      const lr = optimizer === 'adam' ? 0.02 : 0.1;
      const net = new ScratchMlp(tutorialInit(8, 3, new MT19937(1)), 'tanh', {
        ...settings({ batchSize: 32, reduction: 'mean', learningRate: lr, reg: 0.001 }),
        optimizer,
      });
      const before = net.loss(data.X, data.y);
      net.step(data.X, data.y, 400);
      expect(net.loss(data.X, data.y)).toBeLessThan(before / 2);
      expect(net.accuracy(data.X, data.y)).toBeGreaterThan(0.9);
    });
  }

  it("adam's first step moves every weight by ≈ lr against its gradient's sign", () => {
    const p = fromNested(fixture.init);
    const sgd = new ScratchMlp(p, 'tanh', settings({ learningRate: 1e-9 }));
    sgd.step(X, y);
    const adam = new ScratchMlp(p, 'tanh', settings({ optimizer: 'adam', learningRate: 0.01 }));
    adam.step(X, y);
    const moved = adam.getParams();
    const g = sgd.getParams(); // p − 1e-9·grad: the sign of (p − g) is the gradient's
    for (const key of ['W1', 'W2', 'b2'] as const) {
      for (let i = 0; i < p[key].length; i++) {
        const grad = p[key][i] - g[key][i];
        expect(moved[key][i] - p[key][i]).toBeCloseTo(-0.01 * Math.sign(grad), 6);
      }
    }
  });

  it('momentum: v ← μv + g, θ ← θ − lr·v (two steps by hand)', () => {
    const p = fromNested(fixture.init);
    const net = new ScratchMlp(p, 'tanh', settings({ optimizer: 'momentum', momentum: 0.5, learningRate: 0.001 }));
    const probe = new ScratchMlp(p, 'tanh', settings({ learningRate: 1 })); // one sgd step of lr 1 = −gradient
    probe.step(X, y);
    const g0 = probe.getParams();
    net.step(X, y);
    const p1 = net.getParams();
    probe.setParams(p1);
    probe.step(X, y);
    const g1 = probe.getParams();
    net.step(X, y);
    const p2 = net.getParams();
    for (let i = 0; i < p.W1.length; i++) {
      const grad0 = p.W1[i] - g0.W1[i];
      const grad1 = p1.W1[i] - g1.W1[i];
      expect(p1.W1[i]).toBeCloseTo(p.W1[i] - 0.001 * grad0, 12);
      expect(p2.W1[i]).toBeCloseTo(p1.W1[i] - 0.001 * (0.5 * grad0 + grad1), 12);
    }
  });

  it('setSettings keeps optimizer state for a learning-rate change and drops it for a new optimizer', () => {
    const adam = settings({ optimizer: 'adam', learningRate: 0.01 });
    const net = new ScratchMlp(fromNested(fixture.init), 'tanh', adam);
    net.step(X, y, 5);
    const fresh = (s: TrainSettings) => {
      const other = new ScratchMlp(net.getParams(), 'tanh', s);
      other.step(X, y);
      return other.getParams();
    };
    const lrChange = { ...adam, learningRate: 0.02 };
    const withoutState = fresh(lrChange);
    const keeps = new ScratchMlp(fromNested(fixture.init), 'tanh', adam);
    keeps.step(X, y, 5);
    keeps.setSettings(lrChange);
    keeps.step(X, y);
    expect(paramsDiff(keeps.getParams(), withoutState)).toBeGreaterThan(1e-6); // moments carried over

    const momentum = settings({ optimizer: 'momentum', learningRate: 0.001 });
    const switched = new ScratchMlp(fromNested(fixture.init), 'tanh', adam);
    switched.step(X, y, 5);
    expect(paramsDiff(switched.getParams(), net.getParams())).toBe(0);
    switched.setSettings(momentum);
    switched.step(X, y);
    expect(paramsDiff(switched.getParams(), fresh(momentum))).toBe(0); // started afresh
  });

  it('reset() restarts the iteration count and the optimizer', () => {
    const net = new ScratchMlp(fromNested(fixture.init), 'tanh', settings({ optimizer: 'adam' }));
    net.step(X, y, 3);
    net.reset(fromNested(fixture.init));
    expect(net.iteration).toBe(0);
    net.step(X, y, 3);
    const again = new ScratchMlp(fromNested(fixture.init), 'tanh', settings({ optimizer: 'adam' }));
    again.step(X, y, 3);
    expect(paramsDiff(net.getParams(), again.getParams())).toBe(0);
  });

  it('divergence shows as a non-finite loss and non-finite weights', () => {
    const net = new ScratchMlp(tutorialInit(10, 2, new MT19937(0)), 'relu', settings({ learningRate: 1e6 }));
    let diverged = false;
    for (let i = 0; i < 50 && !diverged; i++) {
      net.step(X, y);
      diverged = isDiverged(net.loss(X, y));
    }
    expect(diverged).toBe(true);
    net.step(X, y, 5);
    expect(net.isFinite()).toBe(false);
    expect(isDiverged(0.3)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXTENT,
  PRESETS,
  datasetFromPoints,
  defaultOptions,
  extentOf,
  findPreset,
  isTutorialMoons,
  linspace,
  makeMoons,
  toArrays,
  trainTestSplit,
  tutorialMoons,
  validateDataset,
} from '../../src/core/datasets';
import type { Point } from '../../src/core/datasets';

interface MoonsFixture {
  X: number[][];
  y: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/mlp_moons_seed0_h3.json', import.meta.url), 'utf8'),
) as MoonsFixture;

describe('tutorialMoons = np.random.seed(0); make_moons(200, noise=0.20)', () => {
  const data = tutorialMoons();

  it('matches all 200 points and labels of the NumPy reference', () => {
    expect(data.points).toHaveLength(200);
    expect(data.numClasses).toBe(2);
    data.points.forEach((p, i) => {
      const [x, y] = fixture.X[i];
      expect(Math.abs(p.x - x) / Math.abs(x)).toBeLessThan(1e-12);
      expect(Math.abs(p.y - y) / Math.abs(y)).toBeLessThan(1e-12);
      expect(p.label).toBe(fixture.y[i]);
    });
  });

  it('starts with the tutorial printout', () => {
    const [a, b, c] = data.points;
    expect(a.x).toBeCloseTo(0.743461176196, 12);
    expect(a.y).toBeCloseTo(0.464656328377, 12);
    expect(b.x).toBeCloseTo(1.657556617786, 12);
    expect(b.y).toBeCloseTo(-0.632031569098, 12);
    expect(c.x).toBeCloseTo(-0.158788747932, 12);
    expect(c.y).toBeCloseTo(0.255844647136, 12);
    expect(data.points.slice(0, 10).map((p) => p.label)).toEqual([0, 1, 1, 0, 1, 1, 0, 1, 0, 1]);
  });

  it('is makeMoons(200, 0.2, 0), and the tutorial-moons preset gives it with its defaults', () => {
    expect(makeMoons(200, 0.2, 0)).toEqual(data);
    const preset = findPreset('tutorial-moons');
    expect(preset).toBeDefined();
    if (!preset) return;
    expect(PRESETS[0]).toBe(preset);
    const opts = defaultOptions(preset);
    expect(isTutorialMoons(opts)).toBe(true);
    expect(preset.generate(opts)).toEqual(data);
    // Changing a slider falls back to make_moons with the new settings.
    const changed = preset.generate({ ...opts, count: 120, noise: 0.1, seed: 3 });
    expect(isTutorialMoons({ count: 120, noise: 0.1, seed: 3 })).toBe(false);
    expect(changed).toEqual(makeMoons(120, 0.1, 3));
  });
});

describe('makeMoons', () => {
  it('splits n into n//2 outer (label 0) and the rest inner (label 1); noise 0 lies on the moons', () => {
    const { points } = makeMoons(101, 0, 4);
    expect(points.filter((p) => p.label === 0)).toHaveLength(50);
    expect(points.filter((p) => p.label === 1)).toHaveLength(51);
    for (const p of points) {
      if (p.label === 0) expect(Math.hypot(p.x, p.y)).toBeCloseTo(1, 12);
      else expect(Math.hypot(p.x - 1, p.y - 0.5)).toBeCloseTo(1, 12);
    }
  });

  it('handles tiny n', () => {
    expect(makeMoons(0, 0.2, 0).points).toHaveLength(0);
    expect(makeMoons(1, 0.2, 0).points).toHaveLength(1);
    expect(makeMoons(3, 0.2, 0).points).toHaveLength(3);
  });
});

describe('linspace reproduces numpy', () => {
  it('uses i*step + start and pins the end point', () => {
    expect(Array.from(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(0, Math.PI, 100)[99]).toBe(Math.PI);
    expect(linspace(0, Math.PI, 100)[33]).toBe(33 * (Math.PI / 99));
    expect(Array.from(linspace(2, 3, 1))).toEqual([2]);
    expect(linspace(0, 1, 0)).toHaveLength(0);
  });
});

describe('every preset', () => {
  for (const preset of PRESETS) {
    describe(preset.id, () => {
      it('has consistent metadata', () => {
        expect(preset.minClasses).toBeGreaterThanOrEqual(2);
        expect(preset.maxClasses).toBeLessThanOrEqual(6);
        expect(preset.defaultClasses).toBeGreaterThanOrEqual(preset.minClasses);
        expect(preset.defaultClasses).toBeLessThanOrEqual(preset.maxClasses);
        expect(preset.defaultCount).toBeGreaterThanOrEqual(preset.minCount);
        expect(preset.defaultCount).toBeLessThanOrEqual(preset.maxCount);
        expect(preset.defaultNoise).toBeLessThanOrEqual(preset.maxNoise);
      });

      for (let classes = preset.minClasses; classes <= preset.maxClasses; classes++) {
        it(`${classes} classes: right count, balanced classes, finite and within the plot window`, () => {
          const opts = { ...defaultOptions(preset), classes, count: 301 };
          const data = preset.generate(opts);
          expect(data.numClasses).toBe(classes);
          expect(data.points).toHaveLength(301);
          expect(validateDataset(data.points)).toBeNull();
          const perClass = new Array<number>(classes).fill(0);
          for (const p of data.points) {
            perClass[p.label]++;
            // Default noise keeps (almost) everything inside [-2.5, 2.5]²; allow a rare Gaussian tail.
            expect(Math.abs(p.x)).toBeLessThan(3.2);
            expect(Math.abs(p.y)).toBeLessThan(3.2);
          }
          const inside = data.points.filter((p) => Math.abs(p.x) <= 2.6 && Math.abs(p.y) <= 2.6).length;
          expect(inside / data.points.length).toBeGreaterThan(0.98);
          for (const n of perClass) expect(Math.abs(n - 301 / classes)).toBeLessThanOrEqual(1);
        });
      }

      it('is deterministic per seed and changes with the seed', () => {
        const opts = defaultOptions(preset);
        expect(preset.generate(opts)).toEqual(preset.generate(opts));
        expect(preset.generate({ ...opts, seed: opts.seed + 1 })).not.toEqual(preset.generate(opts));
      });

      it('clamps out-of-range options instead of failing', () => {
        const data = preset.generate({ count: 40.4, noise: -1, classes: 99, seed: -5 });
        expect(data.points).toHaveLength(40);
        expect(data.numClasses).toBe(preset.maxClasses);
        expect(validateDataset(data.points)).toBeNull();
      });
    });
  }
});

describe('toArrays / datasetFromPoints', () => {
  it('packs N×2 row-major features and int labels', () => {
    const pts: Point[] = [
      { x: 1, y: 2, label: 0 },
      { x: 3, y: 4, label: 2 },
    ];
    const { X, y } = toArrays(pts);
    expect(Array.from(X)).toEqual([1, 2, 3, 4]);
    expect(Array.from(y)).toEqual([0, 2]);
    expect(datasetFromPoints(pts).numClasses).toBe(3);
    expect(datasetFromPoints([{ x: 0, y: 0, label: 0 }]).numClasses).toBe(2);
  });
});

describe('extentOf', () => {
  it('pads the bounding box', () => {
    const e = extentOf(
      [
        { x: -1, y: 0, label: 0 },
        { x: 2, y: 3, label: 1 },
      ],
      0.5,
    );
    expect(e).toEqual({ xMin: -1.5, xMax: 2.5, yMin: -0.5, yMax: 3.5 });
  });

  it('never returns an empty window, ignores non-finite points, falls back when empty', () => {
    const one = extentOf([{ x: 1, y: 1, label: 0 }], 0);
    expect(one.xMax - one.xMin).toBeGreaterThan(0);
    expect(one.yMax - one.yMin).toBeGreaterThan(0);
    expect(extentOf([], 0.5)).toEqual(DEFAULT_EXTENT);
    expect(extentOf([{ x: Number.NaN, y: 0, label: 0 }])).toEqual(DEFAULT_EXTENT);
  });
});

describe('trainTestSplit', () => {
  const points = makeMoons(200, 0.2, 0).points;

  it('sizes: round(n·fraction) to test, rest to train, nothing lost or duplicated', () => {
    for (const f of [0.1, 0.2, 0.25, 0.5]) {
      const { train, test } = trainTestSplit(points, f, 1);
      expect(test).toHaveLength(Math.round(200 * f));
      expect(train).toHaveLength(200 - Math.round(200 * f));
      expect(new Set([...train, ...test]).size).toBe(200);
    }
  });

  it('is deterministic per seed, leaves the input alone, and edge fractions behave', () => {
    const before = points.slice();
    expect(trainTestSplit(points, 0.3, 9)).toEqual(trainTestSplit(points, 0.3, 9));
    expect(trainTestSplit(points, 0.3, 9)).not.toEqual(trainTestSplit(points, 0.3, 10));
    expect(points).toEqual(before);
    expect(trainTestSplit(points, 0, 1).test).toHaveLength(0);
    expect(trainTestSplit(points, 1, 1).train).toHaveLength(0);
    // A tiny fraction of a small set still leaves one point on each side.
    const small = trainTestSplit(points.slice(0, 5), 0.01, 1);
    expect(small.test).toHaveLength(1);
    expect(small.train).toHaveLength(4);
  });

  it('stratify keeps class proportions', () => {
    const blobs = findPreset('blobs');
    if (!blobs) throw new Error('blobs preset missing');
    const data = blobs.generate({ count: 300, noise: 0.3, classes: 3, seed: 2 });
    const { train, test } = trainTestSplit(data.points, 0.2, 4, { stratify: true });
    expect(test).toHaveLength(60);
    expect(train).toHaveLength(240);
    for (let c = 0; c < 3; c++) expect(test.filter((p) => p.label === c)).toHaveLength(20);
  });
});

describe('validateDataset', () => {
  const ok: Point[] = [
    { x: 0, y: 0, label: 0 },
    { x: 1, y: 1, label: 1 },
  ];
  it('accepts a good dataset', () => expect(validateDataset(ok)).toBeNull());
  it('rejects too few points', () => {
    expect(validateDataset([])).toMatch(/at least two points/);
    expect(validateDataset([ok[0]])).toMatch(/only one/);
  });
  it('rejects a single class', () => expect(validateDataset([ok[0], { ...ok[0], x: 3 }])).toMatch(/class 0/));
  it('rejects non-finite coordinates', () => {
    expect(validateDataset([ok[0], { ...ok[1], y: Number.NaN }])).toMatch(/Point 2.*finite/);
    expect(validateDataset([{ ...ok[0], x: Infinity }, ok[1]])).toMatch(/Point 1/);
  });
  it('rejects labels outside 0..5', () => {
    expect(validateDataset([ok[0], { ...ok[1], label: 6 }])).toMatch(/0 to 5/);
    expect(validateDataset([ok[0], { ...ok[1], label: -1 }])).toMatch(/0 to 5/);
    expect(validateDataset([ok[0], { ...ok[1], label: 1.5 }])).toMatch(/0 to 5/);
  });
});

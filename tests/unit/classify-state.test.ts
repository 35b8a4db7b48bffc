import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits';
import { tutorialInit } from '../../src/core/mlp/params';
import { MT19937 } from '../../src/core/rng/mt19937';
import { checkpointKey, parseCheckpoint } from '../../src/labs/classify/checkpoint';
import { initialLabState } from '../../src/labs/classify/initialState';
import { DEFAULT_STATE } from '../../src/labs/classify/labState';
import { nearestPoint, pointsReducer } from '../../src/labs/classify/pointsHistory';
import { decodeState, encodeState, stateFromLinkParam, stateToLinkParam } from '../../src/labs/classify/stateCodec';

describe('Classify lab state', () => {
  it('round-trips through a shared link, drawn points included', () => {
    const state = { ...DEFAULT_STATE, data: { ...DEFAULT_STATE.data, preset: 'drawn' }, points: [{ x: 0.5, y: -1.25, label: 3 }] };
    const back = stateFromLinkParam(stateToLinkParam(state));
    expect(back).toEqual({ ok: true, value: state });
  });

  it('refuses malformed links with a message', () => {
    for (const bad of ['', '!!!', 'abc', stateToLinkParam(DEFAULT_STATE).slice(0, 20), 'x'.repeat(500_000)]) {
      const r = stateFromLinkParam(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/shared link/);
    }
  });

  it('rejects wrong types and out-of-range values, naming the field', () => {
    const raw = encodeState(DEFAULT_STATE) as { net: Record<string, unknown> };
    const bad = { ...raw, net: { ...raw.net, hidden: 5000 } };
    expect(decodeState(bad)).toEqual({ ok: false, error: '"hidden" must be between 1 and 200' });
    expect(decodeState({ ...raw, points: [[0, 0, 9]] })).toEqual({ ok: false, error: 'point 1 has a bad class' });
    expect(decodeState(null).ok).toBe(false);
  });

  it('undo/redo treat a drag stroke as one edit', () => {
    const a = { x: 0, y: 0, label: 0 };
    const b = { x: 1, y: 1, label: 1 };
    let h = { past: [], present: [], future: [] } as Parameters<typeof pointsReducer>[0];
    h = pointsReducer(h, { type: 'begin' });
    h = pointsReducer(h, { type: 'stroke', points: [a] });
    h = pointsReducer(h, { type: 'stroke', points: [a, b] });
    expect(h.present).toEqual([a, b]);
    h = pointsReducer(h, { type: 'undo' });
    expect(h.present).toEqual([]);
    h = pointsReducer(h, { type: 'redo' });
    expect(h.present).toEqual([a, b]);
    expect(nearestPoint(h.present, 0.9, 0.9, 0.3)).toBe(1);
    expect(nearestPoint(h.present, 5, 5, 0.3)).toBe(-1);
  });
});

describe('where the Classify lab starts', () => {
  const drawn = { ...DEFAULT_STATE, data: { ...DEFAULT_STATE.data, preset: 'drawn' }, points: [{ x: 1, y: 2, label: 1 }] };

  it('a shared link wins over the saved state; a bad link keeps the saved state and says so', () => {
    const link = `#/classify?s=${stateToLinkParam(DEFAULT_STATE)}`;
    expect(initialLabState({ state: drawn, error: null }, link)).toEqual({ state: DEFAULT_STATE, notice: 'Loaded the setup from the shared link.' });
    const bad = initialLabState({ state: drawn, error: null }, '#/classify?s=%%%');
    expect(bad.state).toEqual(drawn);
    expect(bad.notice).toMatch(/Your own data was kept/);
  });

  it('the saved state, else the tutorial with the storage problem as the notice', () => {
    expect(initialLabState({ state: drawn, error: null }, '#/classify')).toEqual({ state: drawn, notice: null });
    expect(initialLabState({ state: null, error: 'Saving is unavailable' }, '')).toEqual({ state: DEFAULT_STATE, notice: 'Saving is unavailable' });
  });

  it('the autosave keeps as many points as a CSV import may bring; links stay at their own limit', () => {
    const many = { ...drawn, points: Array.from({ length: LIMITS.csv.maxRows }, (_, i) => ({ x: i, y: -i, label: i % 2 })) };
    const encoded = encodeState(many);
    expect(decodeState(encoded, LIMITS.csv.maxRows)).toEqual({ ok: true, value: many });
    const asLink = decodeState(encoded);
    expect(asLink.ok).toBe(false);
    expect(LIMITS.sharedLink.maxPoints).toBeLessThan(LIMITS.csv.maxRows);
  });
});

describe('Classify checkpoints', () => {
  const points = [
    { x: 0, y: 1, label: 0 },
    { x: 1, y: 0, label: 1 },
  ];
  const params = () => tutorialInit(3, 2, new MT19937(0));

  it('are keyed by the network and the data, not by the training settings', () => {
    const key = checkpointKey(DEFAULT_STATE.net, 2, DEFAULT_STATE.data, points);
    expect(checkpointKey({ ...DEFAULT_STATE.net, learningRate: 0.5 }, 2, DEFAULT_STATE.data, points)).toBe(key);
    expect(checkpointKey({ ...DEFAULT_STATE.net, hidden: 4 }, 2, DEFAULT_STATE.data, points)).not.toBe(key);
    expect(checkpointKey(DEFAULT_STATE.net, 2, DEFAULT_STATE.data, [points[0], { ...points[1], x: 1.5 }])).not.toBe(key);
    expect(checkpointKey(DEFAULT_STATE.net, 2, { ...DEFAULT_STATE.data, testFraction: 0.3 }, points)).not.toBe(key);
  });

  it('come back from storage only when complete and finite', () => {
    const good = { key: 'k', iteration: 12, params: params(), history: [{ iteration: 0, trainLoss: 1, testLoss: NaN, trainAccuracy: 0.5, testAccuracy: NaN }] };
    expect(parseCheckpoint(structuredClone(good))).toEqual(good);
    const nan = params();
    nan.W1[0] = NaN;
    for (const bad of [null, 'x', { ...good, iteration: -1 }, { ...good, iteration: 1.5 }, { ...good, key: 3 }, { ...good, params: { ...params(), W1: [1, 2] } }, { ...good, params: nan }, { ...good, params: { ...params(), hidden: 5 } }]) {
      expect(parseCheckpoint(bad)).toBeNull();
    }
    expect(parseCheckpoint({ ...good, history: 'nope' })).toEqual({ ...good, history: [] });
  });
});

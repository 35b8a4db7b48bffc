import { describe, expect, it } from 'vitest';
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

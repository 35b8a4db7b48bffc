// The page's side of Auto: the reducer's measuring / chosen states, the stored choice's check, the debug hash
// that injects timings, and the words the work line shows while measuring.
import { describe, expect, it } from 'vitest';
import type { AutoChoice, BackendReport } from '../../src/workers/textProtocol';
import { parseAutoChoice } from '../../src/labs/text/session/autoChoiceStore';
import { parseAutoTimings } from '../../src/labs/text/session/debugOptions';
import { INITIAL_SESSION, sessionReducer } from '../../src/labs/text/session/sessionState';
import { workWords } from '../../src/labs/text/session/workWords';
import { DEFAULT_LAB_SETTINGS } from '../../src/labs/text/settings/labSettings';

const choice: AutoChoice = {
  key: 'lstm-128x1-onehot-v65-T16-B64-adam',
  candidates: ['webgpu', 'wasm'],
  measurements: [
    { backend: 'webgpu', ok: true, charsPerSec: 41000 },
    { backend: 'wasm', ok: true, charsPerSec: 9800 },
  ],
  winner: 'webgpu',
  measuredAt: 1,
};
const report: BackendReport = { requested: 'auto', engine: 'tfjs', backend: 'webgpu', isFallbackAdapter: false, tried: [{ backend: 'webgpu', ok: true }] };

describe('Auto on the page', () => {
  it('shows progress while measuring, then the choice and the new backend', () => {
    let s = sessionReducer(INITIAL_SESSION, { type: 'auto-progress', backend: 'webgpu', index: 0, count: 2 });
    expect(s.measuring).toEqual({ backend: 'webgpu', index: 0, count: 2 });
    const settings = { applied: DEFAULT_LAB_SETTINGS, draft: DEFAULT_LAB_SETTINGS };
    expect(workWords('train', s, settings)).toMatch(/^Measuring WebGPU… 1\/2/);
    s = sessionReducer(s, { type: 'auto-chosen', choice, reused: false, report });
    expect(s.measuring).toBeUndefined();
    expect(s.auto).toEqual({ choice, reused: false });
    expect(s.report?.backend).toBe('webgpu');
    expect(sessionReducer(s, { type: 'starting', engine: 'auto' }).auto).toBeUndefined();
    expect(sessionReducer({ ...s, measuring: { backend: 'wasm', index: 1, count: 2 } }, { type: 'auto-ended' }).measuring).toBeUndefined();
  });

  it('keeps only well-formed stored choices', () => {
    expect(parseAutoChoice(choice)).toEqual(choice);
    expect(parseAutoChoice({ ...choice, winner: 'webgl' })).toBeUndefined(); // not among its candidates
    expect(parseAutoChoice({ ...choice, measurements: [{ backend: 'wasm', ok: true, charsPerSec: -1 }] })).toBeUndefined();
    expect(parseAutoChoice('webgpu')).toBeUndefined();
    expect(parseAutoChoice(null)).toBeUndefined();
  });

  it('reads injected timings from the debug hash', () => {
    expect(parseAutoTimings('#/text?debug&autotimings=webgl:fail,wasm:9800&autodelay=300')).toEqual({
      timings: { webgl: 'fail (injected)', wasm: 9800 },
      delayMs: 300,
    });
    expect(parseAutoTimings('#/text?debug')).toBeUndefined();
    expect(parseAutoTimings('#/text?debug&autotimings=%E0%A4%A')).toBeUndefined();
  });
});

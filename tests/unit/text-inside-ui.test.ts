// The Inside-the-network page helpers that need no DOM: colours, CSV exports, the live-refresh spacing and
// the autosaved race's validation.
import { describe, expect, it } from 'vitest';
import { rankingCsv, unitValuesCsv } from '../../src/labs/text/inside/insideCsv';
import { LIVE_GAP_FACTOR, liveGapMs } from '../../src/labs/text/inside/liveRefresh';
import { parseSavedRace } from '../../src/labs/text/inside/raceRecord';
import { colourScale, unitBackground } from '../../src/labs/text/inside/unitColor';

describe('inside page helpers', () => {
  it('colours: diverging for tanh values, sequential for gates, c scaled by its largest |c|', () => {
    expect(colourScale('h', [0.5])).toEqual({ lo: -1, hi: 1 });
    expect(colourScale('f', [0.5])).toEqual({ lo: 0, hi: 1 });
    expect(colourScale('c', [-3, 2])).toEqual({ lo: -3, hi: 3 });
    expect(unitBackground(1, -1, 1)).toBe('rgba(220, 38, 38, 0.850)');
    expect(unitBackground(-0.5, -1, 1)).toBe('rgba(37, 99, 235, 0.425)');
    expect(unitBackground(0, 0, 1)).toBe('rgba(22, 163, 74, 0.000)');
    expect(unitBackground(Number.NaN, -1, 1)).toBe('transparent');
  });

  it('CSV exports quote awkward characters', () => {
    expect(unitValuesCsv('a,"\n', [0.5, -1, 0, 1])).toBe('position,char,value\n0,"""a""",0.5\n1,""",""",-1\n2,"""\\""""",0\n3,"""\\n""",1\n');
    expect(rankingCsv([{ unit: 3, r: -0.9 }, { unit: 1, r: 0.2 }])).toBe('rank,unit,pearson_r\n1,3,-0.9\n2,1,0.2\n');
  });

  it('live refresh waits 20× the job, at least 3 s (each view ≤ 1/21 of training time)', () => {
    expect(liveGapMs(0)).toBe(3000);
    expect(liveGapMs(500)).toBe(500 * LIVE_GAP_FACTOR);
  });

  it('a saved race is read back only when every field checks out', () => {
    const race = {
      hidden: 32,
      layers: 1,
      secondsEach: 2,
      validNote: '100 validation characters',
      entries: [{ cell: 'rnn', params: 10, sample: 'the', points: [{ elapsedMs: 0, chars: 0, step: 0, validLoss: 3 }] }],
    };
    expect(parseSavedRace(race)).toEqual(race);
    expect(parseSavedRace({ ...race, entries: [{ ...race.entries[0], cell: 'cnn' }] })).toBeUndefined();
    expect(parseSavedRace({ ...race, hidden: 'x' })).toBeUndefined();
    expect(parseSavedRace(null)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { PRESETS, defaultOptions, parsePointsCsv, pointsToCsv, tutorialMoons } from '../../src/core/datasets';
import type { CsvParseResult, Point } from '../../src/core/datasets';
import { MT19937 } from '../../src/core/rng/mt19937';

function points(r: CsvParseResult): Point[] {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error}`);
  return r.points;
}
function error(r: CsvParseResult): string {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('round trip', () => {
  it('pointsToCsv → parsePointsCsv is exact for the tutorial data and every preset', () => {
    const sets = [tutorialMoons().points, ...PRESETS.map((p) => p.generate(defaultOptions(p)).points)];
    for (const pts of sets) {
      const csv = pointsToCsv(pts);
      expect(csv.startsWith('x,y,label\n')).toBe(true);
      const r = parsePointsCsv(csv);
      expect(points(r)).toEqual(pts);
      if (r.ok) expect(r.warnings).toEqual([]);
    }
  });

  it('keeps awkward doubles exactly, including -0, subnormals and extremes', () => {
    const pts: Point[] = [
      { x: -0, y: 0, label: 0 },
      { x: 5e-324, y: -Number.MAX_VALUE, label: 1 },
      { x: 0.1 + 0.2, y: 1 / 3, label: 5 },
      { x: 1e21, y: -Math.PI * 1e-7, label: 2 },
    ];
    const back = points(parsePointsCsv(pointsToCsv(pts)));
    back.forEach((p, i) => {
      expect(Object.is(p.x, pts[i].x)).toBe(true);
      expect(Object.is(p.y, pts[i].y)).toBe(true);
      expect(p.label).toBe(pts[i].label);
    });
  });
});

describe('lenient about layout', () => {
  it('no header, CRLF, blank lines, whitespace, BOM, comments, quoted fields', () => {
    const text = '\uFEFF# my points\r\n\r\n  1.5 , -2 ,0 \r\n\t\r\n"3",4e-1,"1"\r\n-.5,+2.,1\r\n';
    expect(points(parsePointsCsv(text))).toEqual([
      { x: 1.5, y: -2, label: 0 },
      { x: 3, y: 0.4, label: 1 },
      { x: -0.5, y: 2, label: 1 },
    ]);
  });

  it('a recognised header may reorder the columns', () => {
    expect(points(parsePointsCsv('Label,Y,X\n1,2,3\n0,5,6'))).toEqual([
      { x: 3, y: 2, label: 1 },
      { x: 6, y: 5, label: 0 },
    ]);
    expect(points(parsePointsCsv('x,y,class\n1,2,1'))).toEqual([{ x: 1, y: 2, label: 1 }]);
  });

  it('warns about an unrecognised header and about unused labels', () => {
    const r = parsePointsCsv('a,b,c\n0,0,0\n1,1,2\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.some((w) => /Line 1: header "a,b,c" not recognised/.test(w))).toBe(true);
    expect(r.warnings.some((w) => /No points have label 1/.test(w))).toBe(true);
  });

  it('accepts "1.0" as label 1', () => {
    expect(points(parsePointsCsv('0,0,1.0\n1,1,0'))[0].label).toBe(1);
  });
});

describe('rejects bad input with the line number', () => {
  const cases: [string, string, RegExp][] = [
    ['missing column', 'x,y,label\n1,2,0\n3,4\n', /^Line 3: missing columns; expected 3 \(x, y, label\) but found 2/],
    ['too many columns', '1,2,0\n\n3,4,1,7\n', /^Line 3: too many columns; expected 3 .* found 4/],
    ['not a number', 'x,y,label\n1,abc,0\n', /^Line 2: y is "abc", which is not a number/],
    ['mixed first line is a bad row, not a header', '1,abc,0\n', /^Line 1: y is "abc"/],
    ['hex is not accepted', '0x10,1,0\n', /^Line 1: x is "0x10", which is not a number/],
    ['empty field', '1,,0\n', /^Line 1: the y value is empty/],
    ['NaN', '1,2,0\nNaN,1,1\n', /^Line 2: x is "NaN"; values must be finite/],
    ['Infinity', '1,-Infinity,0\n', /^Line 1: y is "-Infinity"; values must be finite/],
    ['overflow', '1e400,1,0\n', /^Line 1: x is "1e400", which is too large/],
    ['fractional label', '1,2,0.5\n', /^Line 1: label "0.5" must be a whole number from 0 to 5/],
    ['label too big', '1,2,0\n1,2,6\n', /^Line 2: label "6" must be a whole number from 0 to 5/],
    ['negative label', '1,2,-1\n', /^Line 1: label "-1"/],
    ['header with wrong column count', 'x,y\n1,2\n', /^Line 1: the header has 2 columns/],
    ['empty file', '', /no data rows/],
    ['only blank lines', '\n \r\n\n', /no data rows/],
    ['header only', 'x,y,label\n', /header but no data rows/],
  ];
  for (const [name, text, pattern] of cases) {
    it(name, () => expect(error(parsePointsCsv(text))).toMatch(pattern));
  }

  it('long or control-character fields are shown shortened and safely', () => {
    const msg = error(parsePointsCsv(`1,${'z'.repeat(500)}\u0007,0`));
    expect(msg.length).toBeLessThan(120);
    expect(msg.includes('\u0007')).toBe(false);
  });
});

describe('limits are enforced before parsing', () => {
  it('row limit (default 10,000)', () => {
    const rows = (n: number) => 'x,y,label\n' + Array.from({ length: n }, (_, i) => `${i},0,${i % 2}`).join('\n');
    expect(points(parsePointsCsv(rows(10_000)))).toHaveLength(10_000);
    expect(error(parsePointsCsv(rows(10_001)))).toMatch(/Too many rows: the limit is 10,000 points/);
    expect(error(parsePointsCsv(rows(6), { maxRows: 5 }))).toMatch(/limit is 5 points/);
    // The row limit wins even when a bad row follows it: no number parsing happened.
    expect(error(parsePointsCsv(rows(6) + '\nbad', { maxRows: 5 }))).toMatch(/Too many rows/);
  });

  it('byte limit (default 5 MB), counted in UTF-8', () => {
    const big = '0,0,0\n'.repeat(Math.ceil(5_000_001 / 6));
    expect(error(parsePointsCsv(big))).toMatch(/larger than the 5 MB limit/);
    expect(error(parsePointsCsv('1,2,0\n1,2,1\n', { maxBytes: 10 }))).toMatch(/larger than the 10 bytes limit/);
    // 'é' is 2 bytes in UTF-8: 6 characters, 7 bytes.
    expect(error(parsePointsCsv('#é\n1,2', { maxBytes: 6 }))).toMatch(/limit/);
    expect(parsePointsCsv('#é\n1,2', { maxBytes: 7 }).ok).toBe(false); // passes the size check, fails on columns
    expect(error(parsePointsCsv('#é\n1,2', { maxBytes: 7 }))).toMatch(/^Line 2: missing columns/);
  });
});

describe('fuzz: random garbage never throws', () => {
  const alphabet = ['0', '1', '5', '9', '.', '-', '+', 'e', 'E', ',', ',', ',', ' ', '\t', '\n', '\r', '"', '#', 'x', 'y',
    'label', 'NaN', 'Infinity', '\u0000', '\uFEFF', 'é', '\uD83D\uDE00', '\uD800', '7'];

  it('returns ok:true with valid points or ok:false with a message, for 3000 seeded inputs', () => {
    const rng = new MT19937(2024);
    for (let trial = 0; trial < 3000; trial++) {
      let text = '';
      const len = rng.int(80);
      for (let i = 0; i < len; i++) text += alphabet[rng.int(alphabet.length)];
      // Sometimes start from a valid file and corrupt one character.
      if (trial % 3 === 0) {
        const valid = pointsToCsv([{ x: rng.normal(), y: rng.normal(), label: rng.int(6) }, { x: 1, y: 2, label: 1 }]);
        const at = rng.int(valid.length);
        text = valid.slice(0, at) + alphabet[rng.int(alphabet.length)] + valid.slice(at + 1);
      }
      let r: CsvParseResult | undefined;
      expect(() => {
        r = parsePointsCsv(text, { maxRows: 50, maxBytes: 200 });
      }).not.toThrow();
      if (!r) continue;
      if (r.ok) {
        expect(r.points.length).toBeGreaterThan(0);
        for (const p of r.points) {
          expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
          expect(Number.isInteger(p.label) && p.label >= 0 && p.label <= 5).toBe(true);
        }
      } else {
        expect(r.error.length).toBeGreaterThan(0);
      }
    }
  });
});

// Hostile CSV files against the Classify lab's importer: every case ends in valid points or a clear message,
// never a thrown exception; the limits are enforced; the parser is pure. Seeded: the same cases every run.
import { describe, expect, it } from 'vitest';
import { MAX_CLASSES, parsePointsCsv, pointsToCsv, type CsvParseResult, type Point } from '../../src/core/datasets';
import { LIMITS } from '../../src/core/limits';
import { csvCases, randomPointSets } from './fuzz/csvCases';
import { CaseLog, displayProblem, fromResult, messageProblem } from './fuzz/outcome';
import { HOSTILE_SEED, HOSTILE_FLOORS, POINT_SETS, recordCaseCount } from './fuzz/suite';

const log = new CaseLog();
const cases = csvCases(HOSTILE_SEED);

/** Why accepted points break the importer's promises, or null. */
function pointsProblem(r: CsvParseResult, maxRows: number): string | null {
  if (!r.ok) return null;
  if (!Array.isArray(r.points)) return 'points is not an array';
  if (r.points.length === 0) return 'accepted with no points';
  if (r.points.length > maxRows) return `accepted ${r.points.length} points, over the ${maxRows}-row limit`;
  for (let i = 0; i < r.points.length; i++) {
    const p = r.points[i];
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return `point ${i} is not finite: ${p.x}, ${p.y}`;
    if (!Number.isInteger(p.label) || p.label < 0 || p.label >= MAX_CLASSES || Object.is(p.label, -0)) return `point ${i} has label ${p.label}`;
  }
  for (const w of r.warnings) {
    const problem = messageProblem(w);
    if (problem) return `warning: ${problem}`;
    const shown = displayProblem(w);
    if (shown) log.display.push(`warning: ${shown}`);
  }
  return null;
}

/** Exact comparison (Object.is, so -0 and 0 differ). */
function samePoints(a: readonly Point[], b: readonly Point[]): string | null {
  if (a.length !== b.length) return `${a.length} points, expected ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i].x, b[i].x) || !Object.is(a[i].y, b[i].y) || a[i].label !== b[i].label) {
      return `point ${i} is (${a[i].x}, ${a[i].y}, ${a[i].label}), expected (${b[i].x}, ${b[i].y}, ${b[i].label})`;
    }
  }
  return null;
}

describe('hostile CSV files', () => {
  it(`every case ends in valid points or a clear message (${cases.length} cases, seed ${HOSTILE_SEED})`, () => {
    const mark = log.mark();
    for (const c of cases) {
      const text = c.make();
      // Frozen: a parser that wrote to its options would throw here instead of silently changing them.
      const limits = c.limits ? Object.freeze({ ...c.limits }) : undefined;
      const maxRows = limits?.maxRows ?? LIMITS.csv.maxRows;
      const outcome = fromResult(() => parsePointsCsv(text, limits));
      log.judge(c.name, outcome, c, (r) => pointsProblem(r, maxRows) ?? (c.points && r.ok ? samePoints(r.points, c.points) : null));
      // Pure: the same text gives the same answer (checked on inputs small enough to parse twice cheaply).
      if (typeof text === 'string' && text.length < 100_000 && outcome.kind !== 'escaped') {
        const again = JSON.stringify(parsePointsCsv(text, limits));
        log.note(c.name, again === JSON.stringify(outcome.kind === 'accepted' ? outcome.value : { ok: false, error: outcome.message }) ? null : 'a second parse gave a different answer');
      }
    }
    expect(log.since(mark), log.report('CSV', mark)).toEqual([]);
  });

  it(`pointsToCsv → parsePointsCsv is exact for ${POINT_SETS} random point sets with awkward doubles`, () => {
    const mark = log.mark();
    for (const [i, pts] of randomPointSets(HOSTILE_SEED, POINT_SETS).entries()) {
      const outcome = fromResult(() => parsePointsCsv(pointsToCsv(pts)));
      log.judge(`round trip #${i}`, outcome, { expect: 'accepted' }, (r) => (r.ok ? samePoints(r.points, pts) : null));
    }
    expect(log.since(mark), log.report('CSV round trip', mark)).toEqual([]);
  });

  it('the importer enforces the limits in src/core/limits.ts', () => {
    const overBytes = parsePointsCsv(`x,y,label\n1,2,0\n#${'p'.repeat(LIMITS.csv.maxBytes)}`);
    expect(overBytes.ok ? '' : overBytes.error).toMatch(/larger than the 5 MB limit/);
    const overRows = parsePointsCsv('1,2,0\n'.repeat(LIMITS.csv.maxRows + 1));
    expect(overRows.ok ? '' : overRows.error).toMatch(/Too many rows: the limit is 10,000/);
  });

  it('messages that quote the input show it safely: no raw control characters or bidi overrides', () => {
    expect(log.display, `${log.display.length} message(s) would display wrongly:\n  ${log.display.slice(0, 20).join('\n  ')}`).toEqual([]);
  });

  it(`reports the number of cases run (at least ${HOSTILE_FLOORS.csv})`, () => {
    recordCaseCount('csv', log);
    expect(log.ran).toBe(cases.length + POINT_SETS);
    expect(log.ran).toBeGreaterThanOrEqual(HOSTILE_FLOORS.csv);
  });
});

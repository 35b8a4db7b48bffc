// Hostile reference files against their parsers (parseMlpReference, parseReferenceFile): every case ends in a
// validated reference or the parser's own error with a clear message — never another exception.
import { describe, expect, it } from 'vitest';
import { parseMlpReference, ReferenceFormatError, type MlpReference } from '../../src/core/mlp/reference';
import { parseReferenceFile, ReferenceFileError, type ReferenceFile } from '../../src/core/text/scratch/referenceFile';
import { CaseLog, fromThrowingSync } from './fuzz/outcome';
import { referenceCases } from './fuzz/referenceCases';
import { HOSTILE_FLOORS, HOSTILE_SEED, recordCaseCount } from './fuzz/suite';

const log = new CaseLog();
const cases = referenceCases(HOSTILE_SEED);

const allFinite = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, (x: number) => Number.isFinite(x));

function mlpProblem(r: MlpReference): string | null {
  const N = r.y.length;
  if (N < 1 || r.X.length !== 2 * N) return `X has ${r.X.length} numbers for ${N} labels`;
  if (!allFinite(r.X)) return 'X holds a non-finite number';
  if (!Array.prototype.every.call(r.y, (c: number) => c >= 0 && c < r.classes)) return 'a label is outside the classes';
  const H = r.hidden;
  if (r.init.W1.length !== 2 * H || r.init.b1.length !== H || r.init.W2.length !== H * r.classes || r.init.b2.length !== r.classes) return 'init has the wrong shapes';
  if (![r.init.W1, r.init.b1, r.init.W2, r.init.b2].every(allFinite)) return 'init holds a non-finite number';
  if (!Number.isInteger(r.passes) || r.passes < 1 || !(r.epsilon >= 0) || !(r.regLambda >= 0)) return 'bad settings';
  return null;
}

function rnnProblem(r: ReferenceFile): string | null {
  const V = r.vocab.chars.length;
  if (r.run.vocabSize !== V) return `vocabSize ${r.run.vocabSize} for ${V} characters`;
  if (!Array.prototype.every.call(r.run.tokens, (t: number) => t >= 0 && t < V)) return 'a token is outside the vocabulary';
  if (r.run.tokens.length < r.run.seqLength + 1) return 'the corpus is shorter than one window';
  if (!(r.run.learningRate > 0) || !(r.run.clip > 0) || !Number.isInteger(r.run.steps) || r.run.steps < 0) return 'bad settings';
  return null;
}

describe('hostile reference files', () => {
  it(`every file ends in a validated reference or the parser's own error (${cases.length} cases, seed ${HOSTILE_SEED})`, () => {
    const mark = log.mark();
    for (const c of cases) {
      if (c.mlp) log.judge(c.name, fromThrowingSync(() => parseMlpReference(c.mlp?.()), (e) => e instanceof ReferenceFormatError), c, mlpProblem);
      if (c.rnnText) {
        const text = c.rnnText();
        log.judge(c.name, fromThrowingSync(() => parseReferenceFile(text), (e) => e instanceof ReferenceFileError), c, rnnProblem);
      }
    }
    expect(log.since(mark), log.report('reference files', mark)).toEqual([]);
  });

  it('messages that quote the input show it safely: no raw control characters or bidi overrides', () => {
    expect(log.display, `${log.display.length} message(s) would display wrongly:\n  ${log.display.slice(0, 20).join('\n  ')}`).toEqual([]);
  });

  it(`reports the number of cases run (at least ${HOSTILE_FLOORS.reference})`, () => {
    recordCaseCount('reference', log);
    expect(log.ran).toBe(cases.length);
    expect(log.ran).toBeGreaterThanOrEqual(HOSTILE_FLOORS.reference);
  });
});

// The megabyte-sized hostile corpora (10 MB of one character, a million emoji, a million-character line):
// the core still answers without throwing and round-trips exactly, and the worker prepares them. Run once,
// with the default vocabulary options (each pass over 10 M characters costs seconds on two cores).
import { describe, expect, it } from 'vitest';
import { prepareCorpus } from '../../src/workers/text/corpus';
import { SessionError } from '../../src/workers/text/sessionUtil';
import { corpusCases } from './fuzz/corpusCases';
import { coreProblems, corpusCheckProblems, preparedProblem, safely, statsProblem, VOCAB_OPTIONS } from './fuzz/corpusChecks';
import { CaseLog, fromThrowingSync } from './fuzz/outcome';
import { HOSTILE_FLOORS, HOSTILE_SEED, recordCaseCount } from './fuzz/suite';

const log = new CaseLog();
const cases = corpusCases(HOSTILE_SEED).filter((c) => c.heavy);

describe('hostile corpora, large', () => {
  for (const c of cases) {
    it(`${c.name}: the core and the worker handle it`, () => {
      const mark = log.mark();
      const text = c.make();
      log.note(c.name, safely('core', () => coreProblems(text, VOCAB_OPTIONS[0], false)));
      log.note(c.name, safely('charStats', () => statsProblem(text)));
      log.note(c.name, safely('corpus checks', () => corpusCheckProblems(text, [64, 1e9])));
      log.ran++;
      const outcome = fromThrowingSync(() => prepareCorpus(text, VOCAB_OPTIONS[0], 0.1), (e) => e instanceof SessionError);
      log.judge(`prepareCorpus: ${c.name}`, outcome, { expect: c.worker ?? 'either' }, preparedProblem);
      expect(log.since(mark), log.report('large corpora', mark)).toEqual([]);
    });
  }

  it(`reports the number of cases run (at least ${HOSTILE_FLOORS.corpusLarge})`, () => {
    recordCaseCount('corpusLarge', log);
    expect(log.ran).toBe(cases.length * 2);
    expect(log.ran).toBeGreaterThanOrEqual(HOSTILE_FLOORS.corpusLarge);
  });
});

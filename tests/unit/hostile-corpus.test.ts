// Hostile corpora against the Text lab's text pipeline: the core (vocabulary, encode/decode, stats, corpus
// checks) never throws on any text and round-trips losslessly where the text is well-formed; the worker's
// corpus check and the file reader answer with a result or their documented error and a clear message.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits';
import { buildVocab, decode, encode, vocabFromList } from '../../src/core/text/vocab';
import { MAX_PASTE_CHARS } from '../../src/labs/text/corpus/corpusLimits';
import { MAX_FILE_BYTES, readTextFile, TextFileError } from '../../src/labs/text/corpus/readTextFile';
import { prepareCorpus } from '../../src/workers/text/corpus';
import { SessionError } from '../../src/workers/text/sessionUtil';
import { corpusCases, fileCases, HOSTILE_PIECES } from './fuzz/corpusCases';
import { coreProblems, corpusCheckProblems, preparedProblem, safely, statsProblem, VOCAB_OPTIONS } from './fuzz/corpusChecks';
import { CaseLog, fromThrowing, fromThrowingSync, type Outcome } from './fuzz/outcome';
import { FuzzRandom } from './fuzz/random';
import { HOSTILE_FLOORS, HOSTILE_SEED, recordCaseCount } from './fuzz/suite';

const log = new CaseLog();
// The megabyte-sized corpora run in hostile-corpus-large.test.ts (keeps each file quick on two cores).
const cases = corpusCases(HOSTILE_SEED).filter((c) => !c.heavy);
const files = fileCases(HOSTILE_SEED, LIMITS.corpus.maxFileBytes);
let foreignCases = 0;

describe('hostile corpora', () => {
  it(`the core handles every text without throwing (${cases.length} texts × ${VOCAB_OPTIONS.length} vocabulary options, seed ${HOSTILE_SEED})`, () => {
    const mark = log.mark();
    for (const c of cases) {
      const text = c.make();
      for (const o of VOCAB_OPTIONS) log.note(`${c.name} ${JSON.stringify(o)}`, safely('core', () => coreProblems(text, o)));
      log.note(c.name, safely('charStats', () => statsProblem(text)));
      log.note(c.name, safely('corpus checks', () => corpusCheckProblems(text)));
      log.ran++;
    }
    expect(log.since(mark), log.report('corpus core', mark)).toEqual([]);
  });

  it('the worker prepares every corpus or refuses it with a clear message (SessionError)', () => {
    const mark = log.mark();
    for (const c of cases) {
      const text = c.make();
      for (const o of VOCAB_OPTIONS) {
        const outcome = fromThrowingSync(() => prepareCorpus(text, o, 0.1), (e) => e instanceof SessionError);
        log.judge(`prepareCorpus: ${c.name} ${JSON.stringify(o)}`, outcome, { expect: c.worker ?? 'either' }, preparedProblem);
      }
    }
    expect(log.since(mark), log.report('prepareCorpus', mark)).toEqual([]);
  });

  it('text outside a vocabulary, hostile token lists and hostile vocabulary lists end in results or documented errors', () => {
    const mark = log.mark();
    const rnd = new FuzzRandom(HOSTILE_SEED).fork('foreign text');
    const vocabs = [buildVocab('the cat sat on the mat\n'), buildVocab('the cat sat on the mat\n', { minCount: 2 }), buildVocab('ÄÖÜ äöü 😀\n', { lowercase: true })];
    const documented = (pattern: RegExp) => (e: unknown) => e instanceof Error && !(e instanceof TypeError) && pattern.test(e.message);
    for (let i = 0; i < 60; i++) {
      const vocab = rnd.pick(vocabs);
      const text = rnd.string(rnd.range(0, 80), HOSTILE_PIECES);
      const missing = rnd.pick(['error', 'skip'] as const);
      const outcome = fromThrowingSync(() => encode(text, vocab, { missing }), documented(/is not in the vocabulary/));
      log.judge(`encode foreign text #${i} (missing: ${missing})`, outcome, { expect: vocab.unknown !== null || missing === 'skip' ? 'accepted' : 'either' }, (tokens) =>
        Array.from(tokens).every((t) => t >= 0 && t < vocab.chars.length) ? null : 'a token outside the vocabulary',
      );
      foreignCases++;
    }
    const badTokens: [string, number[]][] = [['-1', [-1]], ['V', [vocabs[0].chars.length]], ['1.5', [1.5]], ['NaN', [Number.NaN]], ['2^31', [2 ** 31]], ['Infinity', [Infinity]]];
    for (const [name, tokens] of badTokens) {
      log.judge(`decode token ${name}`, fromThrowingSync(() => decode(tokens, vocabs[0]), documented(/outside the vocabulary/)), { expect: 'refused' });
      foreignCases++;
    }
    const badLists: [string, unknown[]][] = [
      ['a duplicate', ['a', 'b', 'a']],
      ['two characters in one entry', ['ab']],
      ['an empty entry', ['']],
      ['a lone surrogate', ['\uD800']],
      ['a number', [1]],
      ['null', [null]],
      ['a ZWJ sequence (several code points)', ['👨‍👩‍👧']],
      ['e + combining acute (two code points)', ['e\u0301']],
    ];
    for (const [name, list] of badLists) {
      log.judge(`vocabFromList with ${name}`, fromThrowingSync(() => vocabFromList(list as string[]), documented(/vocabulary entry/)), { expect: 'refused' });
      foreignCases++;
    }
    for (const minCount of [0, -1, 1.5, Number.NaN]) {
      log.judge(`buildVocab minCount ${minCount}`, fromThrowingSync(() => buildVocab('abc', { minCount }), documented(/minCount/)), { expect: 'refused' });
      foreignCases++;
    }
    expect(log.since(mark), log.report('foreign text', mark)).toEqual([]);
  });

  it(`the file reader answers every hostile file with text or its documented error (${files.length} files)`, async () => {
    const mark = log.mark();
    for (const f of files) {
      const bytes = f.make();
      const controller = new AbortController();
      if (f.abort) controller.abort();
      const outcome: Outcome<string> = await fromThrowing(
        () => readTextFile(new Blob([bytes as Uint8Array<ArrayBuffer>]), { maxBytes: f.maxBytes, signal: controller.signal }),
        (e) => e instanceof TextFileError,
      );
      const expectation = f.expect === 'accepted' || f.expect === 'either' ? { expect: f.expect } : { expect: 'refused' as const };
      log.judge(`readTextFile: ${f.name}`, outcome, expectation, (text) => {
        if (f.text !== undefined) return text === f.text ? null : 'decoded text differs';
        // Anything accepted must be exactly what a strict UTF-8 decoder reads.
        let strict: string;
        try {
          strict = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          return 'accepted bytes that are not valid UTF-8';
        }
        return text === strict ? null : 'decoded text differs from a strict UTF-8 decode';
      });
      if (outcome.kind === 'refused' && f.expect !== 'either' && f.expect !== 'accepted') {
        // The documented problem code, not just any refusal.
        const err = await readTextFile(new Blob([bytes as Uint8Array<ArrayBuffer>]), { maxBytes: f.maxBytes, signal: controller.signal }).then(
          () => null,
          (e: unknown) => e,
        );
        log.note(`readTextFile: ${f.name}`, err instanceof TextFileError && err.problem === f.expect ? null : `expected problem "${f.expect}", got "${(err as TextFileError | null)?.problem}"`);
      }
    }
    expect(log.since(mark), log.report('readTextFile', mark)).toEqual([]);
  });

  it('the lab enforces the corpus limits in src/core/limits.ts', () => {
    expect(MAX_PASTE_CHARS).toBe(LIMITS.corpus.maxPasteChars);
    expect(MAX_FILE_BYTES).toBe(LIMITS.corpus.maxFileBytes);
  });

  it('messages that quote the input show it safely: no raw control characters or bidi overrides', () => {
    expect(log.display, `${log.display.length} message(s) would display wrongly:\n  ${log.display.slice(0, 20).join('\n  ')}`).toEqual([]);
  });

  it(`reports the number of cases run (at least ${HOSTILE_FLOORS.corpus})`, () => {
    // Each text counts once for the core checks and once per option set for prepareCorpus; files and foreign text add theirs.
    recordCaseCount('corpus', log);
    expect(log.ran).toBe(cases.length * (1 + VOCAB_OPTIONS.length) + foreignCases + files.length);
    expect(log.ran).toBeGreaterThanOrEqual(HOSTILE_FLOORS.corpus);
  });
});

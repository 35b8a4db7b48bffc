// The properties every corpus must satisfy in the Text lab's core, with oracles written independently of the
// code under test (a regex for well-formedness, a plain loop for code points). Shared by the corpus tests.
import { corpusWarning, validateCorpus } from '../../../src/core/text/corpus';
import { charStats } from '../../../src/core/text/charStats';
import { buildVocab, decode, encode, missingChars, UNKNOWN_CHAR, type Vocab } from '../../../src/core/text/vocab';
import { checkCorpusText, trainingBlocker } from '../../../src/labs/text/corpus/corpusLimits';
import type { PreparedCorpus } from '../../../src/workers/text/corpus';
import { clip, messageProblem } from './outcome';

export const VOCAB_OPTIONS = [
  { lowercase: false, minCount: 1 },
  { lowercase: true, minCount: 1 },
  { lowercase: false, minCount: 3 },
] as const;

/** Window lengths for validateCorpus, hostile ones included. */
export const SEQ_LENGTHS = [1, 25, 64, 1024, 0, -1, 2.5, Number.NaN, Infinity, 1e9];

/** Lone surrogates replaced by U+FFFD (what String.prototype.toWellFormed does). */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, UNKNOWN_CHAR);
}

export function countCodePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function distinctCharacters(text: string): number {
  return new Set(wellFormed(text)).size;
}

/** Why `vocab` breaks its own invariants for the text it was built from, or null. */
export function vocabProblem(vocab: Vocab, source: string): string | null {
  const seen = new Set<string>();
  let prev = -1;
  for (const [i, ch] of vocab.chars.entries()) {
    if (typeof ch !== 'string' || [...ch].length !== 1) return `entry ${i} is not one code point: ${JSON.stringify(ch)}`;
    if (/^[\uD800-\uDFFF]$/.test(ch)) return `entry ${i} is a lone surrogate`;
    const cp = ch.codePointAt(0) ?? -1;
    if (cp <= prev) return `entries are not sorted by code point at ${i}`;
    prev = cp;
    if (seen.has(ch)) return `entry ${i} repeats`;
    seen.add(ch);
    if (vocab.index.get(ch) !== i) return `index of entry ${i} is ${vocab.index.get(ch)}`;
  }
  if (vocab.counts.length !== vocab.chars.length) return 'counts and chars differ in length';
  const total = vocab.counts.reduce((a, b) => a + b, 0);
  if (total !== countCodePoints(source)) return `counts sum to ${total}, the text has ${countCodePoints(source)} characters`;
  const fffd = vocab.index.get(UNKNOWN_CHAR) ?? null;
  if (vocab.unknown !== fffd) return `unknown is ${vocab.unknown} but U+FFFD is at ${fffd}`;
  return null;
}

/** Vocabulary, encode, decode and missingChars on one text with one set of options. */
export function coreProblems(text: string, options: { lowercase: boolean; minCount: number }, repeat = true): string | null {
  const source = options.lowercase ? text.toLowerCase() : text;
  const vocab = buildVocab(text, options);
  const vp = vocabProblem(vocab, source);
  if (vp) return `vocabulary: ${vp}`;
  const tokens = encode(text, vocab);
  const n = countCodePoints(source);
  if (tokens.length !== n) return `encode gave ${tokens.length} tokens for ${n} characters`;
  for (const t of tokens) if (!(t >= 0 && t < vocab.chars.length)) return `token ${t} is outside the vocabulary`;
  const back = decode(tokens, vocab);
  const expected = wellFormed(source);
  if (options.minCount === 1) {
    // Lossless: every character comes back, lone surrogates as U+FFFD (they are not characters).
    if (back !== expected) return 'decode(encode(text)) differs from the text';
  } else {
    const a = [...back];
    const b = [...expected];
    if (a.length !== b.length || a.some((ch, i) => ch !== b[i] && ch !== UNKNOWN_CHAR)) return 'decode(encode(text)) changed a character other than into U+FFFD';
  }
  const missing = missingChars(text, vocab);
  if (options.minCount === 1 && missing.length > 0) return `missingChars reports ${missing.length} characters of the vocabulary's own text`;
  if (!repeat) return null;
  // Pure: the same text gives the same vocabulary.
  const again = buildVocab(text, options);
  if (again.chars.join('\u0001') !== vocab.chars.join('\u0001')) return 'buildVocab gave a different vocabulary the second time';
  return null;
}

export function statsProblem(text: string): string | null {
  const s = charStats(text, 10);
  const n = countCodePoints(text);
  if (s.characters !== n) return `stats count ${s.characters} characters, the text has ${n}`;
  const distinct = distinctCharacters(text);
  if (s.vocabSize !== distinct) return `stats count ${s.vocabSize} distinct characters, expected ${distinct}`;
  if (!(s.lines >= 0 && s.lines <= n + 1)) return `stats count ${s.lines} lines`;
  let prev = Infinity;
  for (const t of s.top) {
    if (!(t.count > 0 && t.count <= prev && t.fraction > 0 && t.fraction <= 1)) return `bad top entry ${JSON.stringify(t)}`;
    prev = t.count;
  }
  return null;
}

/** validateCorpus (for each window length), corpusWarning and the lab's corpus checks. */
export function corpusCheckProblems(text: string, seqLengths: readonly number[] = SEQ_LENGTHS): string | null {
  const n = countCodePoints(text);
  for (const L of seqLengths) {
    const v = validateCorpus(text, L);
    const usable = Number.isInteger(L) && L >= 1 && n >= L + 1;
    if (v === null && !usable) return `validateCorpus accepts window ${L} for ${n} characters`;
    if (v !== null && usable) return `validateCorpus refuses window ${L} for ${n} characters: ${clip(v)}`;
    if (v !== null && messageProblem(v)) return `validateCorpus(${L}): ${messageProblem(v)}`;
  }
  const w = corpusWarning(text);
  const single = distinctCharacters(text) === 1;
  if ((w !== null) !== single) return `corpusWarning is ${w === null ? 'silent' : 'raised'} for ${distinctCharacters(text)} distinct characters`;
  const check = checkCorpusText(text);
  if (!check.ok && messageProblem(check.message)) return `checkCorpusText: ${messageProblem(check.message)}`;
  const blocker = trainingBlocker(n, 64);
  if (blocker !== undefined && messageProblem(blocker)) return `trainingBlocker: ${messageProblem(blocker)}`;
  return null;
}

/** What a corpus prepared by the worker must satisfy. */
export function preparedProblem(p: PreparedCorpus): string | null {
  if (p.train.length + p.valid.length !== p.stats.chars) return `${p.train.length} + ${p.valid.length} tokens for ${p.stats.chars} characters`;
  if (p.stats.vocabSize !== p.vocab.chars.length) return 'stats and vocabulary disagree on the size';
  for (const part of [p.train, p.valid]) for (const t of part) if (!(t >= 0 && t < p.vocab.chars.length)) return `token ${t} outside the vocabulary`;
  return null;
}

/** Runs one of the core checks, turning any exception into a problem (the core promises not to throw). */
export function safely(what: string, run: () => string | null): string | null {
  try {
    const problem = run();
    return problem && `${what}: ${problem}`;
  } catch (err) {
    return `${what} threw ${err instanceof Error ? `${err.name}: ${clip(err.message)}` : String(err)}`;
  }
}

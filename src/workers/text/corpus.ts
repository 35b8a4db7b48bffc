// The corpus as the Text worker holds it: text, vocabulary, tokens, train/validation split and stats.
import { charStats } from '../../core/text/charStats';
import { splitByPosition } from '../../core/text/corpus';
import { buildVocab, codePoints, encode, type Vocab } from '../../core/text/vocab';
import type { CorpusStats, VocabOptions } from '../textProtocol';
import { SessionError } from './sessionUtil';

export interface PreparedCorpus {
  text: string;
  options: VocabOptions;
  validFraction: number;
  vocab: Vocab;
  train: Int32Array;
  valid: Int32Array;
  stats: CorpusStats;
}

const TOP_CHARS = 40;

/** Why a text cannot be a corpus at all (length checks against the window come at build time). */
function corpusProblem(text: string): string | null {
  if (typeof text !== 'string' || text.length === 0) return 'The corpus is empty. Paste or load some text to train on.';
  const chars = codePoints(text);
  if (chars.length < 2) return 'The corpus needs at least two characters.';
  let odd = 0;
  for (const ch of chars) if (ch === '\u0000' || ch === '\uFFFD') odd++;
  if (odd > chars.length * 0.01) {
    return 'The corpus looks like binary data (many NUL or undecodable characters). Load a plain-text file (UTF-8).';
  }
  return null;
}

/** Builds the vocabulary from the text (or encodes with a given one, e.g. an imported model's). */
export function prepareCorpus(text: string, options: VocabOptions, validFraction: number, fixedVocab?: Vocab): PreparedCorpus {
  const problem = corpusProblem(text);
  if (problem) throw new SessionError('bad-corpus', problem);
  if (!(validFraction >= 0 && validFraction <= 0.5)) throw new SessionError('bad-request', `validation fraction must be in [0, 0.5], got ${validFraction}`);
  if (!Number.isInteger(options.minCount) || options.minCount < 1) {
    throw new SessionError('bad-request', `minCount must be a whole number ≥ 1, got ${options.minCount}`);
  }
  const vocab = fixedVocab ?? buildVocab(text, { lowercase: options.lowercase, minCount: options.minCount });
  const tokens = encode(text, vocab, { missing: 'skip' });
  const split = splitByPosition(tokens, validFraction);
  const source = vocab.lowercase ? text.toLowerCase() : text;
  const basic = charStats(source, TOP_CHARS);
  let unknownChars = basic.characters - tokens.length; // skipped (no unknown token)
  if (vocab.unknown !== null) for (const t of tokens) if (t === vocab.unknown) unknownChars++;
  return {
    text,
    options: { ...options, lowercase: vocab.lowercase },
    validFraction,
    vocab,
    train: split.train,
    valid: split.validation,
    stats: {
      chars: basic.characters,
      lines: basic.lines,
      vocabSize: vocab.chars.length,
      trainChars: split.train.length,
      validChars: split.validation.length,
      topChars: basic.top.map(({ char, count }) => ({ char, count })),
      unknownChars,
    },
  };
}

export function sameVocab(a: Vocab, b: Vocab): boolean {
  return a.lowercase === b.lowercase && a.chars.length === b.chars.length && a.chars.every((c, i) => c === b.chars[i]);
}

// Character vocabulary over Unicode code points.
//
// A "character" here is one code point, so an emoji or a CJK ideograph outside the BMP is a single token,
// never half of a UTF-16 surrogate pair. (Grapheme clusters such as a flag or a skin-tone emoji are still
// several code points, hence several tokens — the same choice as char-rnn and Python's `list(str)`.)
//
// Unknown token: U+FFFD '�'. It stands for everything the vocabulary cannot represent —
//   • characters seen fewer than `minCount` times (folded together to keep the softmax small),
//   • lone surrogates (malformed UTF-16; they are replaced by U+FFFD, as TextDecoder would),
//   • a literal U+FFFD in the text (it already means "something unrepresentable").
// So `vocab.unknown` is the index of '�' when the vocabulary has one, and null otherwise.

import { quoteValue } from '../limits';

export const UNKNOWN_CHAR = '\uFFFD';

export interface Vocab {
  /** Index → character (one code point each). Sorted by code point, like Python's `sorted(set(text))`. */
  chars: string[];
  /** Character → index. */
  index: Map<string, number>;
  /** Index of the unknown token '�', or null when nothing is folded into it. */
  unknown: number | null;
  /** How often each index occurred in the text the vocabulary was built from (zeros for a fixed list). */
  counts: number[];
  /** Whether text is lowercased before lookup (encode applies the same transformation). */
  lowercase: boolean;
  /** The minCount the vocabulary was built with (for a fixed list: as given, default 1). */
  minCount: number;
}

export interface BuildVocabOptions {
  /** Lowercase the text first (default false). */
  lowercase?: boolean;
  /** Characters seen fewer times than this fold into the unknown token (default 1: keep everything). */
  minCount?: number;
}

function isLoneSurrogate(ch: string): boolean {
  // `for…of` over a string yields whole code points; a one-unit piece in D800–DFFF is an unpaired half.
  if (ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return c >= 0xd800 && c <= 0xdfff;
}

/** Splits text into code points, replacing lone surrogates with U+FFFD. */
export function codePoints(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) out.push(isLoneSurrogate(ch) ? UNKNOWN_CHAR : ch);
  return out;
}

/** Orders by code point (not UTF-16 unit, which would put astral characters before U+E000–U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  return (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
}

/** Builds the vocabulary of `text`, sorted by code point. */
export function buildVocab(text: string, options: BuildVocabOptions = {}): Vocab {
  const lowercase = options.lowercase ?? false;
  const minCount = options.minCount ?? 1;
  if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be an integer ≥ 1, got ${minCount}`);
  const source = lowercase ? text.toLowerCase() : text;

  const tally = new Map<string, number>();
  for (const ch of codePoints(source)) tally.set(ch, (tally.get(ch) ?? 0) + 1);

  let folded = 0;
  const kept: string[] = [];
  for (const [ch, n] of tally) {
    if (ch === UNKNOWN_CHAR) folded += n;
    else if (n < minCount) folded += n;
    else kept.push(ch);
  }
  if (folded > 0) kept.push(UNKNOWN_CHAR);
  kept.sort(compareCodePoints);

  const index = new Map<string, number>();
  kept.forEach((ch, i) => index.set(ch, i));
  const counts = kept.map((ch) => (ch === UNKNOWN_CHAR ? folded : (tally.get(ch) ?? 0)));
  return {
    chars: kept,
    index,
    unknown: folded > 0 ? (index.get(UNKNOWN_CHAR) ?? null) : null,
    counts,
    lowercase,
    minCount,
  };
}

/**
 * A vocabulary with a fixed order, e.g. a reference file's `vocab` or a saved model's. Each entry must be
 * exactly one code point and entries must be distinct. '�' in the list becomes the unknown token.
 */
export function vocabFromList(list: readonly string[], options: { lowercase?: boolean; minCount?: number } = {}): Vocab {
  const index = new Map<string, number>();
  list.forEach((ch, i) => {
    if (typeof ch !== 'string' || [...ch].length !== 1 || isLoneSurrogate(ch)) {
      throw new Error(`vocabulary entry ${i} must be a single character (one code point), got ${quoteValue(ch)}`);
    }
    if (index.has(ch)) throw new Error(`vocabulary entry ${i} repeats ${describeChar(ch)}`);
    index.set(ch, i);
  });
  return {
    chars: [...list],
    index,
    unknown: index.get(UNKNOWN_CHAR) ?? null,
    counts: list.map(() => 0),
    lowercase: options.lowercase ?? false,
    minCount: options.minCount ?? 1,
  };
}

export interface EncodeOptions {
  /**
   * What to do with a character the vocabulary lacks when it has no unknown token:
   * 'error' (default) throws, 'skip' drops it. With an unknown token, such characters always map to it.
   */
  missing?: 'error' | 'skip';
}

/** Text → token indices (one per code point). */
export function encode(text: string, vocab: Vocab, options: EncodeOptions = {}): Int32Array {
  const chars = codePoints(vocab.lowercase ? text.toLowerCase() : text);
  const out = new Int32Array(chars.length);
  let n = 0;
  for (const ch of chars) {
    const i = vocab.index.get(ch) ?? vocab.unknown;
    if (i !== null) out[n++] = i;
    else if (options.missing !== 'skip') throw new Error(`${describeChar(ch)} is not in the vocabulary`);
  }
  return n === out.length ? out : out.slice(0, n);
}

/** Token indices → text. Throws on an index outside the vocabulary. */
export function decode(tokens: ArrayLike<number>, vocab: Vocab): string {
  const parts = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const ch = vocab.chars[tokens[i]];
    if (ch === undefined) throw new RangeError(`token ${tokens[i]} is outside the vocabulary (size ${vocab.chars.length})`);
    parts[i] = ch;
  }
  return parts.join('');
}

/** Distinct characters of `text` that are not in `vocab` (they would map to '�', be skipped, or fail). */
export function missingChars(text: string, vocab: Vocab): string[] {
  const missing = new Set<string>();
  for (const ch of codePoints(vocab.lowercase ? text.toLowerCase() : text)) {
    if (!vocab.index.has(ch)) missing.add(ch);
  }
  return [...missing].sort(compareCodePoints);
}

/** A readable name for a character in messages: "'a' (U+0061)", "'\n' (U+000A)". */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  // Invisible controls and bidi overrides (which would reorder the rest of the message) are shown escaped.
  const invisible = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c;
  const shown = invisible ? `\\u${hex}` : ch;
  return `'${shown}' (U+${hex})`;
}


// Hostile corpora for the Text lab: NUL bytes, lone surrogates, 10 MB of one character, right-to-left text,
// combining marks, emoji ZWJ sequences, every line ending, and seeded random Unicode soup. Plus hostile
// files (bytes) for the lab's file reader. The core text functions must handle all of them without throwing;
// the worker's corpus check and the file reader must answer with a result or their documented error.
import { FuzzRandom } from './random';

export interface CorpusCase {
  name: string;
  make: () => string;
  /** Large (megabytes): run by hostile-corpus-large.test.ts, once, with the default options. */
  heavy?: boolean;
  /** What the worker's corpus check (prepareCorpus) must do; default 'either'. */
  worker?: 'accepted' | 'refused';
}

/** Pieces of hostile text: each is one "character" a person might see, but many are several code points. */
export const HOSTILE_PIECES = [
  'a', 'Z', ' ', '.', '\n', '\r\n', '\r', '\t',
  '\u0000', '\uD83D', '\uDE00', '😀', '\u{10FFFF}', '\uFFFD', '\uFFFE', '\uFFFF', '\uE000', '\uFEFF',
  '👨‍👩‍👧‍👦', '🏳️‍🌈', '🧑🏽‍💻', '🇫🇷', '👍🏽', '1️⃣',
  'e\u0301', 'é', 'Z\u0336\u0335\u0334', '\u0301',
  'שלום', 'مرحبا', '\u202E', '\u2066', '\u2069', '\u200F', '\u200B', '\u200D',
  'İ', 'ß', 'ſ', 'Σ', 'ǅ', '漢字', '\u2028', '\u2029', '\u007F', '\u0085',
];

const ZALGO_MARKS = Array.from({ length: 0x36f - 0x300 + 1 }, (_, i) => String.fromCharCode(0x300 + i));

function namedCorpora(): CorpusCase[] {
  const c: CorpusCase[] = [];
  const add = (x: CorpusCase) => c.push(x);
  const para = 'The quick brown fox jumps over the lazy dog.\n';

  // ---- NUL bytes.
  add({ name: 'NUL bytes sprinkled through text (1 in 8)', make: () => 'abc\u0000def\n'.repeat(200), worker: 'refused' });
  add({ name: 'one NUL in 10,000 characters', make: () => `${para.repeat(222)}\u0000${para.repeat(1)}`, worker: 'accepted' });
  add({ name: 'only NULs', make: () => '\u0000'.repeat(1000), worker: 'refused' });

  // ---- Lone surrogates (malformed UTF-16).
  add({ name: 'a lone high surrogate', make: () => `${para}\uD83D${para}` });
  add({ name: 'a lone low surrogate', make: () => `${para}\uDE00${para}` });
  add({ name: 'a reversed surrogate pair', make: () => `${para}\uDE00\uD83D${para}` });
  add({ name: 'a high surrogate at the very end', make: () => `${para}\uD83D` });
  add({ name: 'a low surrogate at the very start', make: () => `\uDE00${para}` });
  add({ name: '1,000 lone surrogates', make: () => '\uD800'.repeat(1000), worker: 'refused' });
  add({ name: 'alternating lone halves that never pair', make: () => '\uDC00\uD800'.repeat(500) + para });

  // ---- Size: 10 MB of one character.
  add({ name: '10 MB of one character', make: () => 'a'.repeat(10_000_000), heavy: true, worker: 'accepted' });
  add({ name: '250,000 of one astral character (1 MB of UTF-8)', make: () => '😀'.repeat(250_000), heavy: true, worker: 'accepted' });
  add({ name: 'a 1 M-character line without a line break', make: () => 'abcdefghij'.repeat(100_000), heavy: true, worker: 'accepted' });

  // ---- Scripts and marks.
  add({ name: 'right-to-left text (Hebrew and Arabic)', make: () => 'שלום עולם! مرحبا بالعالم.\n'.repeat(50), worker: 'accepted' });
  add({ name: 'bidi controls: RLO, LRI, PDI, RLM', make: () => `abc\u202Edef\u2066ghi\u2069jkl\u200Fmno\n`.repeat(40), worker: 'accepted' });
  add({ name: 'combining marks (Zalgo: 100 marks on one letter)', make: () => ('Z' + ZALGO_MARKS.slice(0, 100).join('') + ' ').repeat(30), worker: 'accepted' });
  add({ name: 'decomposed and precomposed é side by side', make: () => 'café cafe\u0301\n'.repeat(50), worker: 'accepted' });
  add({ name: 'only combining marks, no base letter', make: () => ZALGO_MARKS.join('').repeat(5), worker: 'accepted' });
  add({ name: 'emoji ZWJ sequences', make: () => '👨‍👩‍👧‍👦 🏳️‍🌈 🧑🏽‍💻 👍🏽 🇫🇷 1️⃣\n'.repeat(40), worker: 'accepted' });
  add({ name: 'a ZWJ sequence cut in half', make: () => '👨‍👩‍'.repeat(100), worker: 'accepted' });
  add({ name: 'regional indicators that pair wrongly', make: () => '🇫🇷🇫'.repeat(100), worker: 'accepted' });
  add({ name: 'casing traps: İ, ß, ſ, final Σ, ǅ', make: () => 'İstanbul STRASSE ſ ΟΔΟΣ ǅ\n'.repeat(40), worker: 'accepted' });
  add({ name: 'noncharacters and private use: U+FFFE, U+FFFF, U+E000, U+10FFFF', make: () => `x\uFFFEy\uFFFFz\uE000w\u{10FFFF}\n`.repeat(30), worker: 'accepted' });
  add({ name: 'a literal U+FFFD among text', make: () => `abc\uFFFDdef\n`.repeat(10) + para.repeat(20) });
  add({ name: 'BOMs at the start and in the middle', make: () => `\uFEFF${para}\uFEFF${para}`.repeat(20), worker: 'accepted' });

  // ---- Line endings.
  add({ name: 'CRLF line endings', make: () => para.replace('\n', '\r\n').repeat(50), worker: 'accepted' });
  add({ name: 'CR-only line endings', make: () => para.replace('\n', '\r').repeat(50), worker: 'accepted' });
  add({ name: 'mixed CRLF, LF, CR, U+2028, U+2029, NEL', make: () => `a\r\nb\nc\rd\u2028e\u2029f\u0085g\n`.repeat(50), worker: 'accepted' });
  add({ name: 'only line breaks', make: () => '\r\n'.repeat(500), worker: 'accepted' });

  // ---- Tiny and degenerate.
  add({ name: 'empty', make: () => '', worker: 'refused' });
  add({ name: 'one character', make: () => 'a', worker: 'refused' });
  add({ name: 'one emoji (two UTF-16 units, one character)', make: () => '😀', worker: 'refused' });
  add({ name: 'two characters', make: () => 'ab', worker: 'accepted' });
  add({ name: 'whitespace only', make: () => ' \t \n ', worker: 'accepted' });

  // ---- Vocabulary bombs.
  add({
    name: 'every BMP code point once (lone surrogates included)',
    make: () => {
      const parts: string[] = [];
      for (let cp = 1; cp < 0x10000; cp++) parts.push(String.fromCharCode(cp));
      return parts.join('');
    },
  });
  add({
    name: '70,000 distinct characters (over the 65,536 vocabulary limit of a model)',
    make: () => {
      const parts: string[] = [];
      for (let cp = 0x20; parts.length < 70_000; cp++) if (cp < 0xd800 || cp > 0xdfff) parts.push(String.fromCodePoint(cp));
      return parts.join('');
    },
    worker: 'accepted',
  });
  return c;
}

/** Every corpus case, in a fixed order, for `seed`. */
export function corpusCases(seed: number): CorpusCase[] {
  const cases = namedCorpora();
  const rnd = new FuzzRandom(seed).fork('unicode soup');
  for (let i = 0; i < 150; i++) {
    const text = rnd.string(rnd.range(0, 400), HOSTILE_PIECES);
    cases.push({ name: `random Unicode soup #${i} (seed ${seed})`, make: () => text });
  }
  return cases;
}

export interface FileCase {
  name: string;
  make: () => Uint8Array;
  /** Read with this byte limit (default: the app's). */
  maxBytes?: number;
  /** The documented problem the reader must report, or 'accepted'. 'either' for random bytes. */
  expect: 'accepted' | 'either' | 'too-large' | 'not-utf8' | 'binary' | 'empty' | 'aborted';
  /** The text an accepted file must decode to. */
  text?: string;
  abort?: boolean;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

/** Hostile files (bytes) for the Text lab's reader. */
export function fileCases(seed: number, maxFileBytes: number): FileCase[] {
  const cases: FileCase[] = [];
  const add = (c: FileCase) => cases.push(c);
  const text = 'hello, wörld 😀\n';
  add({ name: 'valid UTF-8', make: () => utf8(text), expect: 'accepted', text });
  add({ name: 'a UTF-8 BOM is dropped', make: () => concat([0xef, 0xbb, 0xbf], utf8(text)), expect: 'accepted', text });
  add({ name: 'multi-byte characters across read chunks (200 kB of é)', make: () => utf8('é'.repeat(100_000)), expect: 'accepted', text: 'é'.repeat(100_000) });
  add({ name: 'UTF-16LE with a BOM', make: () => concat([0xff, 0xfe], Array.from(text).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])), expect: 'binary' });
  add({ name: 'mostly NUL bytes', make: () => new Uint8Array(5000), expect: 'binary' });
  add({ name: 'a lone continuation byte', make: () => concat(utf8('abc'), [0x80], utf8('def')), expect: 'not-utf8' });
  add({ name: 'an overlong encoding of NUL (C0 80)', make: () => concat(utf8('abc'), [0xc0, 0x80]), expect: 'not-utf8' });
  add({ name: 'an encoded surrogate (ED A0 80)', make: () => concat(utf8('abc'), [0xed, 0xa0, 0x80]), expect: 'not-utf8' });
  add({ name: 'a code point past U+10FFFF (F4 90 80 80)', make: () => concat(utf8('abc'), [0xf4, 0x90, 0x80, 0x80]), expect: 'not-utf8' });
  add({ name: 'a byte 0xFF', make: () => concat(utf8('abc'), [0xff]), expect: 'not-utf8' });
  add({ name: 'truncated in the middle of a character', make: () => concat(utf8('abc'), [0xe2, 0x82]), expect: 'not-utf8' });
  add({ name: 'an empty file', make: () => new Uint8Array(0), expect: 'empty' });
  add({ name: 'only a BOM', make: () => Uint8Array.from([0xef, 0xbb, 0xbf]), expect: 'empty' });
  add({ name: 'one byte over a small limit', make: () => utf8('x'.repeat(101)), maxBytes: 100, expect: 'too-large' });
  add({ name: 'exactly a small limit', make: () => utf8('x'.repeat(100)), maxBytes: 100, expect: 'accepted', text: 'x'.repeat(100) });
  add({ name: `one byte over the app's ${maxFileBytes}-byte limit`, make: () => new Uint8Array(maxFileBytes + 1), expect: 'too-large' });
  add({ name: 'cancelled before reading', make: () => utf8(text), expect: 'aborted', abort: true });
  const rnd = new FuzzRandom(seed).fork('random file bytes');
  for (let i = 0; i < 40; i++) {
    const bytes = rnd.bytes(rnd.range(1, 5000));
    add({ name: `random bytes #${i} (seed ${seed})`, make: () => bytes, expect: 'either' });
  }
  for (let i = 0; i < 20; i++) {
    // Mostly text with a few random bytes: the realistic "almost UTF-8" file.
    const base = utf8('The quick brown fox. Ünïcödé 😀\n'.repeat(20));
    for (let k = rnd.range(1, 4); k > 0; k--) base[rnd.int(base.length)] = rnd.uint32() & 0xff;
    add({ name: `text with a few corrupted bytes #${i} (seed ${seed})`, make: () => base, expect: 'either' });
  }
  return cases;
}

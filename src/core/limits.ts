// The app's size limits on untrusted input, in one place. Every file, paste and link is checked against these
// before any heavy work (splitting, parsing numbers, building models), so a hostile input costs at most one
// cheap scan and ends with a message naming the limit.
//
// Messages about a bad input quote it through quoteValue (below): short, and safe to display.
//
// The modules that enforce them (and must agree with these values; tests/unit/hostile-limits.test.ts checks):
//   csv          src/core/datasets/csv.ts (DEFAULT_CSV_LIMITS) and the Classify lab's file picker
//   sharedLink   src/labs/classify/stateCodec.ts (the `s` parameter of #/classify?s=…)
//   corpus       src/labs/text/corpus/corpusLimits.ts (pastes) and src/labs/text/corpus/readTextFile.ts (files)
//   textModel    src/core/text/tfjs/spec.ts (checkModelSpec / checkTrainSpec), applied to imported models by
//                src/core/text/tfjs/export.ts and topology.ts; file sizes in src/labs/text/persistence/modelFiles.ts

export const LIMITS = {
  /** Points CSV (Classify lab import). */
  csv: {
    /** UTF-8 bytes. Checked before the text is split into lines. */
    maxBytes: 5_000_000,
    /** Data rows (header, blank and comment lines not counted). Checked before any number is parsed. */
    maxRows: 10_000,
  },
  /** Classify lab setup shared as base64url JSON in the link. */
  sharedLink: {
    /** Characters of the `s` parameter. Checked before decoding. */
    maxChars: 400_000,
    /** Points carried by a link (each [x, y, label]). */
    maxPoints: 5_000,
    /** |x| and |y| of a shared point. */
    maxAbsCoordinate: 1e6,
  },
  /** Text lab corpus. */
  corpus: {
    /** Characters (UTF-16 units) the text box accepts; larger texts go through "Open file". */
    maxPasteChars: 5_000_000,
    /** Bytes of an opened file (20 MiB). Checked from the file's size, before reading. */
    maxFileBytes: 20 * 1024 * 1024,
  },
  /** Text models (built, or imported from model.json + weights.bin + text-model.json). */
  textModel: {
    maxLayers: 3,
    maxHidden: 1024,
    maxEmbedding: 1024,
    /** Distinct characters (the softmax width). */
    maxVocab: 65_536,
    maxSeqLength: 1024,
    maxBatchSize: 1024,
    /** Bytes of an imported weights.bin (256 MiB). Checked from the file's size, before reading. */
    maxWeightsFileBytes: 256 * 1024 * 1024,
    /** Bytes of an imported model.json or text-model.json (10 MiB). Checked from the file's size, before reading. */
    maxJsonFileBytes: 10 * 1024 * 1024,
  },
} as const;

/** Most characters of a user's input a message may quote (the rest is elided). */
export const MAX_QUOTED_CHARS = 40;

/** Bidi embedding/override/isolate controls: quoted raw, they reorder the rest of the message on screen. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * A value from an untrusted file or link, as a message may show it: numbers as written, strings quoted and
 * cut to MAX_QUOTED_CHARS with control and bidi characters escaped, anything else named by its kind. Never
 * "[object Object]", never a 100 kB echo.
 */
export function quoteValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'string') {
    const cut = [...value.slice(0, MAX_QUOTED_CHARS * 2)].slice(0, MAX_QUOTED_CHARS).join('');
    // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates; bidi controls it
    // leaves alone, so they are escaped here.
    const shown = JSON.stringify(cut).replace(BIDI_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return cut.length < value.length ? `${shown.slice(0, -1)}…"` : shown;
  }
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'bigint') return String(value).length > MAX_QUOTED_CHARS ? 'a very large integer' : String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

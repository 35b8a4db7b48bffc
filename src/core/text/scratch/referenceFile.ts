// Reads and validates a min-char-rnn reference file (the format of tests/fixtures/minchar_rnn_small.json):
//   { corpus: string, vocab: string[], hidden: int, seq_length: int, learning_rate: number, steps: int,
//     clip?: number (default 5), init: { Wxh [H][V], Whh [H][H], Why [V][H], bh [H], by [V] },
//     losses?, smooth_losses?, final? (expected results, optional) }
// Every problem is reported with the key that holds it, so a hand-edited file is easy to fix.
import { quoteValue } from '../../limits';
import { encode, missingChars, vocabFromList, describeChar, type Vocab } from '../vocab';
import { paramsFromNested, type NestedRnnWeights } from './rnnParams';
import type { MinCharRnnRun } from './minCharRnn';

export class ReferenceFileError extends Error {}

export interface ReferenceFile {
  vocab: Vocab;
  run: MinCharRnnRun;
  hidden: number;
  /** Expected results, when the file has them. */
  expected?: { losses?: number[]; smoothLosses?: number[]; final?: NestedRnnWeights };
}

type Json = Record<string, unknown>;

function fail(message: string): never {
  throw new ReferenceFileError(message);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positiveInt(obj: Json, key: string): number {
  const v = obj[key];
  if (v === undefined) fail(`missing key "${key}"`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(`"${key}" must be a whole number ≥ 1, got ${quoteValue(v)}`);
  return v;
}

function positiveNumber(obj: Json, key: string, fallback?: number): number {
  const v = obj[key];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    fail(`missing key "${key}"`);
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`"${key}" must be a finite number > 0, got ${quoteValue(v)}`);
  return v;
}

function vector(v: unknown, name: string, length: number): number[] {
  if (!Array.isArray(v)) fail(`${name} must be an array of ${length} numbers`);
  if (v.length !== length) fail(`${name} must have ${length} entries, it has ${v.length}`);
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      // A number here is ±Infinity: a literal such as 1e400 that overflowed when parsed.
      fail(`${name}[${i}] is not a finite number (${quoteValue(x)})`);
    }
  });
  return v as number[];
}

function matrix(v: unknown, name: string, rows: number, cols: number, shape: string): number[][] {
  if (!Array.isArray(v)) fail(`${name} must be a ${rows}×${cols} array (${shape})`);
  if (v.length !== rows) fail(`${name} must be ${rows}×${cols} (${shape}); it has ${v.length} rows`);
  return v.map((row, r) => {
    if (Array.isArray(row) && row.length !== cols) fail(`${name} must be ${rows}×${cols} (${shape}); row ${r} has ${row.length} entries`);
    return vector(row, `${name}[${r}]`, cols);
  });
}

export function readWeights(v: unknown, name: string, H: number, V: number): NestedRnnWeights {
  if (!isObject(v)) fail(`missing or malformed "${name}" (an object with Wxh, Whh, Why, bh, by)`);
  for (const key of ['Wxh', 'Whh', 'Why', 'bh', 'by']) if (!(key in v)) fail(`"${name}" is missing "${key}"`);
  return {
    Wxh: matrix(v.Wxh, `${name}.Wxh`, H, V, 'hidden × vocab'),
    Whh: matrix(v.Whh, `${name}.Whh`, H, H, 'hidden × hidden'),
    Why: matrix(v.Why, `${name}.Why`, V, H, 'vocab × hidden'),
    bh: vector(v.bh, `${name}.bh`, H),
    by: vector(v.by, `${name}.by`, V),
  };
}

function optionalSeries(obj: Json, key: string): number[] | undefined {
  if (obj[key] === undefined) return undefined;
  const v = obj[key];
  if (!Array.isArray(v)) fail(`"${key}" must be an array of numbers`);
  return vector(v, `"${key}"`, v.length);
}

/** Parses the file's text. Throws ReferenceFileError naming the problem. */
export function parseReferenceFile(text: string): ReferenceFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(`not valid JSON (${err instanceof Error ? err.message : String(err)}); note that NaN and Infinity are not JSON`);
  }
  if (!isObject(data)) fail('the file must hold a JSON object');

  if (typeof data.corpus !== 'string') fail(data.corpus === undefined ? 'missing key "corpus"' : '"corpus" must be a string');
  if (!Array.isArray(data.vocab)) fail(data.vocab === undefined ? 'missing key "vocab"' : '"vocab" must be an array of characters');
  // Checked here so the message quotes a bad entry safely (short, control and bidi characters escaped).
  (data.vocab as unknown[]).forEach((ch, i) => {
    if (typeof ch !== 'string' || [...ch].length !== 1 || /^[\uD800-\uDFFF]$/.test(ch)) {
      fail(`"vocab": entry ${i} must be a single character (one code point), got ${quoteValue(ch)}`);
    }
  });
  let vocab: Vocab;
  try {
    vocab = vocabFromList(data.vocab as string[]);
  } catch (err) {
    fail(`"vocab": ${err instanceof Error ? err.message : String(err)}`);
  }
  const corpus = data.corpus;
  const outside = missingChars(corpus, vocab);
  if (outside.length > 0) {
    fail(`"corpus" has characters outside "vocab": ${outside.slice(0, 10).map(describeChar).join(', ')}${outside.length > 10 ? ', …' : ''}`);
  }

  const hidden = positiveInt(data, 'hidden');
  const seqLength = positiveInt(data, 'seq_length');
  const learningRate = positiveNumber(data, 'learning_rate');
  const clip = positiveNumber(data, 'clip', 5);
  if (data.steps === undefined) fail('missing key "steps"');
  const steps = data.steps;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) fail(`"steps" must be a whole number ≥ 0, got ${quoteValue(steps)}`);

  const tokens = encode(corpus, vocab);
  if (tokens.length < seqLength + 1) fail(`"corpus" has ${tokens.length} characters; "seq_length" ${seqLength} needs at least ${seqLength + 1}`);

  const V = vocab.chars.length;
  const init = readWeights(data.init, 'init', hidden, V);
  const expected = {
    losses: optionalSeries(data, 'losses'),
    smoothLosses: optionalSeries(data, 'smooth_losses'),
    final: data.final === undefined ? undefined : readWeights(data.final, 'final', hidden, V),
  };
  return {
    vocab,
    hidden,
    run: { tokens, vocabSize: V, seqLength, learningRate, clip, steps, params: paramsFromNested(init) },
    expected,
  };
}

// Corpus checks and the train/validation split. Lengths are in characters (code points), not UTF-16 units.
import { DEFAULT_VALID_FRACTION } from './defaults';
import { codePoints } from './vocab';

/**
 * Why `text` cannot train a model with windows of `seqLength` characters, or null when it can.
 * Training needs at least seqLength + 1 characters: a window of inputs plus the character after it.
 */
export function validateCorpus(text: string, seqLength: number): string | null {
  if (!Number.isInteger(seqLength) || seqLength < 1) return `The window length must be a whole number ≥ 1 (got ${seqLength}).`;
  if (text.length === 0) return 'The corpus is empty. Paste or load some text to train on.';
  const n = codePoints(text).length;
  if (n < seqLength + 1) {
    return `The corpus has ${n} character${n === 1 ? '' : 's'}, but a training window of ${seqLength} needs at least ${seqLength + 1} (the window plus the character after it). Add text or shorten the window.`;
  }
  return null;
}

/**
 * A non-fatal remark about `text`, or null. Decision: a corpus made of one repeated character is allowed —
 * the model is trivially right (a one-way softmax always says p = 1, loss 0, zero gradients) — but the user
 * is told there is nothing to learn.
 */
export function corpusWarning(text: string): string | null {
  const distinct = new Set(codePoints(text));
  if (distinct.size === 1) {
    return 'The corpus uses a single character, so there is nothing to learn: the loss is 0 from the start.';
  }
  return null;
}

export interface TokenSplit {
  /** The first part of the corpus (a view, not a copy). */
  train: Int32Array;
  /** The last `validationFraction` of the corpus (a view); empty when that would be under 2 tokens. */
  validation: Int32Array;
}

/**
 * Splits by position: the last `validationFraction` of the tokens is held out. Position, not random lines,
 * so no validation text leaks into training windows that straddle it. A validation part shorter than two
 * tokens (one input, one target) is useless, so it is dropped and everything trains.
 */
export function splitByPosition(tokens: Int32Array, validationFraction = DEFAULT_VALID_FRACTION): TokenSplit {
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new RangeError(`validationFraction must be in [0, 1), got ${validationFraction}`);
  }
  let nVal = Math.floor(tokens.length * validationFraction);
  if (nVal < 2) nVal = 0;
  const cut = tokens.length - nVal;
  return { train: tokens.subarray(0, cut), validation: tokens.subarray(cut) };
}

// The tokens generation starts from ("the prime"), shared by the worker, the CLI and the Speed lab.
import type { UniformRandom } from './sampling';
import { encode, type Vocab } from './vocab';

export interface PrimeFallback {
  /** Tokens to draw a start from when the prime leaves none (the training text). */
  corpus?: ArrayLike<number>;
  /** Draws the fallback uniformly when given; without it the fallback is deterministic. */
  rng?: UniformRandom;
}

/**
 * `prime` as tokens, never empty. Characters the vocabulary lacks become its unknown token, or are skipped
 * when it has none. When nothing is left (an empty prime, or none of its characters known), generation
 * starts from one token: a corpus token (drawn with `rng`, else the first); without a corpus, '\n' if the
 * vocabulary has it, else a vocabulary entry (drawn with `rng`, else the first).
 */
export function primeTokens(prime: string, vocab: Vocab, fallback: PrimeFallback = {}): Int32Array {
  const tokens = prime ? encode(prime, vocab, { missing: 'skip' }) : new Int32Array(0);
  if (tokens.length) return tokens;
  const { corpus, rng } = fallback;
  const pick = (n: number) => (rng ? Math.floor(rng.next() * n) : 0);
  if (corpus && corpus.length) return Int32Array.of(corpus[pick(corpus.length)]);
  return Int32Array.of(vocab.index.get('\n') ?? pick(vocab.chars.length));
}

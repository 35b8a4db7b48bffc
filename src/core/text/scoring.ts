// How surprised a model is by a text: log-likelihood, bits per character, perplexity, and per-character
// surprise with the model's top guesses (for the page's heat-map and "rank these lines" tools).
//
// Convention for the first character: it has no context, and a model trained on windows always sees a
// character before predicting one, so the first character is context only. Scoring starts from a zero
// state, feeds tokens[0], and scores tokens[1..n−1]; a text of n characters yields n − 1 scores.
// `rankLines` prepends '\n' when the vocabulary has it, so every character of a line is scored as the
// start of a new line would be.
import type { CharStepper } from './engine';
import { encode, missingChars, type Vocab } from './vocab';

export interface CharScore {
  /** Position of the scored character in the token sequence (≥ 1). */
  position: number;
  char: string;
  /** −ln p(char | everything before it), in nats. Infinity when the model gave it probability 0. */
  surprise: number;
  /** The model's five most likely characters at that point, most likely first. */
  top: { char: string; p: number }[];
}

export interface TextScore {
  /** Σ ln p over the scored characters, in nats (≤ 0). */
  totalLogLik: number;
  /** Characters scored (n − 1). */
  scored: number;
  /** −totalLogLik / (scored · ln 2); NaN when nothing was scored. */
  bitsPerChar: number;
  /** exp(−totalLogLik / scored): the effective number of equally likely choices per character. */
  perplexity: number;
  perChar: CharScore[];
}

const TOP_K = 5;

/** Indices of the k largest probabilities, largest first (ties: lower index first). */
function topK(probs: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    if (best.length === k && probs[i] <= probs[best[k - 1]]) continue;
    let j = best.length < k ? best.length : k - 1;
    best[j] = i;
    while (j > 0 && probs[best[j - 1]] < probs[i]) {
      best[j] = best[j - 1];
      best[j - 1] = i;
      j--;
    }
  }
  return best;
}

/** Scores `tokens` under the stepper's model, starting from a zero state (see the convention above). */
export function scoreText(stepper: CharStepper, tokens: ArrayLike<number>, vocab: Vocab): TextScore {
  stepper.reset();
  const perChar: CharScore[] = [];
  let totalLogLik = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const probs = stepper.next(tokens[i]);
    const target = tokens[i + 1];
    const logp = Math.log(probs[target]);
    totalLogLik += logp;
    perChar.push({
      position: i + 1,
      char: vocab.chars[target],
      surprise: -logp,
      top: topK(probs, Math.min(TOP_K, probs.length)).map((j) => ({ char: vocab.chars[j], p: probs[j] })),
    });
  }
  const scored = perChar.length;
  return {
    totalLogLik,
    scored,
    bitsPerChar: scored > 0 ? -totalLogLik / scored / Math.LN2 : NaN,
    perplexity: scored > 0 ? Math.exp(-totalLogLik / scored) : NaN,
    perChar,
  };
}

export interface RankedLine {
  /** The line as given. */
  text: string;
  /** Its position in the input list. */
  index: number;
  bitsPerChar: number;
  perplexity: number;
  totalLogLik: number;
  /** Characters of the line that are not in the vocabulary (scored as '�' if it exists, else skipped). */
  missing: string[];
}

/**
 * Scores each line on its own (fresh state, prefixed with '\n' when the vocabulary has one) and sorts them
 * from most to least likely, i.e. by ascending bits per character. Lines that could not be scored (too
 * short) sort last; ties keep input order.
 */
export function rankLines(stepper: CharStepper, lines: readonly string[], vocab: Vocab): RankedLine[] {
  const newline = vocab.index.get('\n');
  const ranked = lines.map((text, index): RankedLine => {
    const body = encode(text, vocab, { missing: 'skip' });
    const tokens = newline === undefined ? body : Int32Array.of(newline, ...body);
    const score = scoreText(stepper, tokens, vocab);
    const missing = missingChars(text, vocab);
    return { text, index, bitsPerChar: score.bitsPerChar, perplexity: score.perplexity, totalLogLik: score.totalLogLik, missing };
  });
  const key = (r: RankedLine) => (Number.isNaN(r.bitsPerChar) ? Infinity : r.bitsPerChar);
  return ranked.sort((a, b) => key(a) - key(b) || a.index - b.index);
}

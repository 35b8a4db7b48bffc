import { describe, expect, it } from 'vitest';
import type { CharStepper } from '../../src/core/text/engine';
import { rankLines, scoreText } from '../../src/core/text/scoring';
import { encode, vocabFromList } from '../../src/core/text/vocab';

/** Bigram stepper over a, b, c, \n; counts resets so the zero-state convention can be checked. */
class Bigram implements CharStepper {
  readonly vocabSize = 4;
  resets = 0;
  private readonly table = [
    [0.5, 0.25, 0.15, 0.1], // after a
    [0.1, 0.2, 0.6, 0.1], // after b
    [0.25, 0.25, 0.25, 0.25], // after c
    [0.7, 0.2, 0.1, 0], // after \n
  ];
  reset(): void {
    this.resets++;
  }
  next(token: number): Float64Array {
    return Float64Array.from(this.table[token]);
  }
}

const vocab = vocabFromList(['a', 'b', 'c', '\n']);

describe('scoreText', () => {
  it('gives the hand-computed log-likelihood, bits per char and perplexity, scoring from the 2nd char', () => {
    const stepper = new Bigram();
    const s = scoreText(stepper, encode('abc', vocab), vocab);
    expect(stepper.resets).toBe(1);
    // p(b|a) = 0.25, p(c|b) = 0.6
    expect(s.scored).toBe(2);
    expect(s.totalLogLik).toBeCloseTo(Math.log(0.25) + Math.log(0.6), 14);
    expect(s.bitsPerChar).toBeCloseTo((2 - Math.log2(0.6)) / 2, 14);
    expect(s.perplexity).toBeCloseTo(1 / Math.sqrt(0.25 * 0.6), 12);
    expect(s.perChar.map((c) => [c.position, c.char])).toEqual([
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(s.perChar[0].surprise).toBeCloseTo(Math.log(4), 14);
    expect(s.perChar[1].top).toEqual([
      { char: 'c', p: 0.6 },
      { char: 'b', p: 0.2 },
      { char: 'a', p: 0.1 }, // tie with '\n' → lower index first
      { char: '\n', p: 0.1 },
    ]);
  });

  it('handles texts too short to score and impossible characters', () => {
    const one = scoreText(new Bigram(), encode('a', vocab), vocab);
    expect(one.scored).toBe(0);
    expect(one.bitsPerChar).toBeNaN();
    const impossible = scoreText(new Bigram(), encode('\n\n', vocab), vocab);
    expect(impossible.perChar[0].surprise).toBe(Infinity);
  });
});

describe('rankLines', () => {
  it('sorts most to least likely by bits per char, each line scored after a newline', () => {
    const ranked = rankLines(new Bigram(), ['cc', 'ab', 'a', 'x'], vocab);
    // 'ab': p(a|\n) p(b|a) = 0.7·0.25; 'a': 0.7; 'cc': p(c|\n) p(c|c) = 0.1·0.25; 'x' skipped → nothing scored.
    expect(ranked.map((r) => r.text)).toEqual(['a', 'ab', 'cc', 'x']);
    expect(ranked[1].bitsPerChar).toBeCloseTo(-Math.log2(0.7 * 0.25) / 2, 12);
    expect(ranked[3].missing).toEqual(['x']);
    expect(ranked[3].bitsPerChar).toBeNaN();
  });
});

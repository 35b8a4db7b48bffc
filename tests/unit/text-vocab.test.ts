import { describe, expect, it } from 'vitest';
import { buildVocab, decode, encode, missingChars, UNKNOWN_CHAR, vocabFromList } from '../../src/core/text/vocab';
import { corpusWarning, splitByPosition, validateCorpus } from '../../src/core/text/corpus';
import { charStats } from '../../src/core/text/charStats';
import { createBatchSampler } from '../../src/core/text/corpusBatches';
import { seededRandom } from '../../src/core/text/sampling';

describe('vocabulary', () => {
  it('is the sorted set of characters, indexed by position', () => {
    const v = buildVocab('hello world');
    expect(v.chars).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(v.index.get('l')).toBe(4);
    expect(v.counts[4]).toBe(3);
    expect(v.unknown).toBeNull();
    expect(decode(encode('hello world', v), v)).toBe('hello world');
  });

  it('treats an emoji or a CJK ideograph (astral plane) as one token and sorts by code point', () => {
    const text = 'a😀b𠀋c中😀';
    const v = buildVocab(text);
    // Code point order: a b c 中 (U+4E2D) 😀 (U+1F600) 𠀋 (U+2000B) — UTF-16 order would differ.
    expect(v.chars).toEqual(['a', 'b', 'c', '中', '😀', '𠀋']);
    const tokens = encode(text, v);
    expect(Array.from(tokens)).toEqual([0, 4, 1, 5, 2, 3, 4]);
    expect(decode(tokens, v)).toBe(text);
  });

  it('maps lone surrogates to the unknown token instead of crashing', () => {
    const text = 'ab\uD800c\uDFFFa';
    const v = buildVocab(text);
    expect(v.chars).toEqual(['a', 'b', 'c', UNKNOWN_CHAR]);
    expect(v.unknown).toBe(3);
    expect(v.counts[3]).toBe(2);
    expect(decode(encode(text, v), v)).toBe('ab�c�a');
    // A high surrogate at the very end of the string, too.
    expect(decode(encode('a\uD83D', v), v)).toBe('a�');
  });

  it('folds characters rarer than minCount into one unknown token', () => {
    const v = buildVocab('aaabbbcdd x', { minCount: 2 });
    expect(v.chars).toEqual(['a', 'b', 'd', UNKNOWN_CHAR]);
    expect(v.counts).toEqual([3, 3, 2, 3]); // c, ' ', x folded
    expect(decode(encode('abcx', v), v)).toBe('ab��');
  });

  it('lowercases before counting and before encoding when asked', () => {
    const v = buildVocab('AbBa', { lowercase: true });
    expect(v.chars).toEqual(['a', 'b']);
    expect(Array.from(encode('BA', v))).toEqual([1, 0]);
  });

  it('vocabFromList keeps the given order and rejects bad entries', () => {
    const v = vocabFromList(['z', 'a', '😀']);
    expect(Array.from(encode('a😀z', v))).toEqual([1, 2, 0]);
    expect(() => vocabFromList(['a', 'a'])).toThrow(/repeats 'a'/);
    expect(() => vocabFromList(['ab'])).toThrow(/single character/);
    expect(() => vocabFromList(['\uD800'])).toThrow(/single character/);
    expect(vocabFromList(['a', UNKNOWN_CHAR]).unknown).toBe(1);
  });

  it('encode reports, skips or folds characters outside the vocabulary', () => {
    const v = vocabFromList(['a', 'b']);
    expect(() => encode('abc', v)).toThrow(/'c' \(U\+0063\) is not in the vocabulary/);
    expect(Array.from(encode('acb', v, { missing: 'skip' }))).toEqual([0, 1]);
    expect(missingChars('a😀c\n', v)).toEqual(['\n', 'c', '😀']);
    const withUnknown = vocabFromList(['a', UNKNOWN_CHAR]);
    expect(Array.from(encode('ab', withUnknown))).toEqual([0, 1]);
    expect(() => decode([2], v)).toThrow(/outside the vocabulary/);
  });
});

describe('corpus checks and split', () => {
  it('validates empty and too-short corpora with clear messages, counting code points', () => {
    expect(validateCorpus('', 10)).toMatch(/empty/);
    expect(validateCorpus('abcdefghij', 10)).toMatch(/10 characters.*at least 11/);
    expect(validateCorpus('😀😀😀', 3)).toMatch(/3 characters/); // 6 UTF-16 units, 3 characters
    expect(validateCorpus('abcdefghijk', 10)).toBeNull();
  });

  it('allows a single repeated character, with a warning', () => {
    expect(validateCorpus('aaaaaaaaaaaa', 4)).toBeNull();
    expect(corpusWarning('aaaaaaaaaaaa')).toMatch(/single character/);
    expect(corpusWarning('abab')).toBeNull();
  });

  it('splits by position, holding out the tail', () => {
    const tokens = Int32Array.from({ length: 100 }, (_, i) => i);
    const { train, validation } = splitByPosition(tokens);
    expect(train.length).toBe(95);
    expect(Array.from(validation)).toEqual([95, 96, 97, 98, 99]);
    expect(splitByPosition(tokens.subarray(0, 30)).validation.length).toBe(0); // 1 token would be useless
    expect(() => splitByPosition(tokens, 1)).toThrow();
  });

  it('computes stats over code points', () => {
    const s = charStats('aab😀\nb a', 2);
    expect(s.characters).toBe(8);
    expect(s.vocabSize).toBe(5);
    expect(s.lines).toBe(2);
    expect(s.top).toEqual([
      { char: 'a', count: 3, fraction: 3 / 8 },
      { char: 'b', count: 2, fraction: 2 / 8 },
    ]);
  });
});

describe('batch sampler', () => {
  const tokens = Int32Array.from({ length: 50 }, (_, i) => i);

  it('random mode: B×T windows with targets shifted by one, reproducible from the seed', () => {
    const make = () => createBatchSampler(tokens, { batchSize: 4, seqLength: 8, mode: 'random', rng: seededRandom(7) });
    const a = make().next();
    expect(a.inputs.length).toBe(32);
    expect(a.resetState).toBe(true);
    for (let b = 0; b < 4; b++) {
      const start = a.inputs[b * 8];
      expect(start).toBeLessThanOrEqual(50 - 9);
      for (let t = 0; t < 8; t++) {
        expect(a.inputs[b * 8 + t]).toBe(start + t);
        expect(a.targets[b * 8 + t]).toBe(start + t + 1);
      }
    }
    expect(make().next()).toEqual(a);
  });

  it('sequential mode advances by T per lane and wraps like min-char-rnn (p + T + 1 ≥ len)', () => {
    const s = createBatchSampler(tokens, { batchSize: 1, seqLength: 10, mode: 'sequential' });
    const starts: number[] = [];
    const resets: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const b = s.next();
      starts.push(b.inputs[0]);
      resets.push(b.resetState);
      expect(b.targets[9]).toBe(b.inputs[9] + 1);
    }
    // p = 0, 10, 20, 30; at p = 40, 40 + 11 ≥ 50 → back to 0.
    expect(starts).toEqual([0, 10, 20, 30, 0, 10]);
    expect(resets).toEqual([true, false, false, false, true, false]);

    const lanes = createBatchSampler(tokens, { batchSize: 2, seqLength: 5, mode: 'sequential' });
    lanes.next();
    const second = lanes.next();
    expect(second.inputs[0]).toBe(5); // lane 0 at p = 5
    expect(second.inputs[5]).toBe(30); // lane 1 starts at 25
  });

  it('rejects windows that do not fit', () => {
    expect(() => createBatchSampler(tokens, { batchSize: 5, seqLength: 10, mode: 'sequential' })).toThrow(/lower the batch size/);
    expect(() => createBatchSampler(tokens.subarray(0, 5), { batchSize: 1, seqLength: 5, mode: 'random', rng: seededRandom(1) })).toThrow(/too few/);
  });
});

// The helper the validators use to quote untrusted values in messages: whatever it is given, the result is
// short, readable, and safe to display (no raw control or bidi characters, no "[object Object]").
import { describe, expect, it } from 'vitest';
import { MAX_QUOTED_CHARS, quoteValue } from '../../src/core/limits';
import { HOSTILE_VALUES, toLive } from './fuzz/jsonMutator';
import { displayProblem, messageProblem } from './fuzz/outcome';

describe('quoteValue', () => {
  it('quotes every hostile value briefly and safely', () => {
    const values: unknown[] = [...HOSTILE_VALUES.map((h) => toLive(h.value)), 10n ** 60n, Symbol('s'), () => 1, '😀'.repeat(100), 'a\u202Eb', '\uD800'];
    for (const v of values) {
      const q = quoteValue(v);
      expect(messageProblem(`got ${q}`), q).toBeNull();
      expect(displayProblem(`got ${q}`), q).toBeNull();
      expect(q.length).toBeLessThanOrEqual(MAX_QUOTED_CHARS * 6 + 4);
    }
  });

  it('shows numbers as written and strings quoted', () => {
    expect(quoteValue(1.5)).toBe('1.5');
    expect(quoteValue(Number.NaN)).toBe('NaN');
    expect(quoteValue('abc')).toBe('"abc"');
    expect(quoteValue('x'.repeat(100))).toBe(`"${'x'.repeat(MAX_QUOTED_CHARS)}…"`);
    expect(quoteValue('a\u202Eb')).toBe('"a\\u202Eb"');
    expect(quoteValue([1, 2])).toBe('a list of 2 items');
    expect(quoteValue({})).toBe('an object');
  });
});

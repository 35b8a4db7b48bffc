// Orders scored lines from most to least likely. Lines differ in length, so they are ranked by bits per
// character (total log-likelihood would always favour short lines); lines with nothing scored go last.
import type { LineScore } from '../../../workers/textProtocol';

export function rankScores(results: readonly LineScore[]): LineScore[] {
  const key = (s: LineScore) => (Number.isFinite(s.bitsPerChar) ? s.bitsPerChar : Infinity);
  return results
    .map((s, i) => ({ s, i }))
    .sort((a, b) => key(a.s) - key(b.s) || a.i - b.i)
    .map(({ s }) => s);
}

/** Splits the score box into lines to score: blank lines dropped, at most `limit` lines. */
export function linesToScore(text: string, limit = 200): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0)
    .slice(0, limit);
}

/**
 * Pairs each code point of `line` with its per-character score. The worker scores the trailing
 * `perChar.length` code points (the first one is context only when the vocabulary has no '\n'), so the
 * leading ones get `undefined`.
 */
export function alignPerChar<T>(line: string, perChar: readonly T[]): { char: string; score?: T }[] {
  const chars = Array.from(line);
  const offset = Math.max(0, chars.length - perChar.length);
  return chars.map((char, i) => ({ char, score: i >= offset ? perChar[i - offset] : undefined }));
}

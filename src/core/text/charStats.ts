// Character counts of a text: the basis of the corpus summary the Text worker reports (its CorpusStats,
// src/workers/textProtocol.ts) next to the corpus picker.
import { codePoints } from './vocab';

export interface CharStats {
  /** Characters (code points). */
  characters: number;
  /** Distinct characters. */
  vocabSize: number;
  lines: number;
  /** The most frequent characters, most frequent first (ties by code point). */
  top: { char: string; count: number; fraction: number }[];
}

/** Counts code points, distinct characters and lines, and lists the `topN` most frequent characters. */
export function charStats(text: string, topN = 10): CharStats {
  const tally = new Map<string, number>();
  let characters = 0;
  let newlines = 0;
  for (const ch of codePoints(text)) {
    tally.set(ch, (tally.get(ch) ?? 0) + 1);
    characters++;
    if (ch === '\n') newlines++;
  }
  const top = [...tally]
    .sort((a, b) => b[1] - a[1] || (a[0].codePointAt(0) ?? 0) - (b[0].codePointAt(0) ?? 0))
    .slice(0, Math.max(0, topN))
    .map(([char, count]) => ({ char, count, fraction: count / characters }));
  const lines = characters === 0 ? 0 : newlines + (text.endsWith('\n') ? 0 : 1);
  return { characters, vocabSize: tally.size, lines, top };
}

// Summary numbers shown next to the corpus picker.
import { codePoints } from './vocab';

export interface CorpusStats {
  /** Characters (code points). */
  characters: number;
  /** Distinct characters. */
  vocabSize: number;
  lines: number;
  /** The most frequent characters, most frequent first (ties by code point). */
  top: { char: string; count: number; fraction: number }[];
}

export function corpusStats(text: string, topN = 10): CorpusStats {
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

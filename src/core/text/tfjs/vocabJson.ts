// Vocab (src/core/text/vocab.ts) ⇄ its serialisable form in saved models and worker messages.
import { quoteValue } from '../../limits';
import { vocabFromList, type Vocab } from '../vocab';
import type { VocabJson } from './bundle';

export function vocabToJson(vocab: Vocab, minCount: number): VocabJson {
  return { symbols: [...vocab.chars], unknown: vocab.unknown ?? -1, lowercase: vocab.lowercase, minCount };
}

const isSymbol = (ch: unknown): ch is string => typeof ch === 'string' && [...ch].length === 1 && !/^[\uD800-\uDFFF]$/.test(ch);

/**
 * Rebuilds a Vocab (counts are zero); throws when the list is malformed (not a list, duplicates,
 * multi-character entries). `json` may come from a file: every field is checked, and quoted safely.
 */
export function vocabFromJson(json: VocabJson): Vocab {
  const symbols: unknown = json.symbols;
  if (!Array.isArray(symbols) || symbols.length === 0) throw new Error('the vocabulary is empty');
  const bad = symbols.findIndex((ch) => !isSymbol(ch));
  if (bad >= 0) throw new Error(`vocabulary entry ${bad} must be a single character (one code point), got ${quoteValue(symbols[bad])}`);
  const vocab = vocabFromList(symbols as string[], { lowercase: json.lowercase === true });
  if (json.unknown !== -1 && json.unknown !== (vocab.unknown ?? -1)) {
    throw new Error(`the unknown token should be entry ${vocab.unknown ?? -1} ('\uFFFD'), the file says ${quoteValue(json.unknown)}`);
  }
  return vocab;
}

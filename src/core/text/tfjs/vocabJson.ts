// Vocab (src/core/text/vocab.ts) ⇄ its serialisable form in saved models and worker messages.
import { vocabFromList, type Vocab } from '../vocab';
import type { VocabJson } from './bundle';

export function vocabToJson(vocab: Vocab, minCount: number): VocabJson {
  return { symbols: [...vocab.chars], unknown: vocab.unknown ?? -1, lowercase: vocab.lowercase, minCount };
}

/** Rebuilds a Vocab (counts are zero); throws when the list is malformed (duplicates, multi-character entries). */
export function vocabFromJson(json: VocabJson): Vocab {
  if (!Array.isArray(json.symbols) || json.symbols.length === 0) throw new Error('the vocabulary is empty');
  const vocab = vocabFromList(json.symbols, { lowercase: json.lowercase === true });
  if (json.unknown !== -1 && json.unknown !== (vocab.unknown ?? -1)) {
    throw new Error(`the unknown token should be entry ${vocab.unknown ?? -1} ('\uFFFD'), the file says ${json.unknown}`);
  }
  return vocab;
}

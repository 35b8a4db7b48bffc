// Limits on what the corpus panel accepts, and the checks that keep a bad corpus from reaching the worker.

/** Largest paste the text box takes (characters); bigger texts go through "Open file" (up to 20 MB). */
export const MAX_PASTE_CHARS = 5_000_000;

export type CorpusCheck = { ok: true } | { ok: false; message: string };

/** Rejects text that cannot be a corpus before it is sent anywhere. */
export function checkCorpusText(text: string): CorpusCheck {
  if (text.length === 0 || text.trim().length === 0) return { ok: false, message: 'The corpus is empty: paste or open some text first.' };
  return { ok: true };
}

/** A paste of `incoming` characters replacing `selected` of the `current` ones would exceed the limit. */
export function pasteTooLarge(currentLength: number, selectedLength: number, incomingLength: number, limit = MAX_PASTE_CHARS): boolean {
  return currentLength - selectedLength + incomingLength > limit;
}

/**
 * Why training cannot start on this corpus, or undefined when it can. A training window needs T + 1
 * characters (T inputs, each predicting the next), so the training split must be longer than the window.
 */
export function trainingBlocker(trainChars: number | undefined, seqLength: number): string | undefined {
  if (trainChars === undefined) return 'Choose a corpus first.';
  if (trainChars === 0) return 'The corpus is empty.';
  if (trainChars < seqLength + 1) {
    return `The training text (${trainChars.toLocaleString('en-US')} characters) is shorter than one training window (${seqLength + 1}). Use more text or a smaller BPTT window.`;
  }
  return undefined;
}

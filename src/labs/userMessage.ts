// Anything a lab caught, as ErrorNotice's fields: the app's own plain sentences are shown as they are; a worker
// error code gets the catalogue's title, words and next step (src/workers/text/errorMessages.ts); text that
// reads like a library's internals ("Error in oneHot: …", "TypeError: …", "Aborted(OOM)") never becomes the
// headline — it goes behind the details disclosure.
import { describeTextError, describeThrown, looksLikeLibraryText, TEXT_ERROR_MESSAGES, type UserMessage } from '../workers/text/errorMessages';
import type { TextErrorCode } from '../workers/textProtocol';

/** A message already meant for a person (e.g. CorpusRefused). */
export interface CarriesUserMessage {
  user: UserMessage;
}

const CRASHED: Omit<UserMessage, 'detail'> = {
  code: 'internal',
  title: 'The training worker stopped',
  message: 'The background worker that trains the model stopped unexpectedly.',
  next: 'Restart it from the message at the top of the lab; your text and settings are kept.',
};

/** `err` (anything thrown, or a message string) as a person should read it. */
export function userMessageOf(err: unknown): UserMessage {
  const carried = (err as Partial<CarriesUserMessage> | null)?.user;
  if (carried && typeof carried.message === 'string') return carried;
  const code = (err as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  if (code === 'crashed') return { ...CRASHED, detail: text };
  if (typeof code === 'string' && code in TEXT_ERROR_MESSAGES) return describeTextError(code as TextErrorCode, text);
  if (text !== '' && !looksLikeLibraryText(text)) return { code: 'internal', title: '', message: text, next: '', detail: '' };
  return describeThrown(err);
}

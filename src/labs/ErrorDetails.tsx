// For the labs' one-line alerts (Classify's trainer, the Speed race): the headline in plain words — the
// message itself when it is the app's own sentence, the catalogue's words and next step when it reads like a
// library's exception — and that exception behind a "Details (for bug reports)" disclosure.
import { looksLikeLibraryText } from '../workers/text/errorMessages';
import '../ui/ErrorNotice.css';
import { userMessageOf } from './userMessage';

/** What an alert's line says for `text`. */
export function plainHeadline(text: string): string {
  const m = userMessageOf(text);
  return [m.title && `${m.title}.`, m.message, m.next].filter(Boolean).join(' ');
}

/** The technical text, folded away; nothing when `text` is the app's own sentence. */
export function ErrorDetails({ text }: { text: string }) {
  if (!looksLikeLibraryText(text)) return null;
  return (
    <details className="ui-error-details">
      <summary>Details (for bug reports)</summary>
      <pre>{text}</pre>
    </details>
  );
}

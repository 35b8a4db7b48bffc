// What the page says about keeping work across reloads: storage missing or full (once, for autosave and
// saved models together), a corpus too large to keep, and saves made by another tab (last writer wins).
import type { TextSavedMessage } from '../../../storage/tabChannel';
import './persistence.css';

interface Props {
  /** Autosave cannot store (unavailable or full). */
  autosaveProblem?: string;
  /** The saved-models store cannot be opened. */
  modelStoreProblem?: string;
  /** The corpus in use is not kept (too large), or a kept one could not come back. */
  corpusNote?: string;
  otherTab?: TextSavedMessage;
  onDismissOtherTab(): void;
}

const WHAT: Record<string, string> = { settings: 'its settings', corpus: 'its corpus', checkpoint: 'a training checkpoint' };

export function PersistenceNotices({ autosaveProblem, modelStoreProblem, corpusNote, otherTab, onDismissOtherTab }: Props) {
  const storage = autosaveProblem
    ? `${autosaveProblem}${modelStoreProblem ? ' Saving models in the browser is off too: export them as files to keep them.' : ''}`
    : modelStoreProblem;
  return (
    <>
      {storage && (
        <p className="tl-warn tl-notice" role="status" data-testid="text-storage-unavailable">
          {storage}
        </p>
      )}
      {corpusNote && (
        <p className="tl-warn tl-notice" role="status" data-testid="text-autosave-corpus-note">
          {corpusNote}
        </p>
      )}
      {otherTab && (
        <p className="tl-info tl-notice" role="status" data-testid="text-other-tab">
          Another tab saved {WHAT[otherTab.what] ?? 'its work'} for the Text lab at {new Date(otherTab.at).toLocaleTimeString()}. The last tab to save wins: this
          tab’s next save replaces it, and a reload shows whichever saved last.{' '}
          <button type="button" className="tl-link" onClick={onDismissOtherTab}>
            OK
          </button>
        </p>
      )}
    </>
  );
}

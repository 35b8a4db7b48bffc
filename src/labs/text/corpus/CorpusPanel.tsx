// Where the corpus comes from: the embedded default, a pasted text, or a dropped / opened UTF-8 file (read in
// chunks with a progress bar). Corpus options and the worker's statistics are shown by their own components.
import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { MAX_PASTE_CHARS, pasteTooLarge } from './corpusLimits';
import { formatBytes, formatCount } from '../format';
import { readTextFile, TextFileError } from './readTextFile';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { userMessageOf } from '../../userMessage';
import type { UserMessage } from '../../../workers/text/errorMessages';
import './corpus.css';

interface Props {
  /** Name of the corpus in use, e.g. "State of the Union addresses". */
  currentLabel?: string;
  busy: boolean;
  /** Applies a new corpus; rejects with a message to show when it cannot be used (the old one stays). */
  onApply(text: string, label: string): Promise<void>;
  onUseDefault(): Promise<void>;
}

export function CorpusPanel({ currentLabel, busy, onApply, onUseDefault }: Props) {
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string; user?: UserMessage }>();
  const [reading, setReading] = useState<{ name: string; done: number; total: number }>();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | undefined>(undefined);

  const run = async (work: () => Promise<void>) => {
    setMessage(undefined);
    try {
      await work();
    } catch (err) {
      const user = userMessageOf(err);
      setMessage({ kind: 'error', text: user.message, user });
    }
  };

  const openFile = async (file: File) => {
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setReading({ name: file.name, done: 0, total: file.size });
    await run(async () => {
      try {
        const text = await readTextFile(file, {
          signal: abort.signal,
          onProgress: (done, total) => setReading({ name: file.name, done, total }),
        });
        await onApply(text, file.name);
      } catch (err) {
        if (err instanceof TextFileError && err.problem === 'aborted') return;
        throw err instanceof TextFileError ? new Error(`${file.name}: ${err.message} The previous corpus is still in use.`, { cause: err }) : err;
      } finally {
        if (abortRef.current === abort) setReading(undefined);
      }
    });
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const incoming = e.clipboardData.getData('text/plain').length;
    const el = e.currentTarget;
    if (pasteTooLarge(el.value.length, el.selectionEnd - el.selectionStart, incoming)) {
      e.preventDefault();
      setMessage({
        kind: 'error',
        text: `That paste is ${formatCount(incoming)} characters; the text box takes up to ${formatCount(MAX_PASTE_CHARS)}. Open it as a file instead (up to 20 MB). Nothing was changed.`,
      });
    }
  };

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  return (
    <section
      className={`tl-card tl-corpus${dragging ? ' tl-dragging' : ''}`}
      aria-labelledby="tl-corpus-title"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
      data-testid="corpus-panel"
    >
      <h2 id="tl-corpus-title">1 · Corpus</h2>
      <p className="tl-muted" data-testid="corpus-current">
        In use: <strong>{currentLabel ?? 'none yet'}</strong>
      </p>
      <div className="tl-row">
        <button type="button" onClick={() => void run(onUseDefault)} disabled={busy} data-testid="corpus-default">
          Use the built-in corpus (State of the Union)
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="corpus-open">
          Open a .txt file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".txt,text/plain"
          hidden
          data-testid="corpus-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void openFile(file);
          }}
        />
      </div>
      <p className="tl-hint">…or drop a UTF-8 text file anywhere on this card (up to 20 MB).</p>
      {reading && (
        <div className="tl-progress" role="status">
          <label htmlFor="tl-read-progress">
            Reading {reading.name}: {formatBytes(reading.done)} of {formatBytes(reading.total)}
          </label>
          <progress id="tl-read-progress" max={reading.total || 1} value={reading.done} data-testid="corpus-progress" />
          <button type="button" className="tl-link" onClick={() => abortRef.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      <label htmlFor="tl-corpus-text" className="tl-label">
        Paste your own text
      </label>
      <textarea
        id="tl-corpus-text"
        className="tl-textarea"
        rows={5}
        value={draft}
        placeholder="Any text: poems, code, recipes… a few hundred kilobytes learns best."
        spellCheck={false}
        onPaste={onPaste}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (value.length > MAX_PASTE_CHARS) {
            setMessage({ kind: 'error', text: `The text box takes up to ${formatCount(MAX_PASTE_CHARS)} characters; open larger texts as a file.` });
            return;
          }
          setDraft(value);
        }}
        data-testid="corpus-input"
      />
      <div className="tl-row">
        <button type="button" className="tl-primary" onClick={() => void run(() => onApply(draft, 'Pasted text'))} disabled={busy} data-testid="corpus-apply">
          Use pasted text
        </button>
        <span className="tl-muted">{formatCount(draft.length)} characters in the box</span>
      </div>
      {message?.user && <ErrorNotice {...message.user} className="tl-error" testId="corpus-message" />}
      {message && !message.user && (
        <p className={message.kind === 'error' ? 'tl-error' : 'tl-info'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="corpus-message">
          {message.text}
        </p>
      )}
    </section>
  );
}

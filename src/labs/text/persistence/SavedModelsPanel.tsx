// Save the model in the browser (IndexedDB) under a name; list, load, rename and delete saved models;
// export the current model as files and import such files back.
import { ErrorNotice } from '../../../ui/ErrorNotice';
import type { UserMessage } from '../../../workers/text/errorMessages';
import { userMessageOf } from '../../userMessage';
import { useId, useRef, useState } from 'react';
import type { SavedModelMeta } from './modelStore';
import type { SavedModels } from './useModelStore';
import { formatBytes } from '../format';
import './persistence.css';

interface Props {
  store: SavedModels;
  canSave: boolean;
  busy: boolean;
  onSave(name: string): Promise<void>;
  onLoad(id: string): Promise<void>;
  onExportFiles(): Promise<void>;
  onImportFiles(files: File[]): Promise<void>;
}

export function SavedModelsPanel({ store, canSave, busy, onSave, onLoad, onExportFiles, onImportFiles }: Props) {
  const nameId = useId();
  const [name, setName] = useState('My model');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string; user?: UserMessage }>();
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<void>, done?: string) => {
    setMessage(undefined);
    try {
      await work();
      if (done) setMessage({ kind: 'info', text: done });
    } catch (err) {
      const user = userMessageOf(err);
      setMessage({ kind: 'error', text: user.message, user });
    }
  };

  return (
    <section className="tl-card tl-saved" aria-labelledby="tl-saved-title">
      <h2 id="tl-saved-title">Save &amp; load</h2>
      {store.unavailable && <p className="tl-muted">Saving in the browser is unavailable here (see the note at the top); export files instead.</p>}
      <div className="tl-row">
        <label className="tl-field" htmlFor={nameId}>
          <span>Name</span>
          <input id={nameId} type="text" value={name} maxLength={80} onChange={(e) => setName(e.currentTarget.value)} data-testid="text-save-name" />
        </label>
        <button
          type="button"
          className="tl-primary"
          disabled={!canSave || busy || !!store.unavailable || name.trim() === ''}
          onClick={() => void run(() => onSave(name.trim()), `Saved “${name.trim()}”.`)}
          data-testid="text-save"
        >
          Save in browser
        </button>
        <button type="button" disabled={!canSave || busy} onClick={() => void run(onExportFiles)} data-testid="text-export">
          Export files
        </button>
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()} data-testid="text-import">
          Import files…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept=".json,.bin,application/json,application/octet-stream"
          hidden
          data-testid="text-import-files"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (files.length > 0) void run(() => onImportFiles(files), 'Model imported.');
          }}
        />
      </div>
      <p className="tl-hint">Export gives model.json + weights.bin (standard TensorFlow.js files) and text-model.json (vocabulary, settings, loss history). Import takes all of them at once.</p>
      {message?.user && <ErrorNotice {...message.user} className="tl-error" testId="text-saved-message" />}
      {message && !message.user && (
        <p className={message.kind === 'error' ? 'tl-error' : 'tl-info'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="text-saved-message">
          {message.text}
        </p>
      )}
      <ul className="tl-saved-list" data-testid="text-saved-list">
        {store.list.length === 0 && !store.unavailable && <li className="tl-muted">No saved models yet.</li>}
        {store.list.map((m) => (
          <SavedRow key={m.id} meta={m} busy={busy} store={store} onLoad={() => run(() => onLoad(m.id), `Loaded “${m.name}”.`)} onError={(err) => { const user = userMessageOf(err); setMessage({ kind: 'error', text: user.message, user }); }} />
        ))}
      </ul>
    </section>
  );
}

function SavedRow({ meta, busy, store, onLoad, onError }: { meta: SavedModelMeta; busy: boolean; store: SavedModels; onLoad(): Promise<void>; onError(err: unknown): void }) {
  const [renaming, setRenaming] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const act = (work: () => Promise<void>) => work().catch(onError);
  return (
    <li className="tl-saved-row" data-testid="text-saved-item">
      {renaming === undefined ? (
        <span className="tl-saved-name">{meta.name}</span>
      ) : (
        <input
          type="text"
          aria-label={`New name for ${meta.name}`}
          value={renaming}
          maxLength={80}
          autoFocus
          onChange={(e) => setRenaming(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && renaming.trim()) void act(() => store.rename(meta.id, renaming.trim())).then(() => setRenaming(undefined));
            if (e.key === 'Escape') setRenaming(undefined);
          }}
        />
      )}
      <span className="tl-muted">
        {meta.summary} · {formatBytes(meta.bytes)} · {new Date(meta.savedAt).toLocaleString()}
      </span>
      <span className="tl-row">
        <button type="button" disabled={busy} onClick={() => void onLoad()} data-testid="text-saved-load">
          Load
        </button>
        {renaming === undefined ? (
          <button type="button" onClick={() => setRenaming(meta.name)}>
            Rename
          </button>
        ) : (
          <button type="button" disabled={!renaming.trim()} onClick={() => void act(() => store.rename(meta.id, renaming.trim())).then(() => setRenaming(undefined))}>
            Save name
          </button>
        )}
        {confirmDelete ? (
          <>
            <button type="button" className="tl-danger" onClick={() => void act(() => store.remove(meta.id))} data-testid="text-saved-delete-yes">
              Really delete
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirmDelete(true)} data-testid="text-saved-delete">
            Delete
          </button>
        )}
      </span>
    </li>
  );
}

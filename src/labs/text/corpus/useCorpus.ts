// The corpus in use and how it changes: the built-in one, a pasted or opened text, or new corpus options.
// A change may reset the model (when the characters differ), so with a trained model it waits for the user
// to confirm (`pending`). The corpus is autosaved when it is small enough to keep in the browser; `note` says
// when it is not, or when a saved one could not come back.
import { useCallback, useRef, useState } from 'react';
import { formatCount } from '../format';
import type { LabActions } from '../useLabActions';
import type { PendingConfirmState } from '../usePendingConfirm';
import { CorpusRefused } from './corpusRefused';
import { corpusRecord, DEFAULT_SAVED_SETTINGS, MAX_AUTOSAVE_CORPUS_CHARS, type SavedCorpus } from '../persistence/autosaveRecords';
import type { Autosave } from '../persistence/useAutosave';
import type { TextSessionControls } from '../session/textSessionApi';
import type { CorpusOptionsValue } from './CorpusOptions';
import { checkCorpusText } from './corpusLimits';

const DEFAULT_CORPUS_URL = 'corpus/sotu.txt';
const DEFAULT_CORPUS_LABEL = 'State of the Union addresses (built-in)';

export interface PendingCorpus {
  text: string;
  label: string;
  options: CorpusOptionsValue;
  builtin: boolean;
}

interface Deps {
  session: TextSessionControls;
  autosave: Autosave;
  actions: Pick<LabActions, 'setBusy' | 'setError' | 'reportError'>;
  /** The lab's one waiting confirmation (a corpus change waits there). */
  confirmation: PendingConfirmState;
  pauseIfTraining(): Promise<void>;
  /** The draft's window and batch: a corpus that cannot train them is refused when applied. */
  fit: { seqLength: number; batchSize: number };
}

export function useCorpus({ session, autosave, actions, confirmation, pauseIfTraining, fit }: Deps) {
  const [options, setOptions] = useState<CorpusOptionsValue>(DEFAULT_SAVED_SETTINGS.corpusOptions);
  const [label, setLabel] = useState<string>();
  const { setPending } = confirmation;
  const pending = confirmation.pending?.kind === 'corpus' ? confirmation.pending : undefined;
  /** Why the corpus in use won't come back after a reload (too large), or why a saved one did not. */
  const [note, setNote] = useState<string>();
  /** The worker's remarks on the corpus in use (one character, whitespace only, …): it trains, but may surprise. */
  const [remarks, setRemarks] = useState<string[]>([]);
  const { seqLength, batchSize } = fit;
  const textRef = useRef<string | undefined>(undefined);
  const builtinRef = useRef(false);
  const { setBusy, setError, reportError } = actions;
  const { state } = session;
  const hasModel = state.model !== undefined;

  const applyNow = useCallback(
    async (text: string, label: string, options: CorpusOptionsValue, builtin: boolean, checkFit = true) => {
      await pauseIfTraining();
      setBusy('corpus');
      try {
        const hadModel = state.model !== undefined;
        const ev = await session.setCorpus({ text, vocab: options.vocab, validFraction: options.validFraction, fit: checkFit ? { seqLength, batchSize } : undefined });
        setRemarks(ev.notes ?? []);
        textRef.current = text;
        builtinRef.current = builtin;
        setLabel(label);
        setError(undefined);
        setOptions(options);
        const record = corpusRecord(text, label, builtin);
        autosave.saveCorpus(record);
        setNote(
          record.source === 'too-large'
            ? `“${label}” is too large to keep in the browser (${formatCount(text.length)} characters; the limit is ${formatCount(MAX_AUTOSAVE_CORPUS_CHARS)}): after a reload, open it again. Settings and training checkpoints are still saved.`
            : undefined,
        );
        // The model was dropped (other characters): its checkpoint is no longer the current state.
        if (hadModel && !ev.modelKept) autosave.clearCheckpoint();
      } catch (err) {
        throw new CorpusRefused(err);
      } finally {
        setBusy(undefined);
      }
    },
    [pauseIfTraining, session, state.model, autosave, setBusy, setError, seqLength, batchSize],
  );

  /** A new corpus or new options: may reset the model (if the characters differ), so ask when one exists. */
  const apply = useCallback(
    async (text: string, label: string, next: CorpusOptionsValue = options, builtin = false) => {
      const check = checkCorpusText(text);
      if (!check.ok) throw new Error(check.message);
      if (hasModel && state.step > 0) {
        setPending({ kind: 'corpus', text, label, options: next, builtin });
        return;
      }
      await applyNow(text, label, next, builtin);
    },
    [options, hasModel, state.step, applyNow, setPending],
  );

  const loadDefault = useCallback(
    async (next?: CorpusOptionsValue) => {
      const res = await fetch(new URL(DEFAULT_CORPUS_URL, document.baseURI));
      if (!res.ok) throw new Error(`The built-in corpus could not be loaded (HTTP ${res.status}).`);
      await apply(await res.text(), DEFAULT_CORPUS_LABEL, next, true);
    },
    [apply],
  );

  /** New options: a vocabulary change may reset the model (asks first), a new split keeps it. */
  const changeOptions = (next: CorpusOptionsValue) => {
    const text = textRef.current;
    if (!text) {
      setOptions(next);
      return;
    }
    const vocabChanges = next.vocab.lowercase !== options.vocab.lowercase || next.vocab.minCount !== options.vocab.minCount;
    const current = label ?? 'Corpus';
    const builtin = builtinRef.current;
    const run = vocabChanges ? apply(text, current, next, builtin) : applyNow(text, current, next, builtin);
    run.catch(reportError);
  };

  /** After a reload: the saved corpus (or the built-in one when there was none, or it was too large). */
  const restore = async (saved: SavedCorpus | undefined, savedOptions: CorpusOptionsValue) => {
    if (saved?.source === 'text') {
      // Accepted when it was saved: not re-checked against this render's settings (they may not be restored yet).
      await applyNow(saved.text, saved.label, savedOptions, false, false);
      return;
    }
    await loadDefault(savedOptions);
    if (saved?.source === 'too-large') {
      setNote(`Your corpus “${saved.label}” (${formatCount(saved.chars)} characters) was too large to keep in the browser: open it again to continue with it. The built-in corpus is in use meanwhile.`);
    }
  };

  const confirmPending = () => {
    if (!pending) return;
    setPending(undefined);
    applyNow(pending.text, pending.label, pending.options, pending.builtin).catch(reportError);
  };
  const cancelPending = () => setPending(undefined);

  /** The corpus in use (for the Share dialog). */
  const current = () => ({ text: textRef.current, builtin: builtinRef.current });

  return { options, setOptions, label, note, remarks, pending, apply, loadDefault, changeOptions, restore, confirmPending, cancelPending, current };
}

export type CorpusControls = ReturnType<typeof useCorpus>;

// The model and training settings in two copies: `draft` is what the form shows, `applied` is what the model
// was built with. A draft change applies at once when nothing is lost by it (no model yet, the learning rate,
// a move between TensorFlow.js backends that carries the weights); anything else waits for the user to
// confirm a reset (`changes` lists what differs) or to undo it.
import { useCallback, useMemo, useState } from 'react';
import type { EngineChoice } from '../../../workers/textProtocol';
import type { LabActions } from '../useLabActions';
import type { TextSessionControls } from '../session/textSessionApi';
import { DEFAULT_LAB_SETTINGS, engineSwitchNeedsReset, resetRequiringChanges, sanitizeSettings, scratchCompatible, type LabSettings } from './labSettings';

/** The two copies, and their setters (start-up, loading a model and restarting set both). */
export function useLabSettings() {
  const [applied, setApplied] = useState<LabSettings>(DEFAULT_LAB_SETTINGS);
  const [draft, setDraft] = useState<LabSettings>(DEFAULT_LAB_SETTINGS);
  /** Sets both copies: the form shows what the model now is. */
  const setBoth = useCallback((settings: LabSettings) => {
    setApplied(settings);
    setDraft(settings);
  }, []);
  return { applied, setApplied, draft, setDraft, setBoth };
}

export type LabSettingsState = ReturnType<typeof useLabSettings>;

interface EditorDeps {
  settings: LabSettingsState;
  session: TextSessionControls;
  actions: Pick<LabActions, 'guarded' | 'reportError'>;
  workerUp: boolean;
  pauseIfTraining(): Promise<void>;
  /** A fresh model was built: the old checkpoint and the resume offer no longer apply. */
  onFreshModel(): void;
}

/** What the form's edits do: apply now, or wait for a confirmed reset. */
export function useSettingsEditor({ settings, session, actions, workerUp, pauseIfTraining, onFreshModel }: EditorDeps) {
  const { applied, setApplied, draft, setDraft } = settings;
  const { guarded, reportError } = actions;
  const hasModel = session.state.model !== undefined;

  const switchEngine = useCallback(
    async (engine: EngineChoice, carryWeights: boolean) => {
      await pauseIfTraining();
      const bundle = carryWeights && hasModel ? await session.exportModel() : undefined;
      await session.start(engine, bundle);
    },
    [pauseIfTraining, hasModel, session],
  );

  const changes = useMemo(() => (hasModel ? resetRequiringChanges(applied, draft) : []), [hasModel, applied, draft]);
  const engineNeedsReset = hasModel && engineSwitchNeedsReset(applied.engine, draft.engine);

  const change = (raw: LabSettings) => {
    const next = scratchCompatible(sanitizeSettings(raw));
    setDraft(next);
    const lrChanged = next.train.learningRate !== draft.train.learningRate;
    if (lrChanged) {
      setApplied((a) => ({ ...a, train: { ...a.train, learningRate: next.train.learningRate } }));
      if (hasModel && workerUp) session.setLearningRate(next.train.learningRate).catch(reportError);
    }
    const architectureChanges = hasModel ? resetRequiringChanges(applied, next).length > 0 : false;
    if (!hasModel) {
      // Nothing to lose: settings apply now (a new engine starts a new worker).
      setApplied(next);
      if (next.engine !== applied.engine) void guarded('engine', () => switchEngine(next.engine, false));
    } else if (next.engine !== applied.engine && !engineSwitchNeedsReset(applied.engine, next.engine) && !architectureChanges) {
      // Moving between TensorFlow.js backends carries the weights along.
      setApplied((a) => ({ ...a, engine: next.engine }));
      void guarded('engine', () => switchEngine(next.engine, true));
    }
  };

  const confirm = () =>
    guarded('build', async () => {
      await pauseIfTraining();
      if (draft.engine !== applied.engine) await session.start(draft.engine);
      await session.build(draft);
      onFreshModel();
      setApplied(draft);
    });

  const revert = () => setDraft(applied);

  /** Restarts a crashed or lost worker on `engine`, from the newest weights the page holds. */
  const restart = (engine: EngineChoice) =>
    void guarded('restart', async () => {
      const bundle = session.lastBundle();
      session.dismissAlert();
      await session.start(engine, bundle);
      setApplied((a) => ({ ...a, engine }));
      setDraft((d) => ({ ...d, engine }));
    });

  /** Changes wait for a confirmed reset (training is blocked meanwhile). */
  const waiting = changes.length > 0 || engineNeedsReset;

  return { changes, engineNeedsReset, waiting, change, confirm, revert, restart };
}

export type SettingsEditor = ReturnType<typeof useSettingsEditor>;

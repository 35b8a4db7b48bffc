// The Text lab: a character-level RNN / GRU / LSTM language model trained in a Web Worker. This component
// composes the lab's hooks — session (worker), settings (draft vs applied), corpus, autosave and resume
// offer, saved models — and lays out their panels. Anything that would throw away the user's trained model
// asks first, in the page. A reload brings back the corpus and settings, and offers to resume training from
// the last checkpoint.
// The lab's page-wide styles first: each folder's own CSS (imported by its components) comes after them.
import './textLab.css';
// The lab's own labelled inputs share the form controls' field style.
import '../../ui/formFields.css';
import { useCallback, useState } from 'react';
import { CorpusSection } from './corpus/CorpusSection';
import { useCorpus } from './corpus/useCorpus';
import { GeneratePanel } from './generate/GeneratePanel';
import { HowItWorks } from './howItWorks/HowItWorks';
import { InsideSection } from './inside/InsideSection';
import { LabNotices } from './LabNotices';
import { SavedModelsPanel } from './persistence/SavedModelsPanel';
import { useAutosave } from './persistence/useAutosave';
import { useModelLoading } from './persistence/useModelLoading';
import { useModelStore } from './persistence/useModelStore';
import { useResumeOffer } from './persistence/useResumeOffer';
import { useSavedStep } from './persistence/useSavedStep';
import { useSettingsAutosave } from './persistence/useSettingsAutosave';
import { ScorePanel } from './score/ScorePanel';
import { DebugPanel } from './session/DebugPanel';
import { debugOptions } from './session/debugOptions';
import { useTextSession } from './session/useTextSession';
import { SettingsSection } from './settings/SettingsSection';
import { useLabSettings, useSettingsEditor } from './settings/useLabSettings';
import { TrainingSection } from './training/TrainingSection';
import { useTrainingActions } from './training/useTrainingActions';
import { useLabActions } from './useLabActions';
import { useLabStartup } from './useLabStartup';
import { useOutputSettings } from './useOutputSettings';
import { usePendingConfirm } from './usePendingConfirm';

export function TextLab() {
  const [{ debug, checkpointEveryMs }] = useState(debugOptions);
  const autosave = useAutosave();
  const settings = useLabSettings();
  const session = useTextSession({
    checkpointEveryMs,
    // Every exported bundle is the newest checkpoint: periodic while training, and when a run pauses or stops.
    onCheckpoint: (bundle, training) => autosave.saveCheckpoint({ step: bundle.sidecar.step, bundle, training, engine: settings.applied.engine }),
  });
  const store = useModelStore();
  const { state } = session;
  const actions = useLabActions();
  const outputs = useOutputSettings();
  const confirmation = usePendingConfirm();
  const resume = useResumeOffer(autosave);

  const hasModel = state.model !== undefined;
  const markSaved = useSavedStep(hasModel, state.step);
  const workerUp = state.worker === 'running' && state.phase !== 'lost';
  const busy = actions.busy !== undefined;

  const { pause } = session;
  const pauseIfTraining = useCallback(async () => {
    if (state.phase === 'training') await pause();
  }, [state.phase, pause]);
  /** A fresh model: the old checkpoint (if any) is not the current state any more. */
  const onFreshModel = () => {
    autosave.clearCheckpoint();
    resume.withdraw();
  };

  const corpus = useCorpus({ session, autosave, actions, confirmation, pauseIfTraining });
  const editor = useSettingsEditor({ settings, session, actions, workerUp, pauseIfTraining, onFreshModel });
  const training = useTrainingActions({
    session,
    applied: settings.applied,
    settingsWaiting: editor.waiting,
    workerUp,
    actions,
    confirmation,
    pauseIfTraining,
    onFreshModel,
    onReset: autosave.clearCheckpoint,
  });
  const models = useModelLoading({ session, settings, store, autosave, resume, actions, markSaved, pauseIfTraining });

  useLabStartup({ autosave, session, settings, corpus, outputs, resume, actions });
  useSettingsAutosave(autosave, {
    lab: settings.applied,
    corpusOptions: corpus.options,
    temperature: outputs.temperature,
    unit: outputs.unit,
    generate: outputs.generate,
    scoreText: outputs.scoreText,
    race: outputs.race,
  });

  const canUseModel = hasModel && workerUp;
  const vocabSize = state.model?.spec.vocabSize ?? state.corpus?.stats.vocabSize ?? 0;
  const { draft } = settings;

  return (
    <div className="text-lab">
      <header className="tl-header">
        <h1>Text: a character-level language model</h1>
        <p className="tl-muted">
          Give it text, and a recurrent network learns to predict the next character — then writes, completes and scores text in the same style. Training runs in a
          background worker on your GPU or CPU; nothing leaves your browser.
        </p>
      </header>

      <LabNotices
        session={session}
        autosave={autosave}
        modelStoreProblem={store.unavailable}
        corpusNote={corpus.note}
        resume={resume}
        resumeBusy={busy || !workerUp}
        onResume={models.resumeOffered}
        appliedEngine={settings.applied.engine}
        onRestart={editor.restart}
        error={actions.error}
      />

      <div className="tl-layout">
        <div className="tl-col">
          <CorpusSection corpus={corpus} stats={state.corpus?.stats} disabled={busy || !workerUp} />
          <SettingsSection settings={settings} editor={editor} engineBusy={state.worker === 'starting' || actions.busy === 'engine'} />
        </div>
        <div className="tl-col">
          <TrainingSection state={state} training={training} busy={busy} unit={outputs.unit} onUnitChange={outputs.setUnit} />
        </div>
      </div>

      <div className="tl-layout">
        <GeneratePanel
          canGenerate={canUseModel}
          inputs={outputs.generate}
          onInputsChange={outputs.setGenerate}
          temperature={outputs.temperature}
          onTemperatureChange={(t) => {
            outputs.setTemperature(t);
            if (workerUp) session.setSampleTemperature(t).catch(() => undefined);
          }}
          generate={session.generate}
        />
        <ScorePanel canScore={canUseModel} text={outputs.scoreText} onTextChange={outputs.setScoreText} score={session.score} />
      </div>

      <InsideSection session={session} canUse={canUseModel} race={outputs.race} onRace={outputs.setRace} />

      <SavedModelsPanel
        store={store}
        canSave={canUseModel}
        busy={busy && actions.busy !== 'train'}
        onSave={models.save}
        onLoad={models.load}
        onExportFiles={models.exportFiles}
        onImportFiles={models.importFiles}
      />

      <HowItWorks model={draft.model} vocabSize={vocabSize} seqLength={draft.train.seqLength} params={state.model?.params} />
      {debug && <DebugPanel onAction={(a) => session.debug(a).catch(actions.reportError)} />}
    </div>
  );
}

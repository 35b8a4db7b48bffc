// The Text lab: a character-level RNN / GRU / LSTM language model trained in a Web Worker. This component
// composes the lab's hooks — session (worker), settings (draft vs applied), corpus, autosave and resume
// offer, saved models — and lays out their panels. Anything that would throw away the user's trained model
// asks first, in the page. A reload brings back the corpus and settings, and offers to resume training from
// the last checkpoint.
// The lab's page-wide styles first: each folder's own CSS (imported by its components) comes after them.
import './textLab.css';
// The lab's own labelled inputs share the form controls' field style.
import '../../ui/formFields.css';
import { useCallback, useMemo, useState } from 'react';
import { useEmbed } from '../../ui/EmbedContext';
import { ShareDialog, type ShareSetup } from '../../ui/ShareDialog';
import { CorpusSection } from './corpus/CorpusSection';
import { useCorpus } from './corpus/useCorpus';
import { GeneratePanel } from './generate/GeneratePanel';
import { HowItWorks } from './howItWorks/HowItWorks';
import { InsideSection } from './inside/InsideSection';
import { LabNotices } from './LabNotices';
import { draftVerdict } from './preflight/draftVerdict';
import { SavedModelsPanel } from './persistence/SavedModelsPanel';
import { useAutosave } from './persistence/useAutosave';
import { useModelLoading } from './persistence/useModelLoading';
import { useModelStore } from './persistence/useModelStore';
import { useResumeOffer } from './persistence/useResumeOffer';
import { useSavedStep } from './persistence/useSavedStep';
import { useSettingsAutosave } from './persistence/useSettingsAutosave';
import { ScorePanel } from './score/ScorePanel';
import { formatCount } from './format';
import { DebugPanel } from './session/DebugPanel';
import { debugOptions } from './session/debugOptions';
import { useTextSession } from './session/useTextSession';
import { workWords } from './session/workWords';
import { SettingsSection } from './settings/SettingsSection';
import { useLabSettings, useSettingsEditor } from './settings/useLabSettings';
import { TrainingSection } from './training/TrainingSection';
import { useTrainingActions } from './training/useTrainingActions';
import { useLabActions } from './useLabActions';
import { linkCorpus, MAX_LINK_CORPUS_CHARS, textLinkParam } from './shareLink';
import { useLabStartup } from './useLabStartup';
import { useOutputSettings } from './useOutputSettings';
import { usePendingConfirm } from './usePendingConfirm';

export function TextLab() {
  const [{ debug, checkpointEveryMs, autoTimings, wasmThreads }] = useState(debugOptions);
  const autosave = useAutosave();
  const settings = useLabSettings();
  const [checkpoint, setCheckpoint] = useState<{ step: number; at: number }>();
  const session = useTextSession({
    checkpointEveryMs,
    autoTimings,
    wasmThreads,
    // Every exported bundle is the newest checkpoint: periodic while training, when the tab is hidden, and when a
    // run pauses or stops.
    onCheckpoint: (bundle, training) => {
      setCheckpoint({ step: bundle.sidecar.step, at: Date.now() });
      autosave.saveCheckpoint({ step: bundle.sidecar.step, bundle, training, engine: settings.applied.engine });
    },
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

  const corpus = useCorpus({ session, autosave, actions, confirmation, pauseIfTraining, fit: settings.draft.train });
  const editor = useSettingsEditor({ settings, session, actions, workerUp, pauseIfTraining, onFreshModel });
  // Checked before anything is built: a refusal blocks Apply (and Train, which builds the applied settings).
  const verdict = useMemo(() => draftVerdict(settings.draft, state.report, state.corpus?.stats), [settings.draft, state.report, state.corpus?.stats]);
  const training = useTrainingActions({
    session,
    applied: settings.applied,
    settingsWaiting: editor.waiting,
    tooLarge: verdict?.level === 'refuse' ? 'This setting does not fit this engine: see the message under the settings.' : undefined,
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
  // Embedded (`#/text?embed`): no saved models or derivation, and the control groups the link hides are gone.
  const { embed, shows } = useEmbed();
  const shareSetup = (): ShareSetup => {
    const { text, builtin } = corpus.current();
    const carried = linkCorpus(text, corpus.label, builtin);
    const note = carried.source === 'builtin' && !builtin ? `Your corpus is longer than ${formatCount(MAX_LINK_CORPUS_CHARS)} characters, too long for a link: the link uses the built-in corpus.` : undefined;
    return { params: { s: textLinkParam({ lab: settings.applied, corpusOptions: corpus.options, corpus: carried }) }, note };
  };

  return (
    <div className="text-lab">
      <header className="tl-header">
        <h1>Text: a character-level language model</h1>
        {!embed && <ShareDialog lab="text" title="Text lab: a character-level language model learns to write" defaultHeight={900} setup={shareSetup} testId="text-share" />}
        <p className="tl-muted" hidden={embed}>
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
        work={workWords(actions.busy, state, settings)}
        onMeasureAgain={training.measureAgain}
        measureBlocker={training.measureBlocker}
        busy={busy}
      />

      <div className="tl-layout">
        <div className="tl-col">
          {shows('corpus') && <CorpusSection corpus={corpus} stats={state.corpus?.stats} disabled={busy || !workerUp} />}
          {shows('settings') && <SettingsSection settings={settings} editor={editor} engineBusy={state.worker === 'starting' || actions.busy === 'engine'} verdict={verdict} />}
        </div>
        <div className="tl-col">
          <TrainingSection state={state} training={training} busy={busy} unit={outputs.unit} onUnitChange={outputs.setUnit} checkpoint={checkpoint} />
        </div>
      </div>

      <div className="tl-layout">
        {shows('generate') && <GeneratePanel
          canGenerate={canUseModel}
          inputs={outputs.generate}
          onInputsChange={outputs.setGenerate}
          temperature={outputs.temperature}
          onTemperatureChange={(t) => {
            outputs.setTemperature(t);
            if (workerUp) session.setSampleTemperature(t).catch(() => undefined);
          }}
          generate={session.generate}
        />}
        {shows('score') && <ScorePanel canScore={canUseModel} text={outputs.scoreText} onTextChange={outputs.setScoreText} score={session.score} />}
      </div>

      {!embed && <InsideSection session={session} canUse={canUseModel} race={outputs.race} onRace={outputs.setRace} />}

      {!embed && <SavedModelsPanel
        store={store}
        canSave={canUseModel}
        busy={busy && actions.busy !== 'train'}
        onSave={models.save}
        onLoad={models.load}
        onExportFiles={models.exportFiles}
        onImportFiles={models.importFiles}
      />}

      {!embed && <HowItWorks model={draft.model} vocabSize={vocabSize} seqLength={draft.train.seqLength} batchSize={draft.train.batchSize} params={state.model?.params} />}
      {debug && <DebugPanel onAction={(a) => session.debug(a).catch(actions.reportError)} progress={state.progress} />}
    </div>
  );
}

// The Text lab: a character-level RNN / GRU / LSTM language model trained in a Web Worker. This component
// wires the panels to the session (worker), the saved-model store and the autosave, and decides what needs
// confirming: anything that would throw away the user's trained model asks first, in the page. A reload
// brings back the corpus and settings, and offers to resume training from the last checkpoint.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EngineChoice, TextModelBundle } from '../../workers/textProtocol';
import { corpusRecord, DEFAULT_SAVED_SETTINGS, MAX_AUTOSAVE_CORPUS_CHARS, type SavedCheckpoint } from './persistence/autosaveRecords';
import { ConfirmBar } from '../../ui/ConfirmBar';
import { CorpusOptions, type CorpusOptionsValue } from './corpus/CorpusOptions';
import { CorpusPanel } from './corpus/CorpusPanel';
import { CorpusStatsView } from './corpus/CorpusStatsView';
import { checkCorpusText, trainingBlocker } from './corpus/corpusLimits';
import { DebugPanel } from './session/DebugPanel';
import { formatCount } from './format';
import { GeneratePanel, type GenerateInputs } from './generate/GeneratePanel';
import { HowItWorks } from './howItWorks/HowItWorks';
import type { LossUnit } from './training/lossSeries';
import { ModelControls } from './settings/ModelControls';
import { bundleFromFiles, bundleToFiles, describeBundle, downloadFile } from './persistence/modelFiles';
import { PersistenceNotices } from './persistence/PersistenceNotices';
import { ResumePrompt } from './persistence/ResumePrompt';
import { SampleStream } from './generate/SampleStream';
import { SavedModelsPanel } from './persistence/SavedModelsPanel';
import { ScorePanel } from './score/ScorePanel';
import { SessionAlertView } from './session/SessionAlertView';
import { DEFAULT_LAB_SETTINGS, engineSwitchNeedsReset, resetRequiringChanges, sanitizeSettings, scratchCompatible, type LabSettings } from './settings/labSettings';
import { StatusLine } from './session/StatusLine';
import { TrainingCharts } from './training/TrainingCharts';
import { TrainingControls } from './training/TrainingControls';
import { useAutosave } from './persistence/useAutosave';
import { useModelStore } from './persistence/useModelStore';
import { useTextSession } from './session/useTextSession';
import { useUnsavedGuard } from './persistence/useUnsavedGuard';
import { TextWorkerError } from './session/textWorkerClient';
import './text.css';

const DEFAULT_CORPUS_URL = 'corpus/sotu.txt';
const DEFAULT_CORPUS_LABEL = 'State of the Union addresses (built-in)';

type Pending =
  | { kind: 'corpus'; text: string; label: string; options: CorpusOptionsValue; builtin: boolean }
  | { kind: 'reset' };

/** `#/text?debug` shows the fault-injection panel; with it, `ckpt=N` checkpoints every N seconds (tests). */
function debugOptions(): { debug: boolean; checkpointEveryMs?: number } {
  const hash = typeof window !== 'undefined' ? window.location.hash : '';
  const debug = /[?&]debug\b/.test(hash);
  const seconds = Number(/[?&]ckpt=(\d+(?:\.\d+)?)/.exec(hash)?.[1]);
  return { debug, checkpointEveryMs: debug && seconds > 0 ? seconds * 1000 : undefined };
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function settingsFromBundle(bundle: TextModelBundle, engine: EngineChoice): LabSettings {
  const { vocabSize: _vocabSize, ...model } = bundle.sidecar.model;
  return { engine, model, train: { ...bundle.sidecar.train } };
}

export function TextLab() {
  const [{ debug, checkpointEveryMs }] = useState(debugOptions);
  const autosave = useAutosave();
  const [applied, setApplied] = useState<LabSettings>(DEFAULT_LAB_SETTINGS);
  const session = useTextSession({
    checkpointEveryMs,
    // Every exported bundle is the newest checkpoint: periodic while training, and when a run pauses or stops.
    onCheckpoint: (bundle, training) => autosave.saveCheckpoint({ step: bundle.sidecar.step, bundle, training, engine: applied.engine }),
  });
  const store = useModelStore();
  const { state } = session;

  const [draft, setDraft] = useState<LabSettings>(DEFAULT_LAB_SETTINGS);
  const [corpusOptions, setCorpusOptions] = useState<CorpusOptionsValue>(DEFAULT_SAVED_SETTINGS.corpusOptions);
  const [corpusLabel, setCorpusLabel] = useState<string>();
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState<string>();
  const [labError, setLabError] = useState<string>();
  const [unit, setUnit] = useState<LossUnit>('bits');
  const [temperature, setTemperature] = useState(0.8);
  const [genInputs, setGenInputs] = useState<GenerateInputs>(DEFAULT_SAVED_SETTINGS.generate);
  const [scoreText, setScoreText] = useState('');
  /** A checkpoint restored after a reload, offered until the user resumes, loads, discards or starts afresh. */
  const [resume, setResume] = useState<SavedCheckpoint>();
  /** Why the corpus in use won't come back after a reload (too large), or why a saved one did not. */
  const [corpusNote, setCorpusNote] = useState<string>();
  const corpusText = useRef<string | undefined>(undefined);
  const corpusBuiltin = useRef(false);
  /** Step of the model as last saved, exported or loaded: training past it makes leaving the page ask first. */
  const [savedStep, setSavedStep] = useState<number>();

  const hasModel = state.model !== undefined;
  useUnsavedGuard(hasModel && state.step > 0 && state.step !== savedStep);
  const training = state.phase === 'training';
  const workerUp = state.worker === 'running' && state.phase !== 'lost';

  /** Shows an error in the lab's message line; a dead worker is already explained by the session alert. */
  const reportError = useCallback((err: unknown) => {
    if (err instanceof TextWorkerError && err.code === 'crashed') return;
    setLabError(message(err));
  }, []);

  /** Runs an action that must not overlap another, showing its error in the lab's message line. */
  const guarded = useCallback(async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setLabError(undefined);
    try {
      await work();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(undefined);
    }
  }, [reportError]);

  const pauseIfTraining = useCallback(async () => {
    if (state.phase === 'training') await session.pause();
  }, [state.phase, session]);

  // ───────────────────────────── corpus

  const applyCorpusNow = useCallback(
    async (text: string, label: string, options: CorpusOptionsValue, builtin: boolean) => {
      await pauseIfTraining();
      setBusy('corpus');
      try {
        const hadModel = state.model !== undefined;
        const ev = await session.setCorpus({ text, vocab: options.vocab, validFraction: options.validFraction });
        corpusText.current = text;
        corpusBuiltin.current = builtin;
        setCorpusLabel(label);
        setLabError(undefined);
        setCorpusOptions(options);
        const record = corpusRecord(text, label, builtin);
        autosave.saveCorpus(record);
        setCorpusNote(
          record.source === 'too-large'
            ? `“${label}” is too large to keep in the browser (${formatCount(text.length)} characters; the limit is ${formatCount(MAX_AUTOSAVE_CORPUS_CHARS)}): after a reload, open it again. Settings and training checkpoints are still saved.`
            : undefined,
        );
        // The model was dropped (other characters): its checkpoint is no longer the current state.
        if (hadModel && !ev.modelKept) autosave.clearCheckpoint();
      } catch (err) {
        throw new Error(`${message(err)} The previous corpus is still in use.`, { cause: err });
      } finally {
        setBusy(undefined);
      }
    },
    [pauseIfTraining, session, state.model, autosave],
  );

  /** A new corpus or new options: may reset the model (if the characters differ), so ask when one exists. */
  const applyCorpus = useCallback(
    async (text: string, label: string, options: CorpusOptionsValue = corpusOptions, builtin = false) => {
      const check = checkCorpusText(text);
      if (!check.ok) throw new Error(check.message);
      if (hasModel && state.step > 0) {
        setPending({ kind: 'corpus', text, label, options, builtin });
        return;
      }
      await applyCorpusNow(text, label, options, builtin);
    },
    [corpusOptions, hasModel, state.step, applyCorpusNow],
  );

  const loadDefaultCorpus = useCallback(async (options?: CorpusOptionsValue) => {
    const res = await fetch(new URL(DEFAULT_CORPUS_URL, document.baseURI));
    if (!res.ok) throw new Error(`The built-in corpus could not be loaded (HTTP ${res.status}).`);
    await applyCorpus(await res.text(), DEFAULT_CORPUS_LABEL, options, true);
  }, [applyCorpus]);

  const onCorpusOptions = (options: CorpusOptionsValue) => {
    const text = corpusText.current;
    if (!text) {
      setCorpusOptions(options);
      return;
    }
    const vocabChanges = options.vocab.lowercase !== corpusOptions.vocab.lowercase || options.vocab.minCount !== corpusOptions.vocab.minCount;
    const label = corpusLabel ?? 'Corpus';
    const builtin = corpusBuiltin.current;
    const run = vocabChanges ? applyCorpus(text, label, options, builtin) : applyCorpusNow(text, label, options, builtin);
    run.catch(reportError);
  };

  // ───────────────────────────── start-up: what was autosaved (else the defaults), the worker, the corpus

  useEffect(() => {
    // StrictMode (dev) mounts twice: the first run's worker is terminated by the session's cleanup, and
    // its failures must not show up as errors.
    let cancelled = false;
    setBusy('start');
    (async () => {
      try {
        const saved = await autosave.restore();
        if (cancelled) return;
        const settings = saved.settings ?? DEFAULT_SAVED_SETTINGS;
        setApplied(settings.lab);
        setDraft(settings.lab);
        setCorpusOptions(settings.corpusOptions);
        setTemperature(settings.temperature);
        setUnit(settings.unit);
        setGenInputs(settings.generate);
        setScoreText(settings.scoreText);
        if (saved.checkpoint) setResume(saved.checkpoint);
        await session.start(settings.lab.engine);
        if (cancelled) return;
        if (settings.temperature !== DEFAULT_SAVED_SETTINGS.temperature) await session.setSampleTemperature(settings.temperature);
        const corpus = saved.corpus;
        if (corpus?.source === 'text') {
          await applyCorpusNow(corpus.text, corpus.label, settings.corpusOptions, false);
        } else {
          await loadDefaultCorpus(settings.corpusOptions);
          if (corpus?.source === 'too-large') {
            setCorpusNote(`Your corpus “${corpus.label}” (${formatCount(corpus.chars)} characters) was too large to keep in the browser: open it again to continue with it. The built-in corpus is in use meanwhile.`);
          }
        }
      } catch (err) {
        if (!cancelled) reportError(err);
      } finally {
        if (!cancelled) {
          setBusy(undefined);
          // From here on, changes are saved (not before: the defaults above must not overwrite saved work).
          autosave.enable();
        }
      }
    })();
    return () => {
      cancelled = true;
    };
    // Runs once per mount; later engine changes go through switchEngine.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Settings (and what is typed in the generate / score boxes) are saved as they change.
  const { saveSettings } = autosave;
  useEffect(() => {
    saveSettings({ lab: applied, corpusOptions, temperature, unit, generate: genInputs, scoreText });
  }, [saveSettings, applied, corpusOptions, temperature, unit, genInputs, scoreText]);

  // ───────────────────────────── settings

  const switchEngine = useCallback(
    async (engine: EngineChoice, carryWeights: boolean) => {
      await pauseIfTraining();
      const bundle = carryWeights && hasModel ? await session.exportModel() : undefined;
      await session.start(engine, bundle);
    },
    [pauseIfTraining, hasModel, session],
  );

  const settingChanges = useMemo(() => (hasModel ? resetRequiringChanges(applied, draft) : []), [hasModel, applied, draft]);
  const engineNeedsReset = hasModel && engineSwitchNeedsReset(applied.engine, draft.engine);

  const onDraftChange = (raw: LabSettings) => {
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

  const confirmSettings = () =>
    guarded('build', async () => {
      await pauseIfTraining();
      if (draft.engine !== applied.engine) await session.start(draft.engine);
      await session.build(draft);
      autosave.clearCheckpoint();
      setResume(undefined);
      setApplied(draft);
    });

  const revertSettings = () => setDraft(applied);

  // ───────────────────────────── training

  const recovering = state.alert?.recovery?.status === 'restarting';
  const blocker = !workerUp
    ? recovering
      ? 'Restarting the training worker from the last checkpoint…'
      : state.worker === 'crashed' || state.phase === 'lost'
        ? 'The training worker is down: restart it from the message above.'
        : 'Starting the engine…'
    : settingChanges.length > 0 || engineNeedsReset
      ? 'Apply or undo the settings changes first.'
      : trainingBlocker(state.corpus?.stats.trainChars, applied.train.seqLength);

  const onTrain = () =>
    void guarded('train', async () => {
      if (!state.model) {
        await session.build(applied);
        // A fresh model: the old checkpoint (if any) is not the current state any more.
        autosave.clearCheckpoint();
        setResume(undefined);
      }
      setBusy(undefined);
      await session.train();
    });

  const onPause = () => session.pause().catch(reportError);
  const onStop = () => session.stop().catch(reportError);

  // ───────────────────────────── save / load

  const loadBundle = async (bundle: TextModelBundle) => {
    await pauseIfTraining();
    const scratch = bundle.sidecar.engine === 'scratch';
    const running = state.report?.engine;
    const engine: EngineChoice = scratch ? 'scratch' : running === 'scratch' ? 'auto' : applied.engine;
    if (engine !== applied.engine || state.worker !== 'running') await session.start(engine, bundle);
    else await session.importModel(bundle);
    const settings = settingsFromBundle(bundle, engine);
    setApplied(settings);
    setDraft(settings);
    setSavedStep(bundle.sidecar.step);
    setResume(undefined);
    autosave.saveCheckpoint({ step: bundle.sidecar.step, bundle, training: false, engine });
  };

  // ───────────────────────────── resume after a reload

  const onResume = (train: boolean) => {
    const checkpoint = resume;
    if (!checkpoint) return;
    void guarded('resume', async () => {
      await loadBundle(checkpoint.bundle);
      if (!train) return;
      setBusy(undefined);
      await session.train();
    });
  };

  const onDiscardResume = () => {
    setResume(undefined);
    autosave.clearCheckpoint();
  };

  const onRestart = (engine: EngineChoice) =>
    void guarded('restart', async () => {
      const bundle = session.lastBundle();
      session.dismissAlert();
      await session.start(engine, bundle);
      setApplied((a) => ({ ...a, engine }));
      setDraft((d) => ({ ...d, engine }));
    });

  const canUseModel = hasModel && workerUp;
  const vocabSize = state.model?.spec.vocabSize ?? state.corpus?.stats.vocabSize ?? 0;

  return (
    <div className="text-lab">
      <header className="tl-header">
        <h1>Text: a character-level language model</h1>
        <p className="tl-muted">
          Give it text, and a recurrent network learns to predict the next character — then writes, completes and scores text in the same style. Training runs in a
          background worker on your GPU or CPU; nothing leaves your browser.
        </p>
      </header>

      <StatusLine state={state} />
      <PersistenceNotices
        autosaveProblem={autosave.problem}
        modelStoreProblem={store.unavailable}
        corpusNote={corpusNote}
        otherTab={autosave.otherTab}
        onDismissOtherTab={autosave.dismissOtherTab}
      />
      {resume && !hasModel && (
        <ResumePrompt checkpoint={resume} busy={busy !== undefined || !workerUp} onResume={() => onResume(true)} onLoad={() => onResume(false)} onDiscard={onDiscardResume} />
      )}
      {state.alert && (
        <SessionAlertView alert={state.alert} currentEngine={applied.engine} hasWeights={session.lastBundle() !== undefined} onRestart={onRestart} onDismiss={session.dismissAlert} />
      )}
      {labError && (
        <p className="tl-error" role="alert" data-testid="text-error">
          {labError}
        </p>
      )}

      <div className="tl-layout">
        <div className="tl-col">
          <CorpusPanel currentLabel={corpusLabel} busy={busy !== undefined || !workerUp} onApply={(text, label) => applyCorpus(text, label)} onUseDefault={() => loadDefaultCorpus()} />
          {pending?.kind === 'corpus' && (
            <ConfirmBar
              message="The new corpus or options may use different characters; if so, the current model is reset. Save it first if you want to keep it."
              confirmLabel="Use the new corpus"
              cancelLabel="Keep the current corpus"
              testId="text-confirm-corpus"
              onConfirm={() => {
                setPending(undefined);
                applyCorpusNow(pending.text, pending.label, pending.options, pending.builtin).catch(reportError);
              }}
              onCancel={() => setPending(undefined)}
            />
          )}
          <div className="tl-card">
            <CorpusOptions value={corpusOptions} disabled={busy !== undefined || !workerUp} onChange={onCorpusOptions} />
            <CorpusStatsView stats={state.corpus?.stats} />
          </div>
          <ModelControls draft={draft} engineBusy={state.worker === 'starting' || busy === 'engine'} onChange={onDraftChange} />
          {(settingChanges.length > 0 || engineNeedsReset) && (
            <ConfirmBar
              message="These changes need a fresh model: the current weights will be discarded."
              details={[...(draft.engine !== applied.engine ? [`engine: ${applied.engine} → ${draft.engine}`] : []), ...settingChanges.map((c) => c.label)]}
              confirmLabel="Reset the model and apply"
              cancelLabel="Keep the current model"
              testId="text-confirm-settings"
              onConfirm={() => void confirmSettings()}
              onCancel={revertSettings}
            />
          )}
        </div>

        <div className="tl-col">
          <section className="tl-card tl-train" aria-label="Training controls">
            <TrainingControls
              phase={state.phase}
              hasModel={hasModel}
              blocker={blocker}
              busy={busy !== undefined}
              onTrain={onTrain}
              onPause={() => void onPause()}
              onStop={() => void onStop()}
              onReset={() => setPending({ kind: 'reset' })}
            />
            {pending?.kind === 'reset' && (
              <ConfirmBar
                message="Reset the weights to random values? The training so far is lost unless you saved it."
                confirmLabel="Reset weights"
                cancelLabel="Cancel"
                testId="text-confirm-reset"
                onConfirm={() => {
                  setPending(undefined);
                  void guarded('reset', async () => {
                    await pauseIfTraining();
                    await session.reset();
                    autosave.clearCheckpoint();
                  });
                }}
                onCancel={() => setPending(undefined)}
              />
            )}
          </section>
          <TrainingCharts state={state} unit={unit} onUnitChange={setUnit} />
          <SampleStream samples={state.samples} training={training} />
        </div>
      </div>

      <div className="tl-layout">
        <GeneratePanel
          canGenerate={canUseModel}
          inputs={genInputs}
          onInputsChange={setGenInputs}
          temperature={temperature}
          onTemperatureChange={(t) => {
            setTemperature(t);
            if (workerUp) session.setSampleTemperature(t).catch(() => undefined);
          }}
          generate={session.generate}
        />
        <ScorePanel canScore={canUseModel} text={scoreText} onTextChange={setScoreText} score={session.score} />
      </div>

      <SavedModelsPanel
        store={store}
        canSave={canUseModel}
        busy={busy !== undefined && busy !== 'train'}
        onSave={async (name) => {
          const bundle = await session.exportModel();
          await store.save(name, describeBundle(bundle), bundle);
          setSavedStep(bundle.sidecar.step);
        }}
        onLoad={async (id) => loadBundle(await store.load(id))}
        onExportFiles={async () => {
          const bundle = await session.exportModel();
          for (const file of bundleToFiles(bundle)) downloadFile(file);
          setSavedStep(bundle.sidecar.step);
        }}
        onImportFiles={async (files) => loadBundle(await bundleFromFiles(files))}
      />

      <HowItWorks model={draft.model} vocabSize={vocabSize} seqLength={draft.train.seqLength} params={state.model?.params} />
      {debug && <DebugPanel onAction={(a) => session.debug(a).catch(reportError)} />}
    </div>
  );
}

// Moving a model in and out of the lab: loading a bundle (from the browser's store, from files, or the
// checkpoint offered after a reload), saving it in the browser, and exporting it as files. A loaded model
// becomes the applied settings and the newest checkpoint; a saved or exported one no longer needs a warning
// before the page closes.
import type { EngineChoice, TextModelBundle } from '../../../workers/textProtocol';
import type { TextSessionControls } from '../session/textSessionApi';
import type { LabSettings } from '../settings/labSettings';
import type { LabSettingsState } from '../settings/useLabSettings';
import type { LabActions } from '../useLabActions';
import { bundleFromFiles, bundleToFiles, describeBundle, downloadFile } from './modelFiles';
import type { Autosave } from './useAutosave';
import type { SavedModels } from './useModelStore';
import type { ResumeOffer } from './useResumeOffer';

function settingsFromBundle(bundle: TextModelBundle, engine: EngineChoice): LabSettings {
  const { vocabSize: _vocabSize, ...model } = bundle.sidecar.model;
  return { engine, model, train: { ...bundle.sidecar.train } };
}

interface Deps {
  session: TextSessionControls;
  settings: LabSettingsState;
  store: SavedModels;
  autosave: Autosave;
  resume: ResumeOffer;
  actions: Pick<LabActions, 'guarded' | 'setBusy'>;
  markSaved(step: number): void;
  pauseIfTraining(): Promise<void>;
}

export function useModelLoading({ session, settings, store, autosave, resume, actions, markSaved, pauseIfTraining }: Deps) {
  const { state } = session;

  const loadBundle = async (bundle: TextModelBundle) => {
    await pauseIfTraining();
    const scratch = bundle.sidecar.engine === 'scratch';
    const running = state.report?.engine;
    const engine: EngineChoice = scratch ? 'scratch' : running === 'scratch' ? 'auto' : settings.applied.engine;
    if (engine !== settings.applied.engine || state.worker !== 'running') await session.start(engine, bundle);
    else await session.importModel(bundle);
    settings.setBoth(settingsFromBundle(bundle, engine));
    markSaved(bundle.sidecar.step);
    resume.withdraw();
    autosave.saveCheckpoint({ step: bundle.sidecar.step, bundle, training: false, engine });
  };

  /** Takes up the checkpoint offered after a reload, and trains on from it when `train`. */
  const resumeOffered = (train: boolean) => {
    const checkpoint = resume.offer;
    if (!checkpoint) return;
    void actions.guarded('resume', async () => {
      await loadBundle(checkpoint.bundle);
      if (!train) return;
      // On Auto, measure (or reuse the kept choice) before training on, as the Train button does.
      if (!(await session.settleAuto(checkpoint.bundle.sidecar.model, checkpoint.bundle.sidecar.train))) return;
      actions.setBusy(undefined);
      await session.train();
    });
  };

  const save = async (name: string) => {
    const bundle = await session.exportModel();
    await store.save(name, describeBundle(bundle), bundle);
    markSaved(bundle.sidecar.step);
  };

  const exportFiles = async () => {
    const bundle = await session.exportModel();
    for (const file of bundleToFiles(bundle)) downloadFile(file);
    markSaved(bundle.sidecar.step);
  };

  /** Loading shows in the lab's work line (and keeps other actions waiting); errors go to the caller. */
  const loading = async (work: () => Promise<void>) => {
    actions.setBusy('load');
    try {
      await work();
    } finally {
      actions.setBusy(undefined);
    }
  };
  const load = (id: string) => loading(async () => loadBundle(await store.load(id)));
  const importFiles = (files: File[]) => loading(async () => loadBundle(await bundleFromFiles(files)));

  return { resumeOffered, save, exportFiles, load, importFiles };
}

export type ModelLoading = ReturnType<typeof useModelLoading>;

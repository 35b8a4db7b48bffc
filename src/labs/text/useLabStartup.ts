// Start-up of the lab, once per mount: what was autosaved (else the defaults) is put in place — settings,
// corpus options, output settings, the resume offer — then the worker starts on the saved engine and the
// corpus comes in. Only then is the autosave enabled, so the defaults never overwrite saved work.
import { useEffect } from 'react';
import { useLatestCallback } from '../../ui/useLatestCallback';
import type { CorpusControls } from './corpus/useCorpus';
import { DEFAULT_SAVED_SETTINGS } from './persistence/autosaveRecords';
import type { Autosave } from './persistence/useAutosave';
import type { ResumeOffer } from './persistence/useResumeOffer';
import type { TextSessionControls } from './session/textSessionApi';
import type { LabSettingsState } from './settings/useLabSettings';
import type { LabActions } from './useLabActions';
import type { OutputSettings } from './useOutputSettings';

interface Deps {
  autosave: Autosave;
  session: TextSessionControls;
  settings: LabSettingsState;
  corpus: CorpusControls;
  outputs: OutputSettings;
  resume: ResumeOffer;
  actions: Pick<LabActions, 'setBusy' | 'reportError'>;
}

export function useLabStartup({ autosave, session, settings, corpus, outputs, resume, actions }: Deps): void {
  // Called once, from the mount effect below, with that render's values (later engine changes go through
  // the settings editor). `cancelled` turns true when the effect is cleaned up.
  const startUp = useLatestCallback((cancelled: () => boolean) => {
    const { setBusy, reportError } = actions;
    setBusy('start');
    void (async () => {
      try {
        const saved = await autosave.restore();
        if (cancelled()) return;
        const restored = saved.settings ?? DEFAULT_SAVED_SETTINGS;
        settings.setBoth(restored.lab);
        corpus.setOptions(restored.corpusOptions);
        outputs.restore(restored);
        if (saved.checkpoint) resume.setOffer(saved.checkpoint);
        await session.start(restored.lab.engine);
        if (cancelled()) return;
        if (restored.temperature !== DEFAULT_SAVED_SETTINGS.temperature) await session.setSampleTemperature(restored.temperature);
        await corpus.restore(saved.corpus, restored.corpusOptions);
      } catch (err) {
        if (!cancelled()) reportError(err);
      } finally {
        if (!cancelled()) {
          setBusy(undefined);
          // From here on, changes are saved (not before: the defaults above must not overwrite saved work).
          autosave.enable();
        }
      }
    })();
  });

  useEffect(() => {
    // StrictMode (dev) mounts twice: the first run's worker is terminated by the session's cleanup, and
    // its failures must not show up as errors.
    let cancelled = false;
    startUp(() => cancelled);
    return () => {
      cancelled = true;
    };
  }, [startUp]);
}

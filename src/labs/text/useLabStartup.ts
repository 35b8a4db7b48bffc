// Start-up of the lab, once per mount: what was autosaved (else the defaults) is put in place — settings,
// corpus options, output settings, the resume offer — then the worker starts on the saved engine and the
// corpus comes in (a shared link's settings and corpus replace the saved ones). Only then is the autosave enabled, so the defaults never overwrite saved work.
import { useEffect } from 'react';
import { useLatestCallback } from '../../ui/useLatestCallback';
import type { CorpusControls } from './corpus/useCorpus';
import { DEFAULT_SAVED_SETTINGS } from './persistence/autosaveRecords';
import { textLinkFromHash } from './shareLink';
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
        // A shared link (`#/text?s=…`) wins over the saved settings and corpus (and its model is a fresh one).
        const link = textLinkFromHash(window.location.hash);
        const shared = link?.ok ? link.value : undefined;
        const lab = shared?.lab ?? restored.lab;
        const corpusOptions = shared?.corpusOptions ?? restored.corpusOptions;
        settings.setBoth(lab);
        corpus.setOptions(corpusOptions);
        outputs.restore(restored);
        if (saved.checkpoint && !shared) resume.setOffer(saved.checkpoint);
        await session.start(lab.engine);
        if (cancelled()) return;
        if (restored.temperature !== DEFAULT_SAVED_SETTINGS.temperature) await session.setSampleTemperature(restored.temperature);
        const sharedCorpus = shared && (shared.corpus.source === 'text' ? shared.corpus : { source: 'builtin' as const, label: '' });
        await corpus.restore(sharedCorpus ?? saved.corpus, corpusOptions);
        if (link && !link.ok && !cancelled()) reportError(new Error(`${link.error} Your own setup was kept.`));
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

// "Resume from step N": the last run's checkpoint, offered when it was taken on the same network and data
// as the lab restored, and withdrawn as soon as either changes (it would no longer fit). Resuming rebuilds
// the main run from the checkpoint's weights, update count and history; starting over forgets it.
import { useEffect, useState } from 'react';
import type { ClassifyCheckpoint } from './checkpoint';
import type { ClassifyStore } from './persistence';
import { MAIN_RUN, type MainRun } from './useMainRun';
import type { Trainer } from './useTrainer';

export interface ResumeOffer {
  /** The checkpoint on offer, or null (none, answered or withdrawn). */
  offer: ClassifyCheckpoint | null;
  resume: () => void;
  startOver: () => void;
}

interface Args {
  /** The restored checkpoint, if any. */
  checkpoint: ClassifyCheckpoint | null;
  /** checkpointKey() of the lab's network and data now. */
  currentKey: string;
  /** Called once the offer is answered either way: training may start. */
  onAnswered: () => void;
}

/** The checkpoint worth offering at start: one with progress, taken on the setup the lab restored. */
export function initialOffer(checkpoint: ClassifyCheckpoint | null, currentKey: string): ClassifyCheckpoint | null {
  return checkpoint && checkpoint.iteration > 0 && checkpoint.key === currentKey ? checkpoint : null;
}

export function useResumeOffer(
  trainer: Pick<Trainer, 'requests' | 'clearHistory' | 'seedHistory'>,
  run: Pick<MainRun, 'shape' | 'settings'>,
  store: ClassifyStore,
  { checkpoint, currentKey, onAnswered }: Args,
): ResumeOffer {
  const [offer, setOffer] = useState(() => initialOffer(checkpoint, currentKey));
  // Once the network or the data changes, the offered checkpoint no longer fits: withdraw the offer.
  useEffect(() => {
    if (offer && offer.key !== currentKey) setOffer(null);
  }, [offer, currentKey]);

  const resume = () => {
    if (!offer) return;
    trainer.clearHistory(MAIN_RUN);
    trainer.seedHistory(MAIN_RUN, offer.history);
    trainer.requests.setup(MAIN_RUN, { ...run.shape, settings: run.settings }, { params: offer.params, iteration: offer.iteration });
    setOffer(null);
    onAnswered();
  };
  const startOver = () => {
    setOffer(null);
    onAnswered();
    void store.clearCheckpoint();
  };
  return { offer, resume, startOver };
}

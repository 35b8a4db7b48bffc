// Checkpoints of the main training run (checkpoint.ts): every CHECKPOINT_EVERY_MS while it trains, on every
// pause, and when the page is hidden (a reload or a closed tab). Not while a resume offer is unanswered:
// that would overwrite the checkpoint on offer. Never of non-finite weights.
import { useEffect, useEffectEvent } from 'react';
import { CHECKPOINT_EVERY_MS } from '../../core/checkpoints';
import { paramsAreFinite } from '../../core/mlp/params';
import { MAX_CHECKPOINT_HISTORY } from './checkpoint';
import type { ClassifyStore } from './persistence';
import { MAIN_RUN } from './useMainRun';
import type { Trainer } from './useTrainer';

/** Checkpoints while training: at least this often, and on every pause. */
/** After a pause the worker's last snapshot arrives just after the pause request: wait this long for it. */
const AFTER_PAUSE_MS = 500;

interface Args {
  /** checkpointKey() of the network and data being trained. */
  currentKey: string;
  training: boolean;
  /** A resume offer waits for an answer: take none. */
  holding: boolean;
}

export function useCheckpoints(trainer: Pick<Trainer, 'snapshots' | 'status'>, store: ClassifyStore, { currentKey, training, holding }: Args): void {
  const takeCheckpoint = useEffectEvent(() => {
    const snap = trainer.snapshots.current.get(MAIN_RUN);
    if (!snap || snap.iteration === 0 || holding || !paramsAreFinite(snap.params)) return;
    void store.saveCheckpoint({
      key: currentKey,
      iteration: snap.iteration,
      params: snap.params,
      history: (trainer.status.get(MAIN_RUN)?.history ?? []).slice(-MAX_CHECKPOINT_HISTORY),
    });
  });

  useEffect(() => {
    if (!training) {
      const t = window.setTimeout(() => takeCheckpoint(), AFTER_PAUSE_MS);
      return () => window.clearTimeout(t);
    }
    const id = window.setInterval(() => takeCheckpoint(), CHECKPOINT_EVERY_MS);
    return () => window.clearInterval(id);
  }, [training]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') takeCheckpoint();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => document.removeEventListener('visibilitychange', onHide);
  }, []);
}

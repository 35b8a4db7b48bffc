// Train / pause / stop / reset for the training card, and why training can't start right now (worker down or
// restarting, settings waiting for a confirmed reset, no usable corpus). Training with no model builds one
// from the applied settings first: a fresh model, so the old checkpoint and the resume offer no longer apply.
// On Auto, the backends are measured for the model's shape first (session.settleAuto), so the model is built
// on the fastest one; "Measure again" (measureAgain) times them anew while training is not running.
import { trainingBlocker } from '../corpus/corpusLimits';
import type { TextSessionControls } from '../session/textSessionApi';
import type { LabSettings } from '../settings/labSettings';
import type { LabActions } from '../useLabActions';
import type { PendingConfirmState } from '../usePendingConfirm';

interface Deps {
  session: TextSessionControls;
  applied: LabSettings;
  /** Settings changes wait for a confirmed reset. */
  settingsWaiting: boolean;
  /** Why the applied settings cannot be built here (the resource check refused them), if so. */
  tooLarge?: string;
  workerUp: boolean;
  actions: Pick<LabActions, 'guarded' | 'setBusy' | 'reportError'>;
  confirmation: PendingConfirmState;
  pauseIfTraining(): Promise<void>;
  /** A fresh model was built, or the weights were reset. */
  onFreshModel(): void;
  /** The weights were reset: the checkpoint no longer holds the current state. */
  onReset(): void;
}

export function useTrainingActions({ session, applied, settingsWaiting, tooLarge, workerUp, actions, confirmation, pauseIfTraining, onFreshModel, onReset }: Deps) {
  const { state } = session;
  const { guarded, setBusy, reportError } = actions;
  const recovering = state.alert?.recovery?.status === 'restarting';
  const blocker = !workerUp
    ? recovering
      ? 'Restarting the training worker from the last checkpoint…'
      : state.worker === 'crashed' || state.phase === 'lost'
        ? 'The training worker is down: restart it from the message above.'
        : 'Starting the engine…'
    : settingsWaiting
      ? 'Apply or undo the settings changes first.'
      : !state.model && tooLarge
        ? tooLarge
        : trainingBlocker(state.corpus?.stats.trainChars, applied.train.seqLength);

  /** The model training would run: the built one, or the applied settings on the corpus's vocabulary. */
  const shape = () => (state.model ? { model: state.model.spec, train: state.model.train } : { model: { ...applied.model, vocabSize: state.corpus?.stats.vocabSize ?? 0 }, train: applied.train });

  const train = () =>
    void guarded('train', async () => {
      const { model, train } = shape();
      if (!(await session.settleAuto(model, train))) return;
      if (!state.model) {
        await session.build(applied);
        onFreshModel();
      }
      setBusy(undefined);
      await session.train();
    });

  const pause = () => void session.pause().catch(reportError);
  const stop = () => void session.stop().catch(reportError);

  const resetAsked = confirmation.pending?.kind === 'reset';
  const askReset = () => confirmation.setPending({ kind: 'reset' });
  const cancelReset = () => confirmation.setPending(undefined);
  const confirmReset = () => {
    confirmation.setPending(undefined);
    void guarded('reset', async () => {
      await pauseIfTraining();
      await session.reset();
      onReset();
    });
  };

  const measureAgain = () =>
    void guarded('measure', async () => {
      const { model, train } = shape();
      await session.settleAuto(model, train, true);
    });
  /** Why "Measure again" can't run now, if so. */
  const measureBlocker = state.phase === 'training' ? 'Pause training to measure again.' : blocker;

  return { blocker, train, pause, stop, resetAsked, askReset, cancelReset, confirmReset, measureAgain, measureBlocker };
}

export type TrainingActions = ReturnType<typeof useTrainingActions>;

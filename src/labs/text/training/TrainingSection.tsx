// The training column: the controls (with the reset confirmation), the loss charts and read-outs, and the
// samples streamed while training.
import { ConfirmBar } from '../../../ui/ConfirmBar';
import { SampleStream } from '../generate/SampleStream';
import type { SessionState } from '../session/sessionState';
import type { LossUnit } from './lossSeries';
import { TrainingCharts } from './TrainingCharts';
import { BackgroundNote } from './BackgroundNote';
import { TrainingControls } from './TrainingControls';
import type { TrainingActions } from './useTrainingActions';

interface Props {
  state: SessionState;
  training: TrainingActions;
  busy: boolean;
  unit: LossUnit;
  onUnitChange(unit: LossUnit): void;
  /** The newest checkpoint the page took (step, wall-clock time). */
  checkpoint?: { step: number; at: number };
}

export function TrainingSection({ state, training, busy, unit, onUnitChange, checkpoint }: Props) {
  return (
    <>
      <section className="tl-card tl-train" aria-label="Training controls">
        <TrainingControls
          phase={state.phase}
          hasModel={state.model !== undefined}
          blocker={training.blocker}
          busy={busy}
          onTrain={training.train}
          onPause={training.pause}
          onStop={training.stop}
          onReset={training.askReset}
        />
        <BackgroundNote training={state.phase === 'training'} checkpoint={checkpoint} />
        {training.resetAsked && (
          <ConfirmBar
            message="Reset the weights to random values? The training so far is lost unless you saved it."
            confirmLabel="Reset weights"
            cancelLabel="Cancel"
            testId="text-confirm-reset"
            onConfirm={training.confirmReset}
            onCancel={training.cancelReset}
          />
        )}
      </section>
      <TrainingCharts state={state} unit={unit} onUnitChange={onUnitChange} />
      <SampleStream samples={state.samples} training={state.phase === 'training'} />
    </>
  );
}

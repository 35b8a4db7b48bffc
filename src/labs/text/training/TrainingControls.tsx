// Start / pause / resume / stop / reset, each disabled with a visible reason when it can't act.
import type { SessionPhase } from '../../../workers/textProtocol';
import './training.css';

interface Props {
  phase: SessionPhase;
  hasModel: boolean;
  /** Why training can't start (no corpus, corpus too short, worker down…), or undefined. */
  blocker?: string;
  busy: boolean;
  onTrain(): void;
  onPause(): void;
  onStop(): void;
  onReset(): void;
}

export function TrainingControls({ phase, hasModel, blocker, busy, onTrain, onPause, onStop, onReset }: Props) {
  const training = phase === 'training';
  const resumable = hasModel && (phase === 'paused' || phase === 'stopped' || phase === 'ready');
  const trainLabel = !hasModel ? 'Train' : phase === 'paused' ? 'Resume' : phase === 'stopped' ? 'Continue training' : 'Train';
  return (
    <div className="tl-controls" role="group" aria-label="Training">
      <button
        type="button"
        className="tl-primary"
        onClick={onTrain}
        disabled={training || busy || blocker !== undefined}
        aria-describedby={blocker ? 'tl-train-blocker' : undefined}
        data-testid="text-train"
      >
        {resumable || !hasModel ? `▶ ${trainLabel}` : '▶ Train'}
      </button>
      <button type="button" onClick={onPause} disabled={!training} data-testid="text-pause">
        ❚❚ Pause
      </button>
      <button type="button" onClick={onStop} disabled={!training && phase !== 'paused'} data-testid="text-stop">
        ■ Stop
      </button>
      <button type="button" onClick={onReset} disabled={!hasModel || busy} data-testid="text-reset">
        ↺ Reset weights
      </button>
      {blocker && (
        <p id="tl-train-blocker" className="tl-error" data-testid="text-train-blocker">
          {blocker}
        </p>
      )}
    </div>
  );
}

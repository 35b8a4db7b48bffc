// After a reload: the last training checkpoint is waiting. Offers to resume training from it, to load it
// without training, or to discard it. Nothing starts by itself.
import type { SavedCheckpoint } from './autosaveRecords';
import { describeBundle } from './modelFiles';
import './persistence.css';

interface Props {
  checkpoint: SavedCheckpoint;
  busy: boolean;
  onResume(): void;
  onLoad(): void;
  onDiscard(): void;
}

export function ResumePrompt({ checkpoint, busy, onResume, onLoad, onDiscard }: Props) {
  const step = checkpoint.step.toLocaleString('en-US');
  return (
    <section className="tl-card tl-resume" aria-labelledby="tl-resume-title" data-testid="text-resume">
      <h2 id="tl-resume-title">Pick up where you left off</h2>
      <p>
        {checkpoint.training ? 'Training was running when this page closed.' : 'Your model was saved when training last paused.'} The checkpoint:{' '}
        <strong data-testid="text-resume-summary">{describeBundle(checkpoint.bundle)}</strong>.
      </p>
      <div className="tl-row">
        <button type="button" className="tl-primary" disabled={busy} onClick={onResume} data-testid="text-resume-go">
          ▶ Resume from step {step}
        </button>
        <button type="button" disabled={busy} onClick={onLoad} data-testid="text-resume-load">
          Load it without training
        </button>
        <button type="button" className="tl-link" onClick={onDiscard} data-testid="text-resume-discard">
          Discard it
        </button>
      </div>
    </section>
  );
}

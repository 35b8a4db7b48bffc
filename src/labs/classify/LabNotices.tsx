// The messages above the Classify lab: a dismissible notice (restore, import, storage, other tab), the
// "Resume from step N" offer, and the trainer's alert (divergence or error) with a way to reset.
import { ErrorDetails, plainHeadline } from '../ErrorDetails';
import type { ClassifyCheckpoint } from './checkpoint';
import type { Trainer } from './useTrainer';

interface Props {
  notice: string | null;
  onDismissNotice: () => void;
  offer: ClassifyCheckpoint | null;
  onResume: () => void;
  onStartOver: () => void;
  alert: Trainer['alert'];
  onDismissAlert: () => void;
  /** "Reset weights" in the alert: new weights, paused. */
  onResetFromAlert: () => void;
}

export function LabNotices({ notice, onDismissNotice, offer, onResume, onStartOver, alert, onDismissAlert, onResetFromAlert }: Props) {
  return (
    <>
      {notice && (
        <div className="notice" role="status" data-testid="classify-notice">
          {notice} <button onClick={onDismissNotice} aria-label="Dismiss message">×</button>
        </div>
      )}
      {offer && (
        <div className="notice" role="status" data-testid="classify-resume">
          Training was at step {offer.iteration.toLocaleString('en-US')} when you left.{' '}
          <button onClick={onResume} data-testid="classify-resume-yes">
            Resume from step {offer.iteration.toLocaleString('en-US')}
          </button>{' '}
          <button onClick={onStartOver} data-testid="classify-resume-no">
            Start over
          </button>
        </div>
      )}
      {alert && (
        <div className={`notice ${alert.kind}`} role="alert" data-testid="classify-alert">
          {plainHeadline(alert.message)}{' '}
          <button onClick={onResetFromAlert}>Reset weights</button>{' '}
          <button onClick={onDismissAlert} aria-label="Dismiss message">×</button>
          <ErrorDetails text={alert.message} />
        </div>
      )}
    </>
  );
}

// Session-level problems: divergence (training paused, weights rolled back), a crashed worker or a lost GPU
// device (the page restarts the worker from the last checkpoint by itself and says how that went; the user can
// also move to another backend), a failed backend.
import { useState } from 'react';
import { describeTextError, looksLikeLibraryText } from '../../../workers/text/errorMessages';
import type { EngineChoice, TextErrorCode } from '../../../workers/textProtocol';
import '../../../ui/ErrorNotice.css';
import type { RecoveryInfo, SessionAlert } from './sessionState';
import { ENGINE_LABELS } from '../settings/labSettings';
import './session.css';

interface Props {
  alert: SessionAlert;
  currentEngine: EngineChoice;
  /** Whether the page holds exported weights to carry over. */
  hasWeights: boolean;
  onRestart(engine: EngineChoice): void;
  onDismiss(): void;
}

const TITLES: Record<SessionAlert['kind'], string> = {
  diverged: 'Training diverged',
  crashed: 'The training worker crashed',
  'device-lost': 'The GPU device was lost',
  'backend-failed': 'That backend could not start',
  error: 'Something went wrong',
};

/** The catalogue entry behind each kind (kind 'error' carries the worker's own code). */
const KIND_CODES: Record<SessionAlert['kind'], TextErrorCode> = {
  diverged: 'diverged',
  crashed: 'internal',
  'device-lost': 'device-lost',
  'backend-failed': 'backend-failed',
  error: 'internal',
};

const fromCheckpoint = (step: number | undefined) =>
  step !== undefined ? `the checkpoint at step ${step.toLocaleString('en-US')}` : 'the start (there was no checkpoint yet)';

function recoveryText(r: RecoveryInfo): string {
  switch (r.status) {
    case 'restarting':
      return `Starting a new worker to continue from ${fromCheckpoint(r.step)}…`;
    case 'recovered':
      return `A new worker runs on ${r.backend?.toUpperCase() ?? 'the same backend'} and continued from ${fromCheckpoint(r.step)}${r.resumed ? '; training goes on.' : '.'}`;
    case 'failed':
      return `The automatic restart failed${r.detail && !looksLikeLibraryText(r.detail) ? ` (${r.detail})` : ''}. Choose an engine below to try again.`;
    case 'gave-up':
      return `This keeps happening, so the page stopped restarting the worker by itself. Choose an engine below to continue from ${fromCheckpoint(r.step)}.`;
  }
}

export function SessionAlertView({ alert, currentEngine, hasWeights, onRestart, onDismiss }: Props) {
  const needsRestart = alert.kind === 'crashed' || alert.kind === 'device-lost' || alert.kind === 'backend-failed';
  const [engine, setEngine] = useState<EngineChoice>(currentEngine === 'wasm' ? 'cpu' : 'wasm');
  const restarted = alert.recovery?.status === 'recovered' || alert.recovery?.status === 'restarting';
  // The client's crash message repeats the title ("The training worker crashed: …"): keep only the cause.
  const raw = alert.kind === 'crashed' ? alert.message.replace(/^The training worker crashed:?\s*/, '') : alert.message;
  // Plain words in the headline; a library's text (or a crash's cause) goes behind "Details".
  const described = describeTextError(alert.code ?? KIND_CODES[alert.kind], raw);
  const technical = [described.detail, alert.recovery?.detail && looksLikeLibraryText(alert.recovery.detail) ? alert.recovery.detail : ''].filter(Boolean).join('\n');
  return (
    <div className={`tl-alert tl-alert-${alert.kind}`} role="alert" data-testid="text-alert">
      <button type="button" className="tl-link tl-dismiss" onClick={onDismiss} aria-label="Dismiss this message">
        Dismiss
      </button>
      <strong>{alert.kind === 'error' ? described.title : TITLES[alert.kind]}.</strong> <span data-testid="text-alert-message">{described.message}</span>
      {alert.kind === 'error' && <span> {described.next}</span>}
      {alert.recovery && (
        <p data-testid="text-alert-recovery" data-status={alert.recovery.status}>
          {recoveryText(alert.recovery)}
        </p>
      )}
      {alert.kind === 'diverged' && (
        <p>
          The loss became NaN or infinite. Training is paused and the weights were rolled back to the last good copy. Try a smaller learning rate or a
          gradient clip, then resume.
        </p>
      )}
      {technical && (
        <details className="ui-error-details" data-testid="text-alert-details">
          <summary>Details (for bug reports)</summary>
          <pre>{technical}</pre>
        </details>
      )}
      {needsRestart && (
        <div className="tl-row">
          <label className="tl-field">
            <span>{restarted ? 'Or move to' : 'Continue on'}</span>
            <select value={engine} onChange={(e) => setEngine(e.currentTarget.value as EngineChoice)} data-testid="text-restart-engine">
              {(Object.keys(ENGINE_LABELS) as EngineChoice[]).map((k) => (
                <option key={k} value={k}>
                  {ENGINE_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="tl-primary" onClick={() => onRestart(engine)} data-testid="text-restart">
            {restarted
              ? 'Move to this engine'
              : hasWeights
                ? 'Restart with the last checkpoint'
                : 'Restart (the model starts fresh)'}
          </button>
        </div>
      )}
    </div>
  );
}

// Session-level problems: divergence (training paused, weights rolled back), a crashed worker or a lost GPU
// device (offer to continue on another backend with the last weights the page holds), a failed backend.
import { useState } from 'react';
import type { EngineChoice } from '../../workers/textProtocol';
import type { SessionAlert } from './sessionState';
import { ENGINE_LABELS } from './settings';

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

export function SessionAlertView({ alert, currentEngine, hasWeights, onRestart, onDismiss }: Props) {
  const needsRestart = alert.kind === 'crashed' || alert.kind === 'device-lost' || alert.kind === 'backend-failed';
  const [engine, setEngine] = useState<EngineChoice>(currentEngine === 'wasm' ? 'cpu' : 'wasm');
  return (
    <div className={`tl-alert tl-alert-${alert.kind}`} role="alert" data-testid="text-alert">
      <button type="button" className="tl-link tl-dismiss" onClick={onDismiss} aria-label="Dismiss this message">
        Dismiss
      </button>
      <strong>{TITLES[alert.kind]}.</strong> <span data-testid="text-alert-message">{alert.message}</span>
      {alert.kind === 'diverged' && (
        <p>
          The loss became NaN or infinite. Training is paused and the weights were rolled back to the last good copy. Try a smaller learning rate or a
          gradient clip, then resume.
        </p>
      )}
      {needsRestart && (
        <div className="tl-row">
          <label className="tl-field">
            <span>Continue on</span>
            <select value={engine} onChange={(e) => setEngine(e.currentTarget.value as EngineChoice)} data-testid="text-restart-engine">
              {(Object.keys(ENGINE_LABELS) as EngineChoice[]).map((k) => (
                <option key={k} value={k}>
                  {ENGINE_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="tl-primary" onClick={() => onRestart(engine)} data-testid="text-restart">
            {hasWeights ? 'Restart with the last saved weights' : 'Restart (the model starts fresh)'}
          </button>
        </div>
      )}
    </div>
  );
}

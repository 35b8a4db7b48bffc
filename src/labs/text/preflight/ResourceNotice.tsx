// Next to the settings, before Apply: a setting close to the backend's limit warns; one past it is refused with
// the numbers and the largest setting that fits, and a button that applies that setting (Apply and Train stay
// blocked until the draft fits).
import type { ResourceVerdict } from '../../../core/text/resourceVerdict';
import type { LabSettings } from '../settings/labSettings';
import { suggestionLabel, withSuggestion } from './draftVerdict';
import './preflight.css';

interface Props {
  verdict: ResourceVerdict | undefined;
  draft: LabSettings;
  onApplySuggestion(next: LabSettings): void;
}

export function ResourceNotice({ verdict, draft, onApplySuggestion }: Props) {
  if (!verdict || verdict.level === 'fits' || !verdict.message) return null;
  const refuse = verdict.level === 'refuse';
  const size = verdict.suggestion;
  return (
    <div className={`tl-preflight tl-preflight-${verdict.level}`} role={refuse ? 'alert' : 'status'} data-testid="text-resource-notice" data-level={verdict.level}>
      <strong>{refuse ? 'This setting does not fit this engine.' : 'This setting is close to what this engine can hold.'}</strong>{' '}
      <span data-testid="text-resource-message">{verdict.message}</span>
      {size && (
        <div className="tl-row">
          <button type="button" className={refuse ? 'tl-primary' : undefined} onClick={() => onApplySuggestion(withSuggestion(draft, size))} data-testid="text-resource-apply">
            Use {suggestionLabel(draft, size)}
          </button>
        </div>
      )}
    </div>
  );
}

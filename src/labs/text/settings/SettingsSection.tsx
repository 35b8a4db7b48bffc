// The model and training form, and the confirmation that changes needing a fresh model wait for.
import type { ResourceVerdict } from '../../../core/text/resourceVerdict';
import { ConfirmBar } from '../../../ui/ConfirmBar';
import { ResourceNotice } from '../preflight/ResourceNotice';
import { ModelControls } from './ModelControls';
import type { LabSettingsState, SettingsEditor } from './useLabSettings';

interface Props {
  settings: LabSettingsState;
  editor: SettingsEditor;
  /** The engine choice can't change while a worker is starting. */
  engineBusy: boolean;
  /** The draft's resource verdict (preflight/draftVerdict.ts): a refusal blocks Apply. */
  verdict?: ResourceVerdict;
}

export function SettingsSection({ settings: { applied, draft }, editor, engineBusy, verdict }: Props) {
  return (
    <>
      <ModelControls draft={draft} engineBusy={engineBusy} onChange={editor.change} />
      <ResourceNotice verdict={verdict} draft={draft} onApplySuggestion={editor.change} />
      {editor.waiting && (
        <ConfirmBar
          message="These changes need a fresh model: the current weights will be discarded."
          details={[...(draft.engine !== applied.engine ? [`engine: ${applied.engine} → ${draft.engine}`] : []), ...editor.changes.map((c) => c.label)]}
          confirmLabel="Reset the model and apply"
          cancelLabel="Keep the current model"
          testId="text-confirm-settings"
          confirmBlocked={verdict?.level === 'refuse' ? 'This setting does not fit this engine: use a smaller one first.' : undefined}
          onConfirm={() => void editor.confirm()}
          onCancel={editor.revert}
        />
      )}
    </>
  );
}

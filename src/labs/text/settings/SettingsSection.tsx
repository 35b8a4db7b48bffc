// The model and training form, and the confirmation that changes needing a fresh model wait for.
import { ConfirmBar } from '../../../ui/ConfirmBar';
import { ModelControls } from './ModelControls';
import type { LabSettingsState, SettingsEditor } from './useLabSettings';

interface Props {
  settings: LabSettingsState;
  editor: SettingsEditor;
  /** The engine choice can't change while a worker is starting. */
  engineBusy: boolean;
}

export function SettingsSection({ settings: { applied, draft }, editor, engineBusy }: Props) {
  return (
    <>
      <ModelControls draft={draft} engineBusy={engineBusy} onChange={editor.change} />
      {editor.waiting && (
        <ConfirmBar
          message="These changes need a fresh model: the current weights will be discarded."
          details={[...(draft.engine !== applied.engine ? [`engine: ${applied.engine} → ${draft.engine}`] : []), ...editor.changes.map((c) => c.label)]}
          confirmLabel="Reset the model and apply"
          cancelLabel="Keep the current model"
          testId="text-confirm-settings"
          onConfirm={() => void editor.confirm()}
          onCancel={editor.revert}
        />
      )}
    </>
  );
}

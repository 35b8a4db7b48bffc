// An in-page confirmation (no window.confirm): a message, the changes it is about, and two buttons.
// Focus moves to the bar when it appears so keyboard users hear it and can answer at once.
import { useEffect, useRef } from 'react';
import './ConfirmBar.css';

interface Props {
  message: string;
  details?: string[];
  confirmLabel: string;
  cancelLabel: string;
  testId?: string;
  /** Why the confirm button cannot act now (shown as its title), e.g. a setting that does not fit. */
  confirmBlocked?: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmBar({ message, details, confirmLabel, cancelLabel, testId, confirmBlocked, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      className="tl-confirm"
      role="alertdialog"
      aria-label={message}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      data-testid={testId}
    >
      <p>{message}</p>
      {details && details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      <div className="tl-row">
        <button type="button" className="tl-danger" onClick={onConfirm} disabled={confirmBlocked !== undefined} title={confirmBlocked} data-testid={testId && `${testId}-yes`}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} data-testid={testId && `${testId}-no`}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}

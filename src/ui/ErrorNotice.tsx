// An error as a person reads it: a short title, what happened, what to do next, and the technical detail (a
// library's message, a stack) folded behind a "Details (for bug reports)" disclosure — never the headline.
// Presentational only: the labs turn what was thrown into these fields (src/labs/userMessage.ts).
import './ErrorNotice.css';

export interface ErrorNoticeProps {
  /** Short, no final period; omitted for the app's own one-sentence messages. */
  title?: string;
  message: string;
  next?: string;
  detail?: string;
  testId?: string;
  className?: string;
}

export function ErrorNotice({ title, message, next, detail, testId, className }: ErrorNoticeProps) {
  return (
    <div className={`ui-error ${className ?? ''}`} role="alert" data-testid={testId}>
      {title && <strong data-testid={testId && `${testId}-title`}>{title}. </strong>}
      <span data-testid={testId && `${testId}-text`}>{message}</span>
      {next && <span className="ui-error-next"> {next}</span>}
      {detail && (
        <details className="ui-error-details" data-testid={testId && `${testId}-details`}>
          <summary>Details (for bug reports)</summary>
          <pre>{detail}</pre>
        </details>
      )}
    </div>
  );
}

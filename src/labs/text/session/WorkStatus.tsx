// The lab's work line: a spinner with words while something long runs (workWords.ts), so a wait never looks
// like nothing is happening. Polite live region: screen readers hear it once per change.
import '../preflight/preflight.css';

export function WorkStatus({ words }: { words: string | undefined }) {
  if (!words) return null;
  return (
    <div className="tl-work" role="status" aria-live="polite" data-testid="text-work">
      <span className="tl-spinner" aria-hidden="true" />
      <span>{words}</span>
    </div>
  );
}

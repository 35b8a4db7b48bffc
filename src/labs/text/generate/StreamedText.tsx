// Text that streams in: shows a growing prefix of `text`, a few characters per animation frame (see reveal.ts).
// Give it a new `key` for a new stream; `paused` freezes it where it is (Stop).
import { useEffect, useState, type ReactNode } from 'react';
import { codePointBoundary, revealCount } from './reveal';

interface Props {
  text: string;
  paused?: boolean;
  className?: string;
  testId?: string;
  /** Shown before the streamed text (e.g. the prime, highlighted). */
  before?: ReactNode;
  ariaBusy?: boolean;
}

export function StreamedText({ text, paused = false, className, testId, before, ariaBusy }: Props) {
  const [shown, setShown] = useState(0);
  const visible = Math.min(shown, text.length);
  useEffect(() => {
    if (paused || visible >= text.length) return;
    const frame = requestAnimationFrame(() => setShown(codePointBoundary(text, visible + revealCount(text.length - visible))));
    return () => cancelAnimationFrame(frame);
  }, [text, visible, paused]);
  return (
    <pre className={className} data-testid={testId} aria-busy={ariaBusy} data-complete={visible >= text.length ? 'true' : 'false'}>
      {before}
      {text.slice(0, visible)}
    </pre>
  );
}

// "How it works": a disclosure, closed at first. Its body (HowItWorksBody.tsx: the chosen cell's equations
// with the current sizes filled in, the unrolled window, where the gradients come from) is a lazy chunk,
// downloaded the first time the panel opens, so a first visit of the lab does not fetch it.
import { lazy, Suspense, useState } from 'react';
import type { TextModelSpec } from '../../../core/text/engine';
import './howItWorks.css';

export interface HowItWorksProps {
  model: Omit<TextModelSpec, 'vocabSize'>;
  vocabSize: number;
  seqLength: number;
  params?: number;
}

const HowItWorksBody = lazy(() => import('./HowItWorksBody'));

export function HowItWorks(props: HowItWorksProps) {
  const [open, setOpen] = useState(false);
  return (
    <details className="tl-card tl-how" data-testid="text-how" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>How it works</h2>
      </summary>
      {open && (
        <Suspense fallback={<p className="tl-muted">Loading…</p>}>
          <HowItWorksBody {...props} />
        </Suspense>
      )}
    </details>
  );
}

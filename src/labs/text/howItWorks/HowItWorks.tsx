// "How it works": a disclosure, closed at first. Its body (HowItWorksBody.tsx: the chosen cell's equations
// with the current sizes filled in, the unrolled window, where the gradients come from, the cell's fused
// WebGPU kernel next to its math) is a lazy chunk, downloaded the first time the panel opens, so a first
// visit of the lab does not fetch it. Once opened it stays mounted, so what it counted survives a close.
import { lazy, Suspense, useState } from 'react';
import type { TextModelSpec } from '../../../core/text/engine';
import './howItWorks.css';

export interface HowItWorksProps {
  model: Omit<TextModelSpec, 'vocabSize'>;
  vocabSize: number;
  seqLength: number;
  batchSize: number;
  params?: number;
}

const HowItWorksBody = lazy(() => import('./HowItWorksBody'));

export function HowItWorks(props: HowItWorksProps) {
  const [opened, setOpened] = useState(false);
  return (
    <details className="tl-card tl-how" data-testid="text-how" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>
        <h2>How it works</h2>
      </summary>
      {opened && (
        <Suspense fallback={<p className="tl-muted">Loading…</p>}>
          <HowItWorksBody {...props} />
        </Suspense>
      )}
    </details>
  );
}

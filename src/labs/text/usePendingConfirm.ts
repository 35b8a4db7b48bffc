// The one confirmation of the lab's two columns that is waiting for an answer: a new corpus that may reset the
// model, or a reset of the weights. Asking for one replaces the other.
import { useState } from 'react';
import type { PendingCorpus } from './corpus/useCorpus';

export type PendingConfirm = ({ kind: 'corpus' } & PendingCorpus) | { kind: 'reset' };

export function usePendingConfirm() {
  const [pending, setPending] = useState<PendingConfirm>();
  return { pending, setPending };
}

export type PendingConfirmState = ReturnType<typeof usePendingConfirm>;

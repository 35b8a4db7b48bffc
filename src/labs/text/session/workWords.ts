// What long work is going on, in words for the lab's work line (WorkStatus): building a model (orthogonal
// initialisation costs O(hidden³) per gate block: about a second at 512, half a minute for an LSTM of 1024),
// loading a saved one, the first training step (on WebGPU it compiles the shaders first), preparing a corpus,
// Auto timing the backends.
// Pure, so the words are unit-testable; undefined when nothing long is running.
import { backendLabel } from '../../../core/text/autoBackend';
import type { LabSettings } from '../settings/labSettings';
import type { SessionState } from './sessionState';

const CELL_NAMES = { rnn: 'RNN', gru: 'GRU', lstm: 'LSTM' } as const;

/** "LSTM 1024 × 2 layers" */
export function modelWords(settings: LabSettings): string {
  const m = settings.model;
  return `${CELL_NAMES[m.cell]} ${m.hidden}${m.layers > 1 ? ` × ${m.layers} layers` : ''}`;
}

/** The line for the action `busy` (useLabActions' label) and the session's state. */
export function workWords(busy: string | undefined, state: SessionState, settings: { applied: LabSettings; draft: LabSettings }): string | undefined {
  const m = state.measuring;
  if (m) return `Measuring ${backendLabel(m.backend)}… ${m.index + 1}/${m.count} (Auto times a few training steps of this model on each backend, then trains on the fastest)`;
  switch (busy) {
    case 'measure':
      return 'Measuring the backends…';
    case 'build':
      return `Building the model (${modelWords(settings.draft)})…`;
    case 'train':
      if (!state.model) return `Building the model (${modelWords(settings.applied)})…`;
      break;
    case 'reset':
      return `Re-initialising the weights (${modelWords(settings.applied)})…`;
    case 'load':
    case 'resume':
      return 'Loading the saved model…';
    case 'corpus':
      return 'Preparing the corpus…';
    case 'restart':
      return 'Restarting the training worker…';
  }
  if (state.phase === 'training' && state.step === 0 && state.progress === undefined) {
    return state.report?.backend === 'webgpu'
      ? 'Preparing the first training step (compiling the GPU shaders: the first step on WebGPU takes a while)…'
      : 'Preparing the first training step…';
  }
  return undefined;
}

// What Auto measured, under the status line: "Auto: WebGPU 41,000 chars/s · WASM 9,800 → WebGPU", while it
// measures "Auto: measuring WebGPU… 1/3", and a "Measure again" button (shown when there was more than one
// backend to time). Nothing shows on an explicit backend, nor on Auto before training first starts.
import { backendLabel, describeAutoChoice } from '../../../core/text/autoBackend';
import type { SessionState } from './sessionState';

interface Props {
  state: SessionState;
  onMeasureAgain(): void;
  /** Why measuring again can't run now (training, worker down, no corpus…), if so. */
  blocker?: string;
  busy: boolean;
}

/** "measuring WebGPU… 1/3" */
export function measuringWords(m: NonNullable<SessionState['measuring']>): string {
  return `measuring ${backendLabel(m.backend)}… ${m.index + 1}/${m.count}`;
}

export function AutoBackendLine({ state, onMeasureAgain, blocker, busy }: Props) {
  const { auto, measuring } = state;
  if (state.requestedEngine !== 'auto' || state.worker !== 'running' || (!auto && !measuring)) return null;
  const measured = auto !== undefined && auto.choice.measurements.length > 0;
  return (
    <div className="tl-auto" data-testid="text-auto">
      <span role="status" aria-live="polite" data-testid="text-auto-line" data-winner={measuring ? '' : (auto?.choice.winner ?? '')} data-reused={String(!measuring && auto?.reused === true)}>
        Auto: {measuring ? measuringWords(measuring) : auto ? describeAutoChoice(auto.choice) : ''}
        {!measuring && auto?.reused && <span className="tl-muted"> (kept from a measurement on {new Date(auto.choice.measuredAt).toLocaleDateString()})</span>}
      </span>
      {measured && !measuring && (
        <button type="button" onClick={onMeasureAgain} disabled={busy || blocker !== undefined} title={blocker} data-testid="text-measure-again">
          Measure again
        </button>
      )}
    </div>
  );
}

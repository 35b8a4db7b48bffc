// Fault injection for testing the bad paths by hand (shown with #/text?debug): the worker throws inside a
// handler, crashes outright, loses its GPU device (as a message, or by really destroying the WebGPU device), or diverges on the next step. It also shows the worker's
// memory as the last progress event reported it (tensors, bytes), which the e2e property test reads.
import type { ProgressEvent } from '../../../workers/textProtocol';
import type { DebugAction } from './textSessionApi';

export function DebugPanel({ onAction, progress }: { onAction(action: DebugAction): void; progress?: ProgressEvent }) {
  return (
    <section className="tl-card tl-debug" aria-labelledby="tl-debug-title">
      <h2 id="tl-debug-title">Fault injection</h2>
      <div className="tl-row">
        <button type="button" onClick={() => onAction('throw')} data-testid="text-debug-throw">
          Throw in the worker
        </button>
        <button type="button" onClick={() => onAction('crash')} data-testid="text-debug-crash">
          Crash the worker
        </button>
        <button type="button" onClick={() => onAction('lose-device')} data-testid="text-debug-lose-device">
          Lose the device
        </button>
        <button type="button" onClick={() => onAction('destroy-device')} data-testid="text-debug-destroy-device">
          Destroy the WebGPU device
        </button>
        <button type="button" onClick={() => onAction('diverge')} data-testid="text-debug-diverge">
          Diverge on the next step
        </button>
      </div>
      <p className="tl-hint">
        Worker memory at the last progress:{' '}
        <span data-testid="text-debug-tensors" data-tensors={progress?.tensors ?? ''} data-bytes={progress?.bytes ?? ''}>
          {progress ? `${progress.tensors} tensors, ${progress.bytes.toLocaleString('en-US')} bytes` : '—'}
        </span>
      </p>
    </section>
  );
}

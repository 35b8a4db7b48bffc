// Fault injection for testing the bad paths by hand (shown with #/text?debug): the worker throws, loses its
// GPU device, or diverges on the next step.
import type { DebugRequest } from '../../workers/textProtocol';

export function DebugPanel({ onAction }: { onAction(action: DebugRequest['action']): void }) {
  return (
    <section className="tl-card tl-debug" aria-labelledby="tl-debug-title">
      <h2 id="tl-debug-title">Fault injection</h2>
      <div className="tl-row">
        <button type="button" onClick={() => onAction('throw')} data-testid="text-debug-throw">
          Throw in the worker
        </button>
        <button type="button" onClick={() => onAction('lose-device')} data-testid="text-debug-lose-device">
          Lose the device
        </button>
        <button type="button" onClick={() => onAction('diverge')} data-testid="text-debug-diverge">
          Diverge on the next step
        </button>
      </div>
    </section>
  );
}

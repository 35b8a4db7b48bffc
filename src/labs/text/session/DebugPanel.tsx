// Fault injection for testing the bad paths by hand (shown with #/text?debug): the worker throws inside a
// handler, crashes outright, loses its GPU device, or diverges on the next step.
import type { DebugAction } from './textSessionApi';

export function DebugPanel({ onAction }: { onAction(action: DebugAction): void }) {
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
        <button type="button" onClick={() => onAction('diverge')} data-testid="text-debug-diverge">
          Diverge on the next step
        </button>
      </div>
    </section>
  );
}

// "Inside the network": units over text with the probe, gradients through time, and the cell race. The
// section is a disclosure: its views ask the worker for work only while it is open, so a learner who never
// opens it pays nothing, and one who does pays under 10% of training speed (liveRefresh.ts). The views
// themselves (InsideViews.tsx) are a lazy chunk, downloaded the first time the section opens.
import { lazy, Suspense, useRef, useState } from 'react';
import type { TextSessionControls } from '../session/textSessionApi';
import type { ModelInfo } from '../session/sessionState';
import type { SavedRace } from './raceRecord';
import { useInspect } from './useInspect';
import { useTimeGradients } from './useTimeGradients';
import './inside.css';

const InsideViews = lazy(() => import('./InsideViews'));

interface Props {
  session: TextSessionControls;
  /** A model is there and the worker is up. */
  canUse: boolean;
  race: SavedRace | undefined;
  onRace(r: SavedRace): void;
}

/** A number that changes whenever the model object does (a build, an import, a restart). */
function useModelKey(model: ModelInfo | undefined): string {
  const ref = useRef<{ model: ModelInfo | undefined; n: number }>({ model, n: 0 });
  if (ref.current.model !== model) ref.current = { model, n: ref.current.n + 1 };
  return String(ref.current.n);
}

export function InsideSection({ session, canUse, race, onRace }: Props) {
  const [open, setOpen] = useState(false);
  const { state } = session;
  const spec = state.model?.spec;
  const training = state.phase === 'training';
  const enabled = open && canUse;
  const modelKey = useModelKey(state.model);
  const sample = [...state.samples].reverse().find((s) => s.done)?.text;
  const inspect = useInspect({ inspect: session.inspect, enabled, training, sample, modelKey });
  const grads = useTimeGradients({ timeGradients: session.timeGradients, enabled, training, modelKey });
  return (
    <details className="tl-card tl-inside" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="inside">
      <summary>
        <h2>Inside the network</h2>
        <span className="tl-muted"> what single units track, how gradients fade through time, and RNN vs GRU vs LSTM</span>
      </summary>
      {open && (
        <Suspense fallback={<p className="tl-muted">Loading…</p>}>
          <InsideViews
            inspect={inspect}
            grads={grads}
            cell={spec?.cell ?? 'rnn'}
            layers={spec?.layers ?? 1}
            enabled={canUse}
            training={training}
            race={{ race: session.race, saved: race, onResult: onRace, enabled: canUse, training, scratch: state.report?.engine === 'scratch', hidden: spec?.hidden }}
          />
        </Suspense>
      )}
    </details>
  );
}

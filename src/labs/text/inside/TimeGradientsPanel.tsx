// The vanishing gradient, made visible: how strongly the loss at one character depends on the hidden state
// k characters earlier, against k, on a log scale (a straight falling line = geometric decay). Below it,
// each layer's weight-gradient norm at each measurement over training.
import { LineChart, type Series } from '../../../ui/LineChart';
import type { TimeGradientsState } from './useTimeGradients';

const COLORS = ['#2563eb', '#dc2626', '#16a34a'];
const TABLE_LAGS = [0, 1, 2, 5, 10, 20, 40];

export function TimeGradientsPanel({ grads, enabled, training }: { grads: TimeGradientsState; enabled: boolean; training: boolean }) {
  const { result, history, error, running } = grads;
  const layers = result?.norms.length ?? 0;
  const series: Series[] = (result?.norms ?? []).map((row, l) => ({ name: `layer ${l + 1}`, color: COLORS[l % COLORS.length], points: row.map((v, k) => [k, v] as const) }));
  const historySeries: Series[] = Array.from({ length: layers }, (_, l) => ({
    name: `layer ${l + 1}`,
    color: COLORS[l % COLORS.length],
    points: history.map((h) => [h.step, h.paramNorms[l]] as const),
  }));
  const lags = TABLE_LAGS.filter((k) => result && k < result.norms[0].length);
  const ratio = result ? result.norms[0][result.norms[0].length - 1] / result.norms[0][1] : NaN;
  return (
    <div className="tl-in-grads">
      <h3>Gradients through time</h3>
      <p className="tl-muted">
        How much the loss at one character depends on the hidden state k characters earlier: ‖∂L<sub>t</sub>/∂h<sub>t−k</sub>‖, averaged over {result?.windows ?? 16} windows of the held-out text. In a
        vanilla RNN it usually falls by a constant factor per step — the vanishing gradient — so it cannot learn what happened long ago; an LSTM’s cell state keeps it up for longer.
      </p>
      <div className="tl-row">
        <button type="button" onClick={() => void grads.run()} disabled={!enabled || running} data-testid="inside-grads-refresh">
          {training ? 'Measure now' : 'Measure'}
        </button>
        {result && <span className="tl-hint">step {result.step.toLocaleString('en-US')} · {training ? 'updates every few seconds while training' : 'paused'}</span>}
      </div>
      {error && (
        <p className="tl-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <>
          <div className="tl-in-charts">
            <LineChart series={series} xLabel="k (characters back)" yLabel="‖∂Lₜ/∂hₜ₋ₖ‖ (log)" logY ariaLabel={`Gradient norm against k, log scale; from k = 1 to ${result.norms[0].length - 1} layer 1 changes by a factor of ${ratio.toPrecision(2)}. Table below.`} testId="inside-grads-chart" />
            {history.length > 1 && (
              <LineChart series={historySeries} xLabel="training step" yLabel="‖∂Lₜ/∂θ‖ (log)" logY ariaLabel="Each layer's weight-gradient norm at each measurement over training steps." testId="inside-grads-history" />
            )}
          </div>
          <details>
            <summary>As a table</summary>
            <table className="tl-in-table" data-testid="inside-grads-table">
              <thead>
                <tr>
                  <th scope="col">k</th>
                  {result.norms.map((_, l) => (
                    <th key={l} scope="col">
                      layer {l + 1}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lags.map((k) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    {result.norms.map((row, l) => (
                      <td key={l}>{row[k].toExponential(2)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="tl-hint">
              The weight-gradient curve is measured by these periodic probes (one character’s loss, walked back {result.norms[0].length - 1} steps), not by the training loop.
            </p>
          </details>
        </>
      )}
    </div>
  );
}

// The cell race: a vanilla RNN, a GRU and an LSTM of the current model's size, trained from scratch for the
// same time on the same text and seed; their validation curves overlaid against time and against
// characters seen (which one learns fastest per second, and per character), and what each writes at the end.
import { useState } from 'react';
import type { CellType } from '../../../core/text/engine';
import { RACE_CELLS, raceCsv, raceSummary } from '../../../core/text/inside/race';
import { downloadText } from '../../../ui/download';
import { LineChart, type Series } from '../../../ui/LineChart';
import { NumberField } from '../../../ui/NumberField';
import type { SavedRace } from './raceRecord';
import { useRace } from './useRace';

const COLORS: Record<CellType, string> = { rnn: '#dc2626', gru: '#16a34a', lstm: '#2563eb' };
const NAMES: Record<CellType, string> = { rnn: 'RNN', gru: 'GRU', lstm: 'LSTM' };

interface Props {
  race: Parameters<typeof useRace>[0];
  saved: SavedRace | undefined;
  onResult(r: SavedRace): void;
  enabled: boolean;
  training: boolean;
  scratch: boolean;
  hidden?: number;
}

export function RacePanel({ race, saved, onResult, enabled, training, scratch, hidden }: Props) {
  const [cells, setCells] = useState<CellType[]>(RACE_CELLS);
  const [seconds, setSeconds] = useState(20);
  const r = useRace(race, saved, onResult);
  const entries = r.entries ?? [];
  const byTime: Series[] = entries.map((e) => ({ name: NAMES[e.cell], color: COLORS[e.cell], points: e.points.map((p) => [p.elapsedMs / 1000, p.validLoss] as const) }));
  const byChars: Series[] = entries.map((e) => ({ name: NAMES[e.cell], color: COLORS[e.cell], points: e.points.map((p) => [p.chars, p.validLoss] as const) }));
  const summary = raceSummary(entries.filter((e) => e.points.length > 0));
  const blocked = !enabled ? 'Build or load a model first (the race copies its size).' : scratch ? 'The race needs a TensorFlow.js backend (the from-scratch engine has only the RNN).' : training ? 'Pause training to start a race.' : undefined;
  const toggle = (cell: CellType, on: boolean) => setCells((cs) => RACE_CELLS.filter((c) => (c === cell ? on : cs.includes(c))));

  return (
    <div className="tl-in-race">
      <h3>Cell race: RNN vs GRU vs LSTM</h3>
      <p className="tl-muted">
        Each cell is trained from fresh weights with the current model’s size{hidden ? ` (${hidden} units)` : ''}, layers, text, seed and training settings, for the same time, one after
        another. Your own model is not touched.
      </p>
      <fieldset className="tl-row tl-in-race-controls" disabled={r.running}>
        <legend className="tl-sr">Cells to race</legend>
        {RACE_CELLS.map((c) => (
          <label key={c} className="tl-in-check">
            <input type="checkbox" checked={cells.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} data-testid={`inside-race-${c}`} /> {NAMES[c]}
          </label>
        ))}
        <NumberField label="Seconds each" value={seconds} min={2} max={120} onCommit={setSeconds} testId="inside-race-seconds" />
      </fieldset>
      <div className="tl-row">
        <button type="button" className="tl-primary" disabled={!!blocked || r.running || cells.length === 0} onClick={() => void r.start(cells, seconds)} data-testid="inside-race-start">
          Start race ({cells.length * seconds} s)
        </button>
        {r.running && (
          <button type="button" onClick={r.cancel} data-testid="inside-race-cancel">
            Cancel
          </button>
        )}
        {blocked && <span className="tl-muted">{blocked}</span>}
      </div>
      {r.error && (
        <p className="tl-error" role="alert">
          {r.error}
        </p>
      )}
      {entries.length > 0 && (
        <div className="tl-in-charts" data-testid="inside-race-charts">
          <LineChart series={byTime} xLabel="training seconds" yLabel="validation loss (nats/char)" ariaLabel="Validation loss of each cell against training time. Summary table below." testId="inside-race-time" />
          <LineChart series={byChars} xLabel="characters seen" yLabel="validation loss (nats/char)" ariaLabel="Validation loss of each cell against characters seen. Summary table below." testId="inside-race-chars" />
        </div>
      )}
      {r.result && (
        <>
          <div className="tl-in-scroll">
            <table className="tl-in-table" data-testid="inside-race-table">
              <caption className="tl-hint">
                {r.result.secondsEach} s each, {r.result.layers} × {r.result.hidden} units; validation on {r.result.validNote}
              </caption>
              <thead>
                <tr>
                  <th scope="col">cell</th>
                  <th scope="col">weights</th>
                  <th scope="col">characters seen</th>
                  <th scope="col">best loss</th>
                  <th scope="col">final loss</th>
                </tr>
              </thead>
              <tbody>
                {summary.map((s) => (
                  <tr key={s.cell}>
                    <th scope="row">{NAMES[s.cell]}</th>
                    <td>{r.result!.entries.find((e) => e.cell === s.cell)?.params.toLocaleString('en-US')}</td>
                    <td>{s.chars.toLocaleString('en-US')}</td>
                    <td>{s.best.toFixed(3)}</td>
                    <td>{s.last.toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="tl-in-samples">
            {r.result.entries.map((e) => (
              <figure key={e.cell}>
                <figcaption>{NAMES[e.cell]} writes:</figcaption>
                <pre data-testid={`inside-race-sample-${e.cell}`}>{e.sample}</pre>
              </figure>
            ))}
          </div>
          <div className="tl-row">
            <button type="button" className="tl-link" onClick={() => downloadText('cell-race.csv', raceCsv(r.result!.entries), 'text/csv')} data-testid="inside-race-export-csv">
              Export curves (CSV)
            </button>
            <button type="button" className="tl-link" onClick={() => downloadText('cell-race.json', JSON.stringify(r.result, null, 2), 'application/json')} data-testid="inside-race-export-json">
              Export race (JSON)
            </button>
          </div>
        </>
      )}
    </div>
  );
}

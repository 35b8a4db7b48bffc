// The probe: choose a pattern (or write a regular expression) and see the units ranked by how well they
// follow it — |Pearson r| between the unit's value and the pattern, over the text above. Choosing a unit
// shows it over the text.
import { useId } from 'react';
import { PROBE_PATTERNS } from '../../../core/text/inside/probe';
import { downloadText } from '../../../ui/download';
import { SelectField } from '../../../ui/SelectField';
import { rankingCsv } from './insideCsv';
import type { InspectState, ProbeChoice } from './useInspect';

const CHOICES: { value: ProbeChoice; label: string }[] = [
  { value: 'none', label: 'no probe' },
  ...PROBE_PATTERNS.map((p) => ({ value: p.id, label: p.label })),
  { value: 'regex', label: 'my regular expression' },
];

const SHOWN = 10;

export function ProbePanel({ inspect, enabled }: { inspect: InspectState; enabled: boolean }) {
  const regexId = useId();
  const { inputs, update, result, probeMessage, running, setUnit, unit } = inspect;
  const ranking = result?.ranking;
  const chars = result ? [...result.text].length : 0;
  return (
    <div className="tl-in-probe">
      <h4>Probe: which units follow a pattern?</h4>
      <div className="tl-row">
        <SelectField label="Pattern" value={inputs.probe} options={CHOICES} onChange={(probe) => update({ probe })} testId="inside-probe" />
        {inputs.probe === 'regex' && (
          <>
            <label className="tl-field" htmlFor={regexId}>
              <span>Regular expression (marks the characters it matches)</span>
              <input id={regexId} type="text" value={inputs.regex} spellCheck={false} onChange={(e) => update({ regex: e.currentTarget.value })} data-testid="inside-regex" />
            </label>
            <button type="button" onClick={() => void inspect.run()} disabled={!enabled || running} data-testid="inside-probe-run">
              Rank units
            </button>
          </>
        )}
      </div>
      {probeMessage && (
        <p className="tl-error" role="alert" data-testid="inside-probe-message">
          {probeMessage}
        </p>
      )}
      {ranking && (
        <>
          <p className="tl-hint">
            Pearson r between each unit of layer {result.layer + 1} ({result.channel}) and the pattern over {chars.toLocaleString('en-US')} characters ({result.sourceNote}); strongest {SHOWN} of {ranking.length}.
            A negative r follows the pattern too, with the opposite sign.
          </p>
          <div className="tl-in-scroll">
            <table className="tl-in-ranking" data-testid="inside-ranking">
              <thead>
                <tr>
                  <th scope="col">rank</th>
                  <th scope="col">unit</th>
                  <th scope="col">r</th>
                  <th scope="col">
                    <span className="tl-sr">bar</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {ranking.slice(0, SHOWN).map((u, i) => (
                  <tr key={u.unit} className={u.unit === unit ? 'tl-in-chosen' : undefined}>
                    <td>{i + 1}</td>
                    <td>
                      <button type="button" className="tl-link" onClick={() => setUnit(u.unit)} aria-pressed={u.unit === unit} data-testid="inside-rank-unit">
                        unit {u.unit}
                      </button>
                    </td>
                    <td>{u.r.toFixed(3)}</td>
                    <td aria-hidden="true">
                      <span className="tl-in-bar" style={{ width: `${Math.abs(u.r) * 100}%`, background: u.r >= 0 ? '#dc2626' : '#2563eb' }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="tl-link" onClick={() => downloadText('probe-ranking.csv', rankingCsv(ranking), 'text/csv')} data-testid="inside-export-ranking">
            Export ranking (CSV)
          </button>
        </>
      )}
    </div>
  );
}

// Every measurement of the race as a table: the figure, the speed-up, and what it rests on.
import { SPEED_ENGINE_LABELS as ENGINE_LABELS } from '../../core/bench/tasks';
import { formatFigure, formatSpeedup, speedup, type SpeedRow } from '../../core/bench/results';

interface Props {
  rows: readonly SpeedRow[];
  softwareEngines: ReadonlySet<string>;
}

function details(row: SpeedRow): string {
  const parts: string[] = [];
  if (row.units !== undefined && row.ms !== undefined) parts.push(`${row.units.toLocaleString('en-US')} timed in ${formatFigure(row.ms)} ms`);
  if (row.warmupMs) parts.push(`warm-up ${formatFigure(row.warmupMs)} ms`);
  if (row.firstCharMs !== undefined) parts.push(`first char ${formatFigure(row.firstCharMs)} ms`);
  if (row.tensorsStart !== undefined && row.tensorsEnd !== undefined) {
    parts.push(row.tensorsEnd === row.tensorsStart ? `tensors flat (${row.tensorsEnd})` : `tensors ${row.tensorsStart} → ${row.tensorsEnd}`);
  }
  if (row.heapBytes) parts.push(`JS heap ${(row.heapBytes / 2 ** 20).toFixed(0)} MB`);
  if (row.note) parts.push(row.note);
  return parts.join(' · ');
}

/** Dispatches per step, e.g. 146 · 3,282 (fractions when the count varies between steps). */
const formatDispatches = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : formatFigure(n));

export function ResultsTable({ rows, softwareEngines }: Props) {
  // The WebGPU engines' training rows carry dispatches per step, counted in the worker: a column of its own.
  const withDispatches = rows.some((r) => r.dispatchesPerStep !== undefined);
  return (
    <table className="speed-table">
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Engine</th>
          <th scope="col" className="num">Result</th>
          <th scope="col" className="num">Speed-up</th>
          {withDispatches && (
            <th scope="col" className="num" title="GPU compute dispatches per training step, counted in the worker over the timed steps">
              GPU dispatches / step
            </th>
          )}
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.task}/${row.engine}`} data-testid="speed-row" data-task={row.task} data-engine={row.engine} data-status={row.status} className={`speed-${row.status === 'n/a' ? 'na' : row.status}`}>
            <td>{row.label}</td>
            <td>
              {ENGINE_LABELS[row.engine]}
              {softwareEngines.has(row.engine) && <span className="speed-soft" title="software adapter or renderer"> ⚠ software</span>}
            </td>
            {row.status === 'ok' ? (
              <>
                <td className="num" data-testid="speed-value">
                  {formatFigure(row.value)} <span className="muted">{row.unit}</span>
                </td>
                <td className="num">{formatSpeedup(speedup(rows, row))}</td>
                {withDispatches && (
                  <td className="num" data-testid="speed-dispatches">
                    {row.dispatchesPerStep !== undefined ? formatDispatches(row.dispatchesPerStep) : ''}
                  </td>
                )}
                <td className="muted small">{details(row)}</td>
              </>
            ) : (
              <td colSpan={withDispatches ? 4 : 3} className="muted small">
                {row.status === 'skipped' ? 'Skipped: ' : row.status === 'n/a' ? 'n/a: ' : 'Failed: '}
                {row.reason}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

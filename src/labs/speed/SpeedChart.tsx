// The race as a bar chart: for each task, one bar per engine showing its speed-up over the task's
// reference engine (from scratch where it ran, else the first engine in race order that did) on a log
// scale, so 0.01× and 100× are equally readable; bars grow right of 1× when faster, left when slower. d3 computes the scale and
// ticks; React renders the SVG.
import { scaleLog } from 'd3';
import { useMemo } from 'react';
import { SPEED_ENGINE_LABELS as ENGINE_LABELS, type SpeedEngine, type SpeedTask } from '../../core/bench/tasks';
import { formatFigure, formatSpeedup, referenceRow, speedup, type EngineInfo, type SpeedRow } from '../../core/bench/results';
import { ENGINE_COLORS } from './engineColors';

interface Props {
  tasks: readonly SpeedTask[];
  rows: readonly SpeedRow[];
  engines: readonly EngineInfo[];
  width?: number;
}

const LABEL_W = 185;
const VALUE_W = 190;
const BAR_H = 16;
const ROW_H = 21;
const HEADER_H = 24;
const AXIS_H = 26;

interface Bar {
  row: SpeedRow;
  speedup: number;
  y: number;
}
interface Group {
  task: SpeedTask;
  y: number;
  reference: SpeedEngine | undefined;
  bars: Bar[];
}

export function SpeedChart({ tasks, rows, engines, width = 820 }: Props) {
  const innerW = width - LABEL_W - VALUE_W;
  const software = new Set(engines.filter((e) => e.software).map((e) => e.engine));

  const { groups, height, x, ticks } = useMemo(() => {
    let y = 0;
    const groups: Group[] = [];
    const all: number[] = [1];
    for (const task of tasks) {
      const bars: Bar[] = [];
      const ref = referenceRow(rows, task.id);
      const groupY = y;
      for (const row of rows) {
        if (row.task !== task.id) continue;
        const s = speedup(rows, row);
        if (s === null || !(s > 0)) continue;
        bars.push({ row, speedup: s, y: 0 });
        all.push(s);
      }
      if (!bars.length) continue;
      y += HEADER_H;
      for (const bar of bars) {
        bar.y = y;
        y += ROW_H;
      }
      groups.push({ task, y: groupY, reference: ref?.engine, bars });
      y += 6;
    }
    const lo = Math.min(...all) / 1.6;
    const hi = Math.max(...all) * 1.6;
    const x = scaleLog().domain([lo, hi]).range([0, innerW]);
    const ticks: number[] = [];
    for (let k = Math.ceil(Math.log10(lo)); k <= Math.floor(Math.log10(hi)); k++) ticks.push(10 ** k);
    return { groups, height: y + AXIS_H, x, ticks };
  }, [tasks, rows, innerW]);

  if (!groups.length) return null;
  const x1 = x(1);

  return (
    <figure className="speed-chart" data-testid="speed-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label="Speed-up of each engine over the reference engine, per task, on a logarithmic scale"
      >
        <g transform={`translate(${LABEL_W},0)`}>
          {ticks.map((t) => (
            <g key={t} transform={`translate(${x(t)},0)`}>
              <line className="chart-grid" y1={0} y2={height - AXIS_H} />
              <text className="chart-tick" y={height - AXIS_H + 14} textAnchor="middle">
                {formatSpeedup(t)}
              </text>
            </g>
          ))}
          <line className="speed-chart-one" x1={x1} x2={x1} y1={0} y2={height - AXIS_H} />
          <text className="chart-label" x={innerW / 2} y={height - 2} textAnchor="middle">
            speed-up over the reference engine (log scale)
          </text>
        </g>
        {groups.map((g) => (
          <g key={g.task.id}>
            <text className="speed-chart-task" x={0} y={g.y + 15}>
              {g.task.label}
              <tspan className="chart-label"> · vs {g.reference ? ENGINE_LABELS[g.reference] : '—'}</tspan>
            </text>
            {g.bars.map(({ row, speedup: s, y }) => {
              const xs = x(s);
              const left = Math.min(xs, x1);
              const w = Math.max(1.5, Math.abs(xs - x1));
              const soft = software.has(row.engine);
              return (
                <g key={row.engine} data-testid="speed-bar" data-engine={row.engine} data-task={row.task} data-speedup={s}>
                  <text className="speed-chart-engine" x={LABEL_W - 8} y={y + BAR_H - 3} textAnchor="end">
                    {ENGINE_LABELS[row.engine]}
                    {soft ? ' ⚠' : ''}
                  </text>
                  <rect
                    x={LABEL_W + left}
                    y={y}
                    width={w}
                    height={BAR_H}
                    fill={ENGINE_COLORS[row.engine]}
                    fillOpacity={soft ? 0.45 : 0.9}
                    rx={2}
                  >
                    <title>{`${ENGINE_LABELS[row.engine]}: ${formatFigure(row.value)} ${row.unit}, ${formatSpeedup(s)}${soft ? ' (software adapter)' : ''}`}</title>
                  </rect>
                  <text className="speed-chart-value" x={LABEL_W + Math.max(xs, x1) + 6} y={y + BAR_H - 3}>
                    {formatFigure(row.value)} {row.unit} · {formatSpeedup(s)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="muted small">
        ⚠ software adapter or renderer (no GPU): correct, but far slower than a real GPU. Hover a bar for its figures.
      </figcaption>
    </figure>
  );
}

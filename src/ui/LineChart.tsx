// A small d3 line chart for loss/accuracy curves. d3 computes scales, ticks and paths; React owns the DOM.
// Points are drawn as given — no smoothing here, so the tutorial's period-2 oscillation stays visible.
import { extent, line, max, min, scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';

export interface Series {
  name: string;
  color: string;
  points: ReadonlyArray<readonly [number, number]>;
  dashed?: boolean;
}

interface Props {
  series: Series[];
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
  height?: number;
  width?: number;
  logY?: boolean;
  /** Fixed y-range, e.g. [0, 1] for accuracy. */
  yDomain?: [number, number];
  testId?: string;
}

const MARGIN = { top: 10, right: 12, bottom: 34, left: 52 };

/**
 * Reduces a long series to about `limit` points by keeping each bucket's minimum and maximum (in order), so
 * charts stay cheap at 100k steps and fast oscillations still show as a band instead of vanishing.
 */
function thin(points: ReadonlyArray<readonly [number, number]>, limit: number): ReadonlyArray<readonly [number, number]> {
  if (points.length <= limit) return points;
  const bucket = Math.ceil((2 * points.length) / limit);
  const out: (readonly [number, number])[] = [];
  for (let start = 0; start < points.length; start += bucket) {
    const end = Math.min(points.length, start + bucket);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (points[i][1] < points[lo][1]) lo = i;
      if (points[i][1] > points[hi][1]) hi = i;
    }
    if (lo === hi) out.push(points[lo]);
    else if (lo < hi) out.push(points[lo], points[hi]);
    else out.push(points[hi], points[lo]);
  }
  return out;
}

export function LineChart({ series, xLabel, yLabel, ariaLabel, height = 180, width = 360, logY = false, yDomain, testId }: Props) {
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;

  const { paths, xTicks, yTicks, x, y } = useMemo(() => {
    const visible = series.map((s) => ({ ...s, points: thin(s.points.filter(([, v]) => Number.isFinite(v) && (!logY || v > 0)), 2000) }));
    const all = visible.flatMap((s) => s.points);
    const [x0, x1] = extent(all, (p) => p[0]);
    const xScale = scaleLinear().domain([x0 ?? 0, x1 !== undefined && x1 !== x0 ? x1 : (x0 ?? 0) + 1]).range([0, innerW]);
    let yLo = yDomain?.[0] ?? min(all, (p) => p[1]) ?? 0;
    let yHi = yDomain?.[1] ?? max(all, (p) => p[1]) ?? 1;
    if (yHi === yLo) { yHi = yLo + (Math.abs(yLo) || 1) * 0.1; yLo -= (Math.abs(yLo) || 1) * 0.1; }
    const yScale = (logY ? scaleLog() : scaleLinear()).domain([yLo, yHi]).range([innerH, 0]);
    if (!logY && !yDomain) yScale.nice();
    const gen = line<readonly [number, number]>().x((p) => xScale(p[0])).y((p) => yScale(p[1]));
    return {
      paths: visible.map((s) => ({ ...s, d: gen(s.points) ?? '' })),
      xTicks: xScale.ticks(5),
      // Log scales offer a tick per digit; keep about four so the labels never collide.
      yTicks: yScale.ticks(4).filter((_, i, all) => all.length <= 5 || i % Math.ceil(all.length / 4) === 0),
      x: xScale,
      y: yScale,
    };
  }, [series, innerW, innerH, logY, yDomain]);

  const fmt = (v: number) => (Math.abs(v) >= 1000 ? `${+(v / 1000).toPrecision(3)}k` : `${+v.toPrecision(3)}`);

  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={ariaLabel} width="100%">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {yTicks.map((t) => (
            <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
              <line x2={innerW} className="chart-grid" />
              <text x={-6} dy="0.32em" textAnchor="end" className="chart-tick">{fmt(t)}</text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text key={`x${t}`} x={x(t)} y={innerH + 16} textAnchor="middle" className="chart-tick">{fmt(t)}</text>
          ))}
          <line y1={innerH} y2={innerH} x2={innerW} className="chart-axis" />
          {paths.map((s) => (
            <path key={s.name} d={s.d} fill="none" stroke={s.color} strokeWidth={1.5} strokeDasharray={s.dashed ? '4 3' : undefined} />
          ))}
          <text x={innerW / 2} y={innerH + 30} textAnchor="middle" className="chart-label">{xLabel}</text>
          <text transform={`translate(${-40},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="chart-label">{yLabel}</text>
        </g>
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.name}><i style={{ background: s.color }} aria-hidden="true" /> {s.name}</span>
        ))}
      </figcaption>
    </figure>
  );
}

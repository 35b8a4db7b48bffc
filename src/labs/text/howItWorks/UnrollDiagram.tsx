// A training window of T characters unrolled in time: each column feeds character c_t into the cell, the
// state h_t flows right to the next column, and every column predicts the next character. Backpropagation
// through time runs the same picture right to left. Long windows show the first three and the last column.
import './howItWorks.css';

interface Props {
  seqLength: number;
  layers: number;
  cellLabel: string;
}

const COL_W = 92;
const ROW_H = 46;

export function UnrollDiagram({ seqLength, layers, cellLabel }: Props) {
  const shown = seqLength <= 5 ? Array.from({ length: seqLength }, (_, i) => i + 1) : [1, 2, 3, 0, seqLength];
  const width = 40 + shown.length * COL_W;
  const top = 30;
  const cellsTop = top + ROW_H;
  const height = cellsTop + layers * ROW_H + ROW_H + 30;
  const colX = (i: number) => 40 + i * COL_W + COL_W / 2;
  const layerY = (l: number) => cellsTop + (layers - 1 - l) * ROW_H + ROW_H / 2;
  const outY = top + ROW_H / 2 - ROW_H + 16;
  const inY = cellsTop + layers * ROW_H + ROW_H / 2;

  return (
    <svg
      className="tl-unroll"
      viewBox={`0 -20 ${width} ${height}`}
      role="img"
      aria-label={`A window of ${seqLength} characters unrolled through ${layers} ${cellLabel} layer${layers > 1 ? 's' : ''}: each step reads one character and predicts the next; the state flows from step to step.`}
      data-testid="text-unroll"
    >
      <defs>
        <marker id="tl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="tl-svg-arrowhead" />
        </marker>
      </defs>
      <text x={6} y={layerY(0) + 4} className="tl-svg-small">
        h₀=0
      </text>
      {shown.map((t, i) => {
        const x = colX(i);
        if (t === 0) {
          return (
            <text key={`gap${i}`} x={x} y={layerY(0) + 5} textAnchor="middle" className="tl-svg-label">
              …
            </text>
          );
        }
        return (
          <g key={t}>
            <text x={x} y={outY} textAnchor="middle" className="tl-svg-label">
              p(c<tspan baselineShift="sub" fontSize="70%">{t + 1}</tspan>)
            </text>
            <line x1={x} y1={layerY(layers - 1) - 14} x2={x} y2={outY + 6} className="tl-svg-edge" markerEnd="url(#tl-arrow)" />
            {Array.from({ length: layers }, (_, l) => (
              <g key={l}>
                <rect x={x - 30} y={layerY(l) - 14} width={60} height={28} rx={6} className="tl-svg-cell" />
                <text x={x} y={layerY(l) + 4} textAnchor="middle" className="tl-svg-small">
                  {cellLabel}
                  {layers > 1 ? ` ${l + 1}` : ''}
                </text>
                {l > 0 && <line x1={x} y1={layerY(l - 1) - 14} x2={x} y2={layerY(l) + 14} className="tl-svg-edge" markerEnd="url(#tl-arrow)" />}
                {i + 1 < shown.length && (
                  <line x1={x + 30} y1={layerY(l)} x2={x + COL_W - 30} y2={layerY(l)} className="tl-svg-edge" strokeDasharray={shown[i + 1] === 0 || t === 0 ? '3 3' : undefined} markerEnd="url(#tl-arrow)" />
                )}
              </g>
            ))}
            <line x1={x} y1={inY - 10} x2={x} y2={layerY(0) + 14} className="tl-svg-edge" markerEnd="url(#tl-arrow)" />
            <text x={x} y={inY + 4} textAnchor="middle" className="tl-svg-label">
              c<tspan baselineShift="sub" fontSize="70%">{t}</tspan>
            </text>
          </g>
        );
      })}
      <text x={width / 2} y={inY + 30} textAnchor="middle" className="tl-svg-small">
        T = {seqLength} characters in, {seqLength} predictions out · gradients flow back through all {seqLength} steps
      </text>
    </svg>
  );
}

// The network as a diagram: inputs, hidden units, outputs. Hovering or focusing a hidden unit shows its own
// activation over the plane in the main view.
import { CLASS_COLORS } from './colors';

interface Props {
  hidden: number;
  classes: number;
  activation: string;
  hovered: number | null;
  onHover: (unit: number | null) => void;
}

/** Above this many hidden units the diagram draws a sample of them (every unit is still hoverable by number). */
const MAX_DRAWN = 24;

export function NetworkDiagram({ hidden, classes, activation, hovered, onHover }: Props) {
  const W = 340;
  const shown = Math.min(hidden, MAX_DRAWN);
  const rows = Math.max(shown, classes, 2);
  const H = Math.max(120, rows * 22 + 30);
  const y = (i: number, n: number) => 20 + ((i + 0.5) * (H - 40)) / n;
  const xs = [40, W / 2, W - 40];
  const unitIndex = (i: number) => (hidden <= MAX_DRAWN ? i : Math.round((i * (hidden - 1)) / (shown - 1)));

  return (
    <div className="panel network">
      <h2>The network</h2>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="group" aria-label={`2 inputs, ${hidden} ${activation} hidden units, ${classes} softmax outputs`} data-testid="network-diagram">
        {[0, 1].map((i) =>
          Array.from({ length: shown }, (_, j) => (
            <line key={`a${i}-${j}`} x1={xs[0]} y1={y(i, 2)} x2={xs[1]} y2={y(j, shown)} className="edge" />
          )),
        )}
        {Array.from({ length: shown }, (_, j) =>
          Array.from({ length: classes }, (_, k) => (
            <line key={`b${j}-${k}`} x1={xs[1]} y1={y(j, shown)} x2={xs[2]} y2={y(k, classes)} className="edge" />
          )),
        )}
        {['x₁', 'x₂'].map((t, i) => (
          <g key={t}>
            <circle cx={xs[0]} cy={y(i, 2)} r={9} className="node input" />
            <text x={xs[0] - 16} y={y(i, 2)} dy="0.35em" textAnchor="end" className="node-label">{t}</text>
          </g>
        ))}
        {Array.from({ length: shown }, (_, j) => {
          const unit = unitIndex(j);
          return (
            <circle
              key={`h${j}`}
              cx={xs[1]}
              cy={y(j, shown)}
              r={8}
              className={`node hidden-unit${hovered === unit ? ' active' : ''}`}
              tabIndex={0}
              role="button"
              aria-label={`Hidden unit ${unit + 1}: show its activation map`}
              data-testid={`hidden-unit-${unit}`}
              onPointerEnter={() => onHover(unit)}
              onPointerLeave={() => onHover(null)}
              onFocus={() => onHover(unit)}
              onBlur={() => onHover(null)}
            />
          );
        })}
        {Array.from({ length: classes }, (_, k) => (
          <circle key={`o${k}`} cx={xs[2]} cy={y(k, classes)} r={9} fill={CLASS_COLORS[k]} className="node output" />
        ))}
      </svg>
      <p className="muted small">
        {hovered !== null
          ? `Showing hidden unit ${hovered + 1}'s ${activation} activation over the plane (blue positive, orange negative).`
          : 'Hover or focus a hidden unit to see what it computes over the plane.'}
        {hidden > MAX_DRAWN && ` Drawing ${shown} of ${hidden} units.`}
      </p>
    </div>
  );
}

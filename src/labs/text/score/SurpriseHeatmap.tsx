// One scored line as a heatmap: each character a span whose background shows its surprise (−log p). Hover
// or keyboard focus (Tab into the line, then ← →) shows the model's five best guesses at that point.
import { useState, type KeyboardEvent } from 'react';
import type { LineScore } from '../../../workers/textProtocol';
import { visibleChar } from '../format';
import { alignPerChar } from './rankScores';
import { surpriseBackground } from './surpriseColor';
import './score.css';

type CharScore = LineScore['perChar'][number];

export function SurpriseHeatmap({ score }: { score: LineScore }) {
  const cells = alignPerChar(score.line, score.perChar);
  const [active, setActive] = useState<number>();
  const activeCell = active !== undefined ? cells[active] : undefined;

  const onKeyDown = (e: KeyboardEvent<HTMLSpanElement>) => {
    const target = e.key === 'ArrowRight' ? e.currentTarget.nextElementSibling : e.key === 'ArrowLeft' ? e.currentTarget.previousElementSibling : null;
    if (target instanceof HTMLElement) {
      e.preventDefault();
      target.focus();
    }
  };

  return (
    <div className="tl-heatmap-wrap">
      {/* A labelled group of labelled cells (role img: a plain span may not carry aria-label). */}
      <p className="tl-heatmap" role="group" aria-label={`Surprise of each character of: ${score.line}`} data-testid="text-heatmap">
        {cells.map((cell, i) => {
          const bits = cell.score ? cell.score.surprise / Math.LN2 : undefined;
          return (
            <span
              key={i}
              className={cell.score ? 'tl-hc' : 'tl-hc tl-hc-context'}
              role="img"
              style={bits !== undefined ? { background: surpriseBackground(bits) } : undefined}
              tabIndex={i === 0 ? 0 : -1}
              onMouseEnter={() => setActive(i)}
              onMouseLeave={() => setActive((a) => (a === i ? undefined : a))}
              onFocus={() => setActive(i)}
              onBlur={() => setActive((a) => (a === i ? undefined : a))}
              onKeyDown={onKeyDown}
              aria-label={bits !== undefined ? `${visibleChar(cell.char)}: ${bits.toFixed(1)} bits` : `${visibleChar(cell.char)}: context, not scored`}
              data-testid="text-heatmap-char"
            >
              {cell.char}
            </span>
          );
        })}
      </p>
      <div className="tl-guess" aria-live="polite" data-testid="text-guesses">
        {activeCell ? <Guesses char={activeCell.char} score={activeCell.score} /> : <span className="tl-muted">Hover or focus a character to see what the model expected there.</span>}
      </div>
    </div>
  );
}

function Guesses({ char, score }: { char: string; score?: CharScore }) {
  if (!score) return <span>“{visibleChar(char)}” is context only: the model has nothing before it to predict from.</span>;
  const bits = score.surprise / Math.LN2;
  return (
    <span>
      “{visibleChar(char)}”: {Number.isFinite(bits) ? `${bits.toFixed(2)} bits of surprise (p = ${Math.exp(-score.surprise).toPrecision(2)})` : 'impossible under the model'}. The model expected{' '}
      {score.top.map((t, k) => (
        <span key={k} className={t.char === char ? 'tl-guess-item tl-guess-hit' : 'tl-guess-item'}>
          “{visibleChar(t.char)}” {(t.p * 100).toFixed(1)}%{k < score.top.length - 1 ? ', ' : ''}
        </span>
      ))}
      .
    </span>
  );
}

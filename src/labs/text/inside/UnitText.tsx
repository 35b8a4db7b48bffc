// The text, each character's background coloured by one unit's value (Karpathy et al. 2015, figure 2).
// Characters are React text nodes (never HTML). The box is focusable: ←/→ or j/k step through the units.
import { useMemo, type KeyboardEvent } from 'react';
import { unitBackground } from './unitColor';

interface Props {
  chars: string[];
  /** One value per character. */
  column: Float32Array;
  lo: number;
  hi: number;
  label: string;
  /** Steps the unit by ±1 (keyboard). */
  onStep(delta: number): void;
  /** Positions to outline (the top contexts). */
  marked?: ReadonlySet<number>;
}

/** How a character is drawn: a visible mark for newlines and tabs. */
export function visibleChar(ch: string): string {
  return ch === '\n' ? '↵\n' : ch === '\t' ? '⇥' : ch;
}

export function UnitText({ chars, column, lo, hi, label, onStep, marked }: Props) {
  const spans = useMemo(
    () =>
      chars.map((ch, t) => (
        <span key={t} style={{ background: unitBackground(column[t], lo, hi) }} title={column[t].toFixed(3)} className={marked?.has(t) ? 'tl-in-mark' : undefined}>
          {visibleChar(ch)}
        </span>
      )),
    [chars, column, lo, hi, marked],
  );
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowRight' || e.key === 'j') onStep(1);
    else if (e.key === 'ArrowLeft' || e.key === 'k') onStep(-1);
    else return;
    e.preventDefault();
  };
  return (
    <div className="tl-in-text" tabIndex={0} role="group" aria-label={label} aria-roledescription="text coloured by a unit" onKeyDown={onKey} data-testid="inside-text">
      {spans}
    </div>
  );
}

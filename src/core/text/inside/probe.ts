// The probe: which units follow a pattern of the text? A pattern becomes one target value per character
// (1 inside quotes, the column in the line, …), and each unit is scored by the Pearson correlation between
// its values over the text and that target (Karpathy et al. 2015 found quote-, bracket- and line-length
// cells this way, by eye). Correlation ignores scale and offset, so a unit that is −1 inside quotes ranks as
// high as one that is +1; the sign is kept for the page to show.
//
// Targets are aligned with UnitTrace: target[t] describes the text *after reading* character t.

export type ProbePattern = 'quotes' | 'parens' | 'line-position' | 'after-full-stop' | 'digit' | 'uppercase';

export const PROBE_PATTERNS: { id: ProbePattern; label: string }[] = [
  { id: 'quotes', label: 'inside "quotes"' },
  { id: 'parens', label: 'inside (parentheses)' },
  { id: 'line-position', label: 'position in the line' },
  { id: 'after-full-stop', label: 'after a full stop' },
  { id: 'digit', label: 'a digit' },
  { id: 'uppercase', label: 'an uppercase letter' },
];

/** One target value per code point of `text`. */
export function patternTarget(text: string, pattern: ProbePattern): Float32Array {
  const chars = [...text];
  const out = new Float32Array(chars.length);
  let inQuote = false;
  let depth = 0;
  let column = 0;
  let afterStop = false;
  chars.forEach((ch, t) => {
    switch (pattern) {
      case 'quotes':
        // The opening quote counts as inside, the closing one as outside: the state after reading it.
        if (ch === '"' || ch === '“' || ch === '”') inQuote = ch === '“' ? true : ch === '”' ? false : !inQuote;
        out[t] = inQuote ? 1 : 0;
        break;
      case 'parens':
        if (ch === '(') depth++;
        else if (ch === ')') depth = Math.max(0, depth - 1);
        out[t] = depth > 0 ? 1 : 0;
        break;
      case 'line-position':
        out[t] = column;
        column = ch === '\n' ? 0 : column + 1;
        break;
      case 'after-full-stop':
        // From a '.' through the spaces after it, until the next word starts.
        if (ch === '.') afterStop = true;
        else if (!/\s/u.test(ch)) afterStop = false;
        out[t] = afterStop ? 1 : 0;
        break;
      case 'digit':
        out[t] = /\p{Nd}/u.test(ch) ? 1 : 0;
        break;
      case 'uppercase':
        out[t] = ch !== ch.toLowerCase() && ch === ch.toUpperCase() ? 1 : 0;
        break;
    }
  });
  return out;
}

export interface UnitCorrelation {
  unit: number;
  /** Pearson r in −1..1 (0 for a unit that never changes). */
  r: number;
}

/**
 * Pearson r of every unit's column of `values` [T, H] with `target` [T], sorted by |r|, largest first.
 * r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²). Null when the target is constant (nothing to correlate with).
 */
export function rankUnits(values: ArrayLike<number>, hidden: number, target: ArrayLike<number>): UnitCorrelation[] | null {
  const T = target.length;
  if (values.length !== T * hidden) throw new RangeError(`values hold ${values.length} numbers, expected ${T}×${hidden}`);
  let yMean = 0;
  for (let t = 0; t < T; t++) yMean += target[t];
  yMean /= T;
  let syy = 0;
  for (let t = 0; t < T; t++) syy += (target[t] - yMean) ** 2;
  if (!(syy > 0)) return null;
  const mean = new Float64Array(hidden);
  for (let t = 0; t < T; t++) for (let j = 0; j < hidden; j++) mean[j] += values[t * hidden + j];
  for (let j = 0; j < hidden; j++) mean[j] /= T;
  const sxy = new Float64Array(hidden);
  const sxx = new Float64Array(hidden);
  for (let t = 0; t < T; t++) {
    const dy = target[t] - yMean;
    for (let j = 0; j < hidden; j++) {
      const dx = values[t * hidden + j] - mean[j];
      sxy[j] += dx * dy;
      sxx[j] += dx * dx;
    }
  }
  const out: UnitCorrelation[] = [];
  for (let j = 0; j < hidden; j++) {
    const r = sxx[j] > 1e-20 ? sxy[j] / Math.sqrt(sxx[j] * syy) : 0;
    out.push({ unit: j, r: Number.isFinite(r) ? r : 0 });
  }
  return out.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.unit - b.unit);
}

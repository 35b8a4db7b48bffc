// The small random-number interface the rest of the app uses (datasets, weight init, sampling, splits).
// Any seeded generator can stand behind it; the one we ship is MT19937 (see mt19937.ts), so a seed
// reproduces NumPy's `np.random.seed(seed)` stream where that matters (the tutorial data and weights).

export interface Rng {
  /** Uniform double in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [0, n); n must be a positive integer ≤ 2^32. */
  int(n: number): number;
}

/**
 * Maps any finite number to a valid MT19937 seed in [0, 2^32 − 1]: truncates, then wraps modulo 2^32
 * (so −1 becomes 4294967295, like a C cast). Non-finite input maps to 0 rather than throwing, because
 * seeds come from UI fields.
 */
export function normalizeSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  const t = Math.trunc(seed) % 4294967296;
  return t < 0 ? t + 4294967296 : t;
}

/** Fisher–Yates shuffle in place, drawing from `rng` (the generic version; MT19937.shuffle is NumPy's exact one). */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

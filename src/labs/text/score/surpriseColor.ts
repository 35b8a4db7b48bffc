// Colour scale for the per-character surprise heatmap: 0 bits (certain) is transparent, `maxBits` and
// above is a saturated red. Alpha grows with the square root so middling surprise stays visible.

/** Surprise in bits at which the colour saturates (≈ 1 chance in 256). */
export const SATURATION_BITS = 8;

export function surpriseAlpha(bits: number, maxBits = SATURATION_BITS): number {
  if (!Number.isFinite(bits)) return 1;
  const t = Math.min(1, Math.max(0, bits / maxBits));
  return Math.sqrt(t);
}

export function surpriseBackground(bits: number, maxBits = SATURATION_BITS): string {
  const a = surpriseAlpha(bits, maxBits);
  return `rgba(220, 38, 38, ${a.toFixed(3)})`;
}

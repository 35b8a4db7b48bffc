// The plotting window for a set of points.

import type { Point } from './types';

/** A rectangle of the input plane: the plotting window, and the grid of the decision-boundary heatmaps. */
export interface Extent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The window used when there is nothing to measure (all presets fit in it). */
export const DEFAULT_EXTENT: Extent = { xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 };

/**
 * Bounding box of the finite points, widened by `pad` data units on every side. Degenerate boxes
 * (one point, or all on a line) get a span of at least 2·pad, or 1 when pad is 0, so a plot never
 * divides by zero. No finite points → DEFAULT_EXTENT.
 */
export function extentOf(points: readonly Point[], pad = 0.5): Extent {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    if (p.x < xMin) xMin = p.x;
    if (p.x > xMax) xMax = p.x;
    if (p.y < yMin) yMin = p.y;
    if (p.y > yMax) yMax = p.y;
  }
  if (xMin > xMax) return { ...DEFAULT_EXTENT };
  const minHalf = pad > 0 ? 0 : 0.5;
  const widen = (lo: number, hi: number): [number, number] => {
    const half = Math.max((hi - lo) / 2, minHalf);
    const mid = (lo + hi) / 2;
    return [mid - half - pad, mid + half + pad];
  };
  const [x0, x1] = widen(xMin, xMax);
  const [y0, y1] = widen(yMin, yMax);
  return { xMin: x0, xMax: x1, yMin: y0, yMax: y1 };
}

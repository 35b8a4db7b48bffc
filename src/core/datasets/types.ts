// Shared shapes for the Classify lab's 2-D data.

/** One labelled point in the plane. `label` is a class index 0..MAX_CLASSES−1. */
export interface Point {
  x: number;
  y: number;
  label: number;
}

export interface Dataset {
  points: Point[];
  /** Number of classes the model should have outputs for (max label + 1 for loaded data). */
  numClasses: number;
}

/** The UI has colours for six classes; labels outside 0..5 are rejected on import. */
export const MAX_CLASSES = 6;

/** What every generator takes. `classes` is clamped to the preset's range; `noise` is in data units. */
export interface GeneratorOptions {
  count: number;
  noise: number;
  classes: number;
  seed: number;
}

export type Generator = (opts: GeneratorOptions) => Dataset;

/**
 * Packs points for the math engines: X is N×2 row-major (X[2i] = x_i, X[2i+1] = y_i), y holds labels.
 */
export function toArrays(points: readonly Point[]): { X: Float64Array; y: Int32Array } {
  const X = new Float64Array(points.length * 2);
  const y = new Int32Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    X[2 * i] = p.x;
    X[2 * i + 1] = p.y;
    y[i] = p.label;
  }
  return { X, y };
}

/** Wraps loose points (e.g. from CSV) as a Dataset; numClasses = max label + 1, at least 2. */
export function datasetFromPoints(points: Point[]): Dataset {
  let maxLabel = 0;
  for (const p of points) if (p.label > maxLabel) maxLabel = p.label;
  return { points, numClasses: Math.max(2, maxLabel + 1) };
}

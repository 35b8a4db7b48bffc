// Can this data be trained on? One human-readable reason, or null.

import { MAX_CLASSES } from './types';
import type { Point } from './types';

export function validateDataset(points: readonly Point[]): string | null {
  if (points.length < 2) {
    return `Need at least two points to train on; this data has ${points.length === 0 ? 'none' : 'only one'}.`;
  }
  const seen = new Set<number>();
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      return `Point ${i + 1} has a coordinate that is not a finite number (${p.x}, ${p.y}).`;
    }
    if (!Number.isInteger(p.label) || p.label < 0 || p.label >= MAX_CLASSES) {
      return `Point ${i + 1} has label ${p.label}; labels must be whole numbers from 0 to ${MAX_CLASSES - 1}.`;
    }
    seen.add(p.label);
  }
  if (seen.size < 2) {
    return `All points are in class ${[...seen][0]}; a classifier needs at least two classes.`;
  }
  return null;
}

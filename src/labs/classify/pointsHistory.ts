// Undo/redo over the point set. Every edit (a click, a whole drag stroke, an erase, a clear, a preset, an
// import) is one entry; the stacks hold snapshots, which is cheap at playground sizes (≤ a few thousand).
import type { Point } from '../../core/datasets';

export interface PointsHistory {
  past: Point[][];
  present: Point[];
  future: Point[][];
}

export type PointsAction =
  | { type: 'replace'; points: Point[] }
  /** Begins a drag stroke: pushes one undo entry; following 'stroke' actions extend it without new entries. */
  | { type: 'begin' }
  | { type: 'stroke'; points: Point[] }
  | { type: 'undo' }
  | { type: 'redo' };

const LIMIT = 100;

export function pointsReducer(state: PointsHistory, action: PointsAction): PointsHistory {
  switch (action.type) {
    case 'replace':
      if (action.points === state.present) return state;
      return { past: [...state.past, state.present].slice(-LIMIT), present: action.points, future: [] };
    case 'begin':
      return { past: [...state.past, state.present].slice(-LIMIT), present: state.present, future: [] };
    case 'stroke':
      return { ...state, present: action.points };
    case 'undo': {
      if (state.past.length === 0) return state;
      const previous = state.past[state.past.length - 1];
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] };
    }
    case 'redo': {
      if (state.future.length === 0) return state;
      const [next, ...rest] = state.future;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
  }
}

/** Index of the point nearest to (x, y) within `radius`, or −1. */
export function nearestPoint(points: readonly Point[], x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < points.length; i++) {
    const dx = points[i].x - x;
    const dy = points[i].y - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

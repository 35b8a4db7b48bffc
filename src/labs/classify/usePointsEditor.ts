// The Classify lab's data: where it came from (DataSpec), the points with undo/redo, the drawing tool, and the
// plane's window. Drawing and erasing mark the data as 'drawn'; a preset or an import re-fits the window
// (drawing must not move the axes under the pointer).
import { useCallback, useReducer, useRef, useState } from 'react';
import type { Extent, Point } from '../../core/datasets';
import { generatePoints, squareExtent } from './derive';
import type { DataSpec, LabState } from './labState';
import type { Tool } from './PlaneView';
import { nearestPoint, pointsReducer } from './pointsHistory';
import { useDrawingShortcuts } from './useDrawingShortcuts';

/** Clicks within this distance (data units) of a point erase it. */
const ERASE_RADIUS = 0.25;

export interface PointsEditor {
  dataSpec: DataSpec;
  points: Point[];
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
  tool: Tool;
  setTool: (tool: Tool) => void;
  /** The plane's square window. */
  extent: Extent;
  onStrokeStart: () => void;
  onAdd: (x: number, y: number, label: number) => void;
  onErase: (x: number, y: number) => void;
  /** A preset (or new preset options): generates its points and re-fits the window. */
  applyPreset: (spec: DataSpec) => void;
  /** New split of the same points. */
  setTestFraction: (testFraction: number) => void;
  /** Cleared or imported points (one undo entry); `refit` fits the window to them. */
  replacePoints: (points: Point[], refit: boolean) => void;
}

export function usePointsEditor(initial: LabState): PointsEditor {
  const [dataSpec, setDataSpec] = useState<DataSpec>(initial.data);
  const [history, dispatch] = useReducer(pointsReducer, undefined, () => ({
    past: [],
    present: initial.points ?? generatePoints(initial.data),
    future: [],
  }));
  const points = history.present;
  const [tool, setTool] = useState<Tool>({ kind: 'add', label: 0 });
  const [extent, setExtent] = useState(() => squareExtent(points));
  useDrawingShortcuts(dispatch, setTool);

  // Stroke handlers read the newest points through a ref, so a drag never adds to a stale list.
  const pointsRef = useRef(points);
  pointsRef.current = points;
  const markDrawn = useCallback(() => setDataSpec((d) => (d.preset === 'drawn' ? d : { ...d, preset: 'drawn' })), []);
  const onStrokeStart = useCallback(() => dispatch({ type: 'begin' }), []);
  const onAdd = useCallback(
    (x: number, y: number, label: number) => {
      markDrawn();
      dispatch({ type: 'stroke', points: [...pointsRef.current, { x, y, label }] });
    },
    [markDrawn],
  );
  const onErase = useCallback(
    (x: number, y: number) => {
      const i = nearestPoint(pointsRef.current, x, y, ERASE_RADIUS);
      if (i < 0) return;
      markDrawn();
      dispatch({ type: 'stroke', points: pointsRef.current.filter((_, j) => j !== i) });
    },
    [markDrawn],
  );

  const applyPreset = (spec: DataSpec) => {
    const pts = generatePoints(spec);
    setDataSpec(spec);
    setExtent(squareExtent(pts));
    dispatch({ type: 'replace', points: pts });
  };
  const replacePoints = (pts: Point[], refit: boolean) => {
    markDrawn();
    if (refit && pts.length > 0) setExtent(squareExtent(pts));
    dispatch({ type: 'replace', points: pts });
  };

  return {
    dataSpec,
    points,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    tool,
    setTool,
    extent,
    onStrokeStart,
    onAdd,
    onErase,
    applyPreset,
    setTestFraction: (testFraction) => setDataSpec({ ...dataSpec, testFraction }),
    replacePoints,
  };
}

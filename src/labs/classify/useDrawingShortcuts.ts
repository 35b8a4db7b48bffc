// The Classify lab's keyboard shortcuts: 1–6 pick a class, E the eraser, Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z
// or Ctrl+Y redo. Keys typed into form fields are left alone.
import { useEffect, type Dispatch } from 'react';
import type { Tool } from './PlaneView';
import type { PointsAction } from './pointsHistory';

/** `dispatch` and `setTool` must be stable (a reducer's dispatch, a state setter). */
export function useDrawingShortcuts(dispatch: Dispatch<PointsAction>, setTool: (tool: Tool) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        dispatch({ type: 'redo' });
      } else if (!mod && /^[1-6]$/.test(e.key)) {
        setTool({ kind: 'add', label: Number(e.key) - 1 });
      } else if (!mod && e.key.toLowerCase() === 'e') {
        setTool({ kind: 'erase' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, setTool]);
}

// The data plane: the decision-boundary heatmap (or one hidden unit's activation map) under the points, and
// the drawing surface. The heatmap is redrawn by an animation-frame loop whenever a new snapshot arrived,
// independently of React renders and of the training speed.
import { useEffect, useRef, useState } from 'react';
import type { Extent, Point } from '../../core/datasets';
import { GridScratch, hiddenGrid, probabilityGrid } from '../../core/mlp/grid';
import type { Activation } from '../../core/mlp/types';
import { CLASS_COLORS, CLASS_NAMES } from './colors';
import { paintActivations, paintProbabilities } from './heatmap';
import type { Snapshot } from './useTrainer';

export type Tool = { kind: 'add'; label: number } | { kind: 'erase' };

interface Props {
  points: readonly Point[];
  testPoints: ReadonlySet<Point>;
  extent: Extent;
  activation: Activation;
  snapshots: React.RefObject<Map<string, Snapshot>>;
  run: string;
  hoveredUnit: number | null;
  tool: Tool;
  /** Starts one undoable edit (a click or a drag stroke). */
  onStrokeStart: () => void;
  onAdd: (x: number, y: number, label: number) => void;
  onErase: (x: number, y: number) => void;
  size?: number;
  /** Grid cells per side of the heatmap. */
  resolution?: number;
  interactive?: boolean;
  testId?: string;
  label?: string;
}

/** Minimum distance between points painted by one drag, in data units. */
const PAINT_SPACING = 0.08;

export function PlaneView(props: Props) {
  const { points, testPoints, extent, activation, snapshots, run, hoveredUnit, size = 480, resolution = 100, interactive = true } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const latest = useRef({ points, testPoints, extent, activation, hoveredUnit, cursor });
  latest.current = { points, testPoints, extent, activation, hoveredUnit, cursor };
  const redraw = useRef(true);
  useEffect(() => {
    redraw.current = true;
  }, [points, testPoints, extent, activation, hoveredUnit, cursor]);

  // The animation loop: recompute the grid only when the weights or the view changed.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = Math.round(size * dpr);
    canvas.height = Math.round(size * dpr);
    const grid = document.createElement('canvas');
    grid.width = resolution;
    grid.height = resolution;
    const gridCtx = grid.getContext('2d');
    if (!gridCtx) return;
    const image = gridCtx.createImageData(resolution, resolution);
    const scratch = new GridScratch();
    let probs = new Float32Array(0);
    const unitValues = new Float32Array(resolution * resolution);
    let drawnVersion = -1;
    let frame = 0;

    const draw = () => {
      frame = requestAnimationFrame(draw);
      const snap = snapshots.current?.get(run);
      const version = snap?.version ?? -1;
      if (version === drawnVersion && !redraw.current) return;
      drawnVersion = version;
      redraw.current = false;
      const v = latest.current;
      const cells = resolution * resolution;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (snap) {
        const p = snap.params;
        if (v.hoveredUnit !== null && v.hoveredUnit < p.hidden) {
          hiddenGrid(p, v.activation, v.hoveredUnit, v.extent, resolution, resolution, unitValues, scratch);
          paintActivations(unitValues, cells, image.data);
        } else {
          if (probs.length < cells * p.classes) probs = new Float32Array(cells * p.classes);
          probabilityGrid(p, v.activation, v.extent, resolution, resolution, probs, scratch);
          paintProbabilities(probs, p.classes, cells, image.data);
        }
        gridCtx.putImageData(image, 0, 0);
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(grid, 0, 0, size, size);
      } else {
        ctx.fillStyle = '#fafafa';
        ctx.fillRect(0, 0, size, size);
      }
      drawPoints(ctx, v.points, v.testPoints, v.extent, size);
      if (v.cursor) drawCursor(ctx, v.cursor, v.extent, size);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [snapshots, run, size, resolution]);

  // ---- Drawing with pointer events (mouse, touch, pen) and the keyboard.
  const stroke = useRef<{ lastX: number; lastY: number; erase: boolean } | null>(null);

  const toData = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    return { x: extent.xMin + fx * (extent.xMax - extent.xMin), y: extent.yMax - fy * (extent.yMax - extent.yMin) };
  };

  const apply = (x: number, y: number, erase: boolean) => {
    if (erase) props.onErase(x, y);
    else if (props.tool.kind === 'add') props.onAdd(x, y, props.tool.label);
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!interactive) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const { x, y } = toData(e);
    const erase = props.tool.kind === 'erase' || e.button === 2;
    stroke.current = { lastX: x, lastY: y, erase };
    props.onStrokeStart();
    apply(x, y, erase);
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const s = stroke.current;
    if (!s) return;
    const { x, y } = toData(e);
    if (Math.hypot(x - s.lastX, y - s.lastY) < PAINT_SPACING) return;
    s.lastX = x;
    s.lastY = y;
    apply(x, y, s.erase);
  };

  const endStroke = () => {
    stroke.current = null;
  };

  // Keyboard drawing: arrows move a crosshair, Enter/space adds a point, Delete/Backspace erases.
  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    if (!interactive) return;
    const step = (extent.xMax - extent.xMin) / 40;
    const c = cursor ?? { x: (extent.xMin + extent.xMax) / 2, y: (extent.yMin + extent.yMax) / 2 };
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.key in moves) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      setCursor({ x: c.x + dx, y: c.y + dy });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setCursor(c);
      props.onStrokeStart();
      apply(c.x, c.y, props.tool.kind === 'erase');
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      props.onStrokeStart();
      props.onErase(c.x, c.y);
    }
  };

  const toolText = props.tool.kind === 'erase' ? 'erase the nearest point' : `add a ${CLASS_NAMES[props.tool.label]} point`;
  return (
    <canvas
      ref={canvasRef}
      className="plane"
      style={{ width: size, height: size, touchAction: 'none' }}
      data-testid={props.testId}
      data-extent={JSON.stringify(extent)}
      tabIndex={interactive ? 0 : -1}
      role={interactive ? 'application' : 'img'}
      aria-label={props.label ?? `Data plane. Click or tap to ${toolText}; drag to paint; right-click erases. Keyboard: arrows move, Enter adds, Delete erases.`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endStroke}
      onPointerCancel={endStroke}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={onKeyDown}
      onBlur={() => setCursor(null)}
    />
  );
}

function drawPoints(ctx: CanvasRenderingContext2D, points: readonly Point[], test: ReadonlySet<Point>, extent: Extent, size: number): void {
  const sx = size / (extent.xMax - extent.xMin);
  const sy = size / (extent.yMax - extent.yMin);
  const r = size > 200 ? 4 : 2;
  for (const p of points) {
    const px = (p.x - extent.xMin) * sx;
    const py = (extent.yMax - p.y) * sy;
    ctx.beginPath();
    ctx.arc(px, py, r, 0, 2 * Math.PI);
    const color = CLASS_COLORS[p.label] ?? '#000';
    if (test.has(p)) {
      // Test points: outlined, not filled.
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = color;
    } else {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = size > 200 ? 1 : 0.5;
      ctx.strokeStyle = '#fff';
    }
    ctx.stroke();
  }
}

function drawCursor(ctx: CanvasRenderingContext2D, c: { x: number; y: number }, extent: Extent, size: number): void {
  const px = ((c.x - extent.xMin) / (extent.xMax - extent.xMin)) * size;
  const py = ((extent.yMax - c.y) / (extent.yMax - extent.yMin)) * size;
  ctx.strokeStyle = '#222';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(px - 8, py);
  ctx.lineTo(px + 8, py);
  ctx.moveTo(px, py - 8);
  ctx.lineTo(px, py + 8);
  ctx.stroke();
}

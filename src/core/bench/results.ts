// What a speed run produces: one row per (task, engine), what each engine was, and derived figures
// (speed-ups over the reference engine).
import { ALL_ENGINES, type SpeedEngine, type SpeedUnit, type TaskKind } from './tasks';

/** A WebGPU adapter as the browser describes it (the same shape as the Text worker's AdapterInfo). */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** What one engine turned out to be in this browser. */
export interface EngineInfo {
  engine: SpeedEngine;
  available: boolean;
  /** What actually ran: 'scratch' or the TensorFlow.js backend name. */
  backend?: string;
  /** Why it is unavailable. */
  reason?: string;
  adapter?: AdapterSummary;
  /** A software adapter / renderer: correct but slow (SwiftShader, llvmpipe…). */
  software: boolean;
  /** WebGL renderer string, where known. */
  renderer?: string;
  tfjsVersion?: string;
}

/** 'n/a': the engine cannot run this task at all (e.g. no from-scratch LSTM); 'skipped': it could, but
 *  the time cap or an unavailable backend prevented it. */
export type RowStatus = 'ok' | 'skipped' | 'failed' | 'n/a';

export interface SpeedRow {
  task: string;
  kind: TaskKind;
  label: string;
  engine: SpeedEngine;
  status: RowStatus;
  /** Why it was skipped, failed or does not apply. */
  reason?: string;
  unit: SpeedUnit;
  /** The main figure in `unit`; null unless status is 'ok'. */
  value: number | null;
  /** Timed units (passes, steps, fits, characters) and their time. */
  units?: number;
  ms?: number;
  warmupMs?: number;
  /** Generation: request → first character, and the weight copy inside it. */
  firstCharMs?: number;
  syncMs?: number;
  /** Live tensors at the start and end of the timed part (equal when nothing leaks). */
  tensorsStart?: number;
  tensorsEnd?: number;
  heapBytes?: number | null;
  loss?: number;
  /**
   * Text training on WebGPU: GPU compute dispatches per timed step, counted in the worker
   * (src/core/text/webgpu/dispatchCounter.ts) over the timed steps, loss read-backs included.
   */
  dispatchesPerStep?: number;
  note?: string;
}

export interface SpeedReport {
  userAgent: string;
  startedAt: string;
  budgetMs: number;
  engineBudgetMs?: number;
  vocabSize?: number;
  engines: EngineInfo[];
  rows: SpeedRow[];
  /** Wall time of the whole run, ms. */
  totalMs?: number;
  cancelled?: boolean;
}

/**
 * The engine a task's speed-ups are relative to: the first that measured it in race order — from scratch
 * where it ran, else TensorFlow.js CPU, else WASM, …
 */
export function referenceRow(rows: readonly SpeedRow[], task: string): SpeedRow | undefined {
  const ok = rows.filter((r) => r.task === task && r.status === 'ok' && r.value !== null && r.value > 0);
  for (const engine of ALL_ENGINES) {
    const row = ok.find((r) => r.engine === engine);
    if (row) return row;
  }
  return undefined;
}

/** How many times faster `row` is than its task's reference (ms/frame: reference ÷ row), or null. */
export function speedup(rows: readonly SpeedRow[], row: SpeedRow): number | null {
  const ref = referenceRow(rows, row.task);
  if (!ref || row.status !== 'ok' || row.value === null || ref.value === null || row.value <= 0) return null;
  return row.unit === 'ms/frame' ? ref.value / row.value : row.value / ref.value;
}

/** The best ok row of a task (highest rate, lowest ms), optionally among some engines. */
export function bestRow(rows: readonly SpeedRow[], task: string, engines?: readonly SpeedEngine[]): SpeedRow | undefined {
  let best: SpeedRow | undefined;
  for (const r of rows) {
    if (r.task !== task || r.status !== 'ok' || r.value === null) continue;
    if (engines && !engines.includes(r.engine)) continue;
    const better = r.unit === 'ms/frame' ? r.value < (best?.value ?? Infinity) : r.value > (best?.value ?? -Infinity);
    if (better) best = r;
  }
  return best;
}

export const findRow = (rows: readonly SpeedRow[], task: string, engine: SpeedEngine): SpeedRow | undefined =>
  rows.find((r) => r.task === task && r.engine === engine);

/** A figure for people: 3 significant digits, thousands separated (1,234 · 56.7 · 0.123). */
export function formatFigure(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  if (abs >= 100) return Math.round(x).toLocaleString('en-US');
  if (abs >= 10) return x.toFixed(1);
  if (abs >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

/** 123× · 2.9× · 0.31× · 0.0012× (two significant digits below 1, so slow engines never read 0.00×). */
export function formatSpeedup(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  if (x >= 10) return `${Math.round(x).toLocaleString('en-US')}×`;
  if (x >= 1) return `${x.toFixed(1)}×`;
  return `${Number(x.toPrecision(2))}×`;
}

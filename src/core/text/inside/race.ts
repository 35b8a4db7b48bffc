// Bookkeeping of the cell race (src/workers/text/raceJob.ts runs it): which cells race, for how long, and
// the record of each one's validation curve, size and final sample, in the order they ran. Also the curves
// as CSV for the export.
import type { CellType } from '../engine';

export const RACE_CELLS: CellType[] = ['rnn', 'gru', 'lstm'];
/** Characters of held-out text each validation point is measured on (the same ones for every cell). */
export const RACE_VALID_CHARS = 4096;
export const RACE_SAMPLE_LENGTH = 200;
export const RACE_MIN_SECONDS = 2;
export const RACE_MAX_SECONDS = 120;

export interface RacePointRecord {
  elapsedMs: number;
  chars: number;
  step: number;
  validLoss: number;
}

export interface RaceEntryRecord {
  cell: CellType;
  params: number;
  points: RacePointRecord[];
  sample: string;
}

/** Why a race request is malformed, or null. */
export function raceBudgetProblem(cells: unknown, secondsEach: unknown): string | null {
  if (!Array.isArray(cells) || cells.length === 0 || cells.length > 3) return 'choose one to three cells';
  if (new Set(cells).size !== cells.length || !cells.every((c) => RACE_CELLS.includes(c as CellType))) return 'cells must be distinct, each rnn, gru or lstm';
  if (typeof secondsEach !== 'number' || !(secondsEach >= RACE_MIN_SECONDS && secondsEach <= RACE_MAX_SECONDS)) {
    return `seconds per cell must be in ${RACE_MIN_SECONDS}–${RACE_MAX_SECONDS}`;
  }
  return null;
}

export class RaceLog {
  private readonly byCell = new Map<CellType, RaceEntryRecord>();

  constructor(cells: readonly CellType[]) {
    for (const cell of cells) this.byCell.set(cell, { cell, params: 0, points: [], sample: '' });
  }

  private entry(cell: CellType): RaceEntryRecord {
    const e = this.byCell.get(cell);
    if (!e) throw new RangeError(`${cell} is not in this race`);
    return e;
  }

  add(cell: CellType, point: RacePointRecord): void {
    const points = this.entry(cell).points;
    const last = points[points.length - 1];
    if (last && (point.elapsedMs < last.elapsedMs || point.chars < last.chars)) throw new RangeError('race points must not go back in time');
    points.push({ ...point });
  }

  setParams(cell: CellType, params: number): void {
    this.entry(cell).params = params;
  }

  setSample(cell: CellType, sample: string): void {
    this.entry(cell).sample = sample;
  }

  entries(): RaceEntryRecord[] {
    return [...this.byCell.values()].map((e) => ({ ...e, points: e.points.map((p) => ({ ...p })) }));
  }
}

/** The lowest validation loss each cell reached, and its final one. */
export function raceSummary(entries: readonly RaceEntryRecord[]): { cell: CellType; best: number; last: number; chars: number }[] {
  return entries.map((e) => ({
    cell: e.cell,
    best: Math.min(...e.points.map((p) => p.validLoss)),
    last: e.points[e.points.length - 1]?.validLoss ?? NaN,
    chars: e.points[e.points.length - 1]?.chars ?? 0,
  }));
}

/** The curves as CSV: cell, seconds, chars, step, validation loss (nats/char). */
export function raceCsv(entries: readonly RaceEntryRecord[]): string {
  const rows = ['cell,seconds,chars,step,valid_loss_nats'];
  for (const e of entries) for (const p of e.points) rows.push(`${e.cell},${(p.elapsedMs / 1000).toFixed(3)},${p.chars},${p.step},${p.validLoss}`);
  return rows.join('\n') + '\n';
}

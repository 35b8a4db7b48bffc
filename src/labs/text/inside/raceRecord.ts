// A finished cell race as the lab autosaves it (with its settings record), and the check it passes when read
// back: storage is shared with other tabs and older pages, so every field is validated.
import type { CellType } from '../../../core/text/engine';
import { RACE_CELLS, RACE_SAMPLE_LENGTH } from '../../../core/text/inside/race';
import type { RaceResultEvent } from '../../../workers/textProtocol';

export type SavedRace = Omit<RaceResultEvent, 'type' | 'id'>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The race read back from storage, or undefined when anything about it is off. */
export function parseSavedRace(raw: unknown): SavedRace | undefined {
  if (!isObj(raw) || !Array.isArray(raw.entries) || raw.entries.length > 3) return undefined;
  if (!isNum(raw.hidden) || !isNum(raw.layers) || !isNum(raw.secondsEach) || typeof raw.validNote !== 'string') return undefined;
  const entries = [];
  for (const e of raw.entries as unknown[]) {
    if (!isObj(e) || !RACE_CELLS.includes(e.cell as CellType) || !isNum(e.params) || typeof e.sample !== 'string' || !Array.isArray(e.points) || e.points.length > 10_000) return undefined;
    const points = [];
    for (const p of e.points as unknown[]) {
      if (!isObj(p) || !isNum(p.elapsedMs) || !isNum(p.chars) || !isNum(p.step) || typeof p.validLoss !== 'number') return undefined;
      points.push({ elapsedMs: p.elapsedMs, chars: p.chars, step: p.step, validLoss: p.validLoss });
    }
    entries.push({ cell: e.cell as CellType, params: e.params, sample: e.sample.slice(0, RACE_SAMPLE_LENGTH * 2), points });
  }
  return { hidden: raw.hidden, layers: raw.layers, secondsEach: raw.secondsEach, validNote: raw.validNote.slice(0, 200), entries };
}

// Units over text: runs a text through the model one character at a time (state carried, from zeros) and
// records, per character, every unit of one layer: h, and for the LSTM c and its gates i, f, g, o, for the
// GRU its update z and reset r — the raw material of Karpathy, Johnson & Fei-Fei (2015), "Visualizing and
// Understanding Recurrent Networks", where text is coloured by a single cell's value. The cell math is
// JsCharStepper's (traced through its optional StepTrace argument), not repeated here.
//
// values[ch] is [T, H] row-major: values[ch][t·H + j] = unit j after reading character t.
import type { CellType } from '../engine';
import { JsCharStepper, type StepperWeights, type StepTrace, type TraceChannel } from '../jsStepper';

export type { TraceChannel } from '../jsStepper';

/** The channels each cell has, in the order the page lists them. */
export const CELL_CHANNELS: Record<CellType, TraceChannel[]> = {
  rnn: ['h'],
  gru: ['h', 'z', 'r', 'g'],
  lstm: ['h', 'c', 'i', 'f', 'g', 'o'],
};

/** Gates live in 0..1 (sigmoid); h and g in −1..1 (tanh); c is unbounded. */
export function channelRange(ch: TraceChannel): 'gate' | 'tanh' | 'cell' {
  return ch === 'h' || ch === 'g' ? 'tanh' : ch === 'c' ? 'cell' : 'gate';
}

/** At most this many characters are traced per request (2,000 × 1,024 units × 4 bytes = 8 MB per channel). */
export const MAX_TRACE_CHARS = 2000;

export interface UnitTrace {
  cell: CellType;
  layer: number;
  /** Characters traced (T). */
  steps: number;
  /** Units in the layer (H). */
  hidden: number;
  /** [T, H] per recorded channel. */
  values: Partial<Record<TraceChannel, Float32Array>>;
}

/** Traces `tokens` (from a zero state) through the model, recording `channels` of layer `layer` (0-based). */
export function traceText(weights: StepperWeights, tokens: ArrayLike<number>, layer: number, channels: readonly TraceChannel[] = CELL_CHANNELS[weights.cell]): UnitTrace {
  const H = weights.hidden;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < weights.layers.length)) throw new RangeError(`layer ${layer} outside 0–${weights.layers.length - 1}`);
  const wanted = channels.filter((ch) => CELL_CHANNELS[weights.cell].includes(ch));
  const T = tokens.length;
  const stepper = new JsCharStepper(weights);
  const buffers: Partial<Record<TraceChannel, Float64Array>> = {};
  for (const ch of wanted) buffers[ch] = new Float64Array(H);
  const trace: StepTrace = weights.layers.map((_, l) => (l === layer ? buffers : {}));
  const values: Partial<Record<TraceChannel, Float32Array>> = {};
  for (const ch of wanted) values[ch] = new Float32Array(T * H);
  stepper.reset();
  for (let t = 0; t < T; t++) {
    stepper.next(tokens[t], trace);
    for (const ch of wanted) values[ch]!.set(buffers[ch]!, t * H);
  }
  return { cell: weights.cell, layer, steps: T, hidden: H, values };
}

/** One unit's values over the text: column `unit` of a [T, H] array. */
export function unitColumn(values: Float32Array, hidden: number, unit: number): Float32Array {
  const T = values.length / hidden;
  const out = new Float32Array(T);
  for (let t = 0; t < T; t++) out[t] = values[t * hidden + unit];
  return out;
}

export interface TopContext {
  /** Character index of the peak. */
  at: number;
  value: number;
}

/** The `count` positions where a unit is most active (largest values), at least `spread` characters apart. */
export function topPositions(column: ArrayLike<number>, count = 10, spread = 5): TopContext[] {
  const order = Array.from({ length: column.length }, (_, i) => i).sort((a, b) => column[b] - column[a]);
  const picked: TopContext[] = [];
  for (const i of order) {
    if (picked.length >= count) break;
    if (picked.some((p) => Math.abs(p.at - i) < spread)) continue;
    picked.push({ at: i, value: column[i] });
  }
  return picked;
}

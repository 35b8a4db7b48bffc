// Evaluating the network over a grid of the input plane, for the decision-boundary and hidden-unit heatmaps.
//
// Cell (col c, row r) is sampled at its centre: x = xMin + (c + ½)·(xMax − xMin)/cols and
// y = yMax − (r + ½)·(yMax − yMin)/rows, i.e. row 0 is the TOP of the plane (image order, y grows upward).
// z1 separates into a column part and a row part, x·W1[0] + (y·W1[1] + b1), so each grid row costs one
// pass over cols×H sums plus the activations — about 120×120×H·(K+2) multiply-adds per frame.
import { activateInPlace } from './activations';
import type { Activation, Extent, MlpParams } from './types';

/** Buffers reused across frames; they grow when the grid or the network does. */
export class GridScratch {
  private colPart = new Float64Array(0);
  private rowPart = new Float64Array(0);
  private hiddenRow = new Float64Array(0);

  buffers(cols: number, hidden: number): { colPart: Float64Array; rowPart: Float64Array; hiddenRow: Float64Array } {
    if (this.colPart.length < cols * hidden) this.colPart = new Float64Array(cols * hidden);
    if (this.hiddenRow.length < cols * hidden) this.hiddenRow = new Float64Array(cols * hidden);
    if (this.rowPart.length < hidden) this.rowPart = new Float64Array(hidden);
    return { colPart: this.colPart, rowPart: this.rowPart, hiddenRow: this.hiddenRow };
  }
}

function checkGrid(extent: Extent, cols: number, rows: number, out: Float32Array, perCell: number): void {
  if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 1 || rows < 1) {
    throw new RangeError(`grid must be at least 1×1 integer cells, got ${cols}×${rows}`);
  }
  if (out.length < cols * rows * perCell) {
    throw new RangeError(`out holds ${out.length} values, need ${cols * rows * perCell}`);
  }
  if (![extent.xMin, extent.xMax, extent.yMin, extent.yMax].every(Number.isFinite)) {
    throw new RangeError('extent must be finite');
  }
}

/** out[(r·cols + c)·K + k] ← p(class k | cell centre). */
export function probabilityGrid(
  p: MlpParams,
  act: Activation,
  extent: Extent,
  cols: number,
  rows: number,
  out: Float32Array,
  scratch: GridScratch,
): void {
  const H = p.hidden;
  const K = p.classes;
  checkGrid(extent, cols, rows, out, K);
  const { W1, b1, W2, b2 } = p;
  const { colPart, rowPart, hiddenRow } = scratch.buffers(cols, H);
  const dx = (extent.xMax - extent.xMin) / cols;
  const dy = (extent.yMax - extent.yMin) / rows;
  for (let c = 0; c < cols; c++) {
    const x = extent.xMin + (c + 0.5) * dx;
    for (let j = 0; j < H; j++) colPart[c * H + j] = x * W1[j];
  }
  for (let r = 0; r < rows; r++) {
    const y = extent.yMax - (r + 0.5) * dy;
    for (let j = 0; j < H; j++) rowPart[j] = y * W1[H + j] + b1[j];
    for (let c = 0; c < cols; c++) {
      for (let j = 0; j < H; j++) hiddenRow[c * H + j] = colPart[c * H + j] + rowPart[j];
    }
    activateInPlace(act, hiddenRow, 0, cols * H);
    for (let c = 0; c < cols; c++) {
      const a = c * H;
      const o = (r * cols + c) * K;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = b2[k];
        for (let j = 0; j < H; j++) s += hiddenRow[a + j] * W2[j * K + k];
        out[o + k] = s; // logits for now (float32 is plenty for display), normalised below
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(out[o + k] - max);
        out[o + k] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) out[o + k] /= sum;
    }
  }
}

/** out[r·cols + c] ← activation of hidden unit `unit` at the cell centre. */
export function hiddenGrid(
  p: MlpParams,
  act: Activation,
  unit: number,
  extent: Extent,
  cols: number,
  rows: number,
  out: Float32Array,
  scratch: GridScratch,
): void {
  const H = p.hidden;
  if (!Number.isInteger(unit) || unit < 0 || unit >= H) throw new RangeError(`unit must be in 0..${H - 1}, got ${unit}`);
  checkGrid(extent, cols, rows, out, 1);
  const { hiddenRow: line } = scratch.buffers(cols, 1);
  const w0 = p.W1[unit];
  const w1 = p.W1[H + unit];
  const b = p.b1[unit];
  const dx = (extent.xMax - extent.xMin) / cols;
  const dy = (extent.yMax - extent.yMin) / rows;
  for (let r = 0; r < rows; r++) {
    const y = extent.yMax - (r + 0.5) * dy;
    for (let c = 0; c < cols; c++) line[c] = (extent.xMin + (c + 0.5) * dx) * w0 + y * w1 + b;
    activateInPlace(act, line, 0, cols);
    for (let c = 0; c < cols; c++) out[r * cols + c] = line[c];
  }
}

// The from-scratch engine of the Classify lab: a 2 → H → K softmax network trained by hand-derived
// backprop on Float64Arrays. One instance owns its parameters, optimizer state and scratch buffers; the
// data comes in with every call (the page may edit it between calls), so nothing here knows about the UI.
import { activate } from './activations';
import { GridScratch, hiddenGrid, probabilityGrid } from './grid';
import { checkParams, cloneParams, paramsAreFinite } from './params';
import { backward, crossEntropySum, ensureWorkspace, forward, weightSquaredNorm, type Workspace } from './scratchPass';
import { ScratchOptimizer } from './scratchOptimizer';
import { batchLength, checkSettings, keepsOptimizerState } from './settings';
import { EpochShuffler } from './shuffle';
import { TUTORIAL_SETTINGS, type Activation, type Extent, type MlpParams, type TrainSettings } from './types';

export class ScratchMlp {
  /** Parameter updates applied so far (one per full-batch pass or per mini-batch). */
  iteration = 0;
  readonly activation: Activation;
  private params: MlpParams;
  private settings: TrainSettings;
  private readonly optimizer = new ScratchOptimizer();
  private ws: Workspace | null = null;
  /** Mini-batch mode: the gathered batch (X rows and labels) and the epoch order. */
  private batchX = new Float64Array(0);
  private batchY = new Int32Array(0);
  private shuffler: EpochShuffler | null = null;
  private cursor = 0;
  /** The caller's labels copied to Int32Array, so the kernels always see one array type (stays monomorphic). */
  private labels = new Int32Array(0);
  private readonly grid = new GridScratch();
  /** One example's hidden activations, for predict(). */
  private point: Float64Array;

  constructor(params: MlpParams, activation: Activation = 'tanh', settings: TrainSettings = TUTORIAL_SETTINGS) {
    checkParams(params);
    checkSettings(settings);
    this.params = cloneParams(params);
    this.activation = activation;
    this.settings = { ...settings };
    this.point = new Float64Array(params.hidden);
  }

  get hidden(): number {
    return this.params.hidden;
  }

  get classes(): number {
    return this.params.classes;
  }

  getSettings(): TrainSettings {
    return { ...this.settings };
  }

  /** Changes settings; optimizer state survives unless the optimizer or reduction changes. */
  setSettings(settings: TrainSettings): void {
    checkSettings(settings);
    if (!keepsOptimizerState(this.settings, settings)) this.optimizer.reset();
    if (settings.batchSize !== this.settings.batchSize || settings.shuffleSeed !== this.settings.shuffleSeed) {
      this.shuffler = null; // restart the epoch with the new batching
    }
    this.settings = { ...settings };
  }

  /** A copy of the current parameters. */
  getParams(): MlpParams {
    return cloneParams(this.params);
  }

  /** Replaces the weights (copied). A new shape also clears the optimizer state; `iteration` is kept. */
  setParams(params: MlpParams): void {
    checkParams(params);
    if (params.hidden !== this.params.hidden || params.classes !== this.params.classes) {
      this.optimizer.reset();
      this.point = new Float64Array(params.hidden);
    }
    this.params = cloneParams(params);
  }

  /** Starts training afresh from `params`: new weights, no optimizer state, iteration 0, new epoch. */
  reset(params: MlpParams): void {
    this.setParams(params);
    this.optimizer.reset();
    this.shuffler = null;
    this.iteration = 0;
  }

  /** False once any weight became NaN or ±∞ (training diverged). */
  isFinite(): boolean {
    return paramsAreFinite(this.params);
  }

  /**
   * Runs `count` updates on the data (X: N×2 row-major, y: N labels). Full batch: each update is one pass
   * over all N examples. Mini-batch: consecutive slices of a shuffled order, reshuffled every epoch (the
   * last batch of an epoch may be shorter).
   */
  step(X: Float64Array, y: ArrayLike<number>, count = 1): void {
    const labels = this.checkData(X, y);
    const n = labels.length;
    if (n === 0) return;
    const s = this.settings;
    const B = batchLength(s, n);
    for (let c = 0; c < count; c++) {
      if (B === n) {
        this.update(X, labels, n, n);
      } else {
        const b = this.gatherBatch(X, labels, n, B);
        this.update(this.batchX, this.batchY, b, n);
      }
      this.iteration++;
    }
  }

  /** The tutorial's loss J = (Σ −log p[y] + reg/2·(|W1|² + |W2|²)) / N. NaN/∞ after divergence. */
  loss(X: Float64Array, y: ArrayLike<number>): number {
    const labels = this.checkData(X, y);
    const n = labels.length;
    if (n === 0) return NaN;
    const ws = this.workspace(n);
    forward(this.params, this.activation, X, n, ws);
    const dataLoss = crossEntropySum(labels, n, ws);
    return (1 / n) * (dataLoss + (this.settings.reg / 2) * weightSquaredNorm(this.params));
  }

  /** Fraction of examples whose most probable class is their label. */
  accuracy(X: Float64Array, y: ArrayLike<number>): number {
    const labels = this.checkData(X, y);
    const n = labels.length;
    if (n === 0) return NaN;
    const ws = this.workspace(n);
    forward(this.params, this.activation, X, n, ws);
    const K = this.params.classes;
    let correct = 0;
    for (let i = 0; i < n; i++) if (argmax(ws.probs, i * K, K) === labels[i]) correct++;
    return correct / n;
  }

  /** Most probable class at the point (x, y). */
  predict(x: number, y: number): number {
    const { hidden: H, classes: K, W1, b1, W2, b2 } = this.params;
    const a = this.point;
    for (let j = 0; j < H; j++) a[j] = activate(this.activation, x * W1[j] + y * W1[H + j] + b1[j]);
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < K; k++) {
      let s = b2[k];
      for (let j = 0; j < H; j++) s += a[j] * W2[j * K + k];
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    return best;
  }

  /** Class probabilities of every example, N×K row-major (a new array). */
  probabilities(X: Float64Array): Float64Array {
    const n = X.length >> 1;
    const ws = this.workspace(n);
    forward(this.params, this.activation, X, n, ws);
    return ws.probs.slice(0, n * this.params.classes);
  }

  /** Writes K class probabilities per grid cell into `out` (see grid.ts for the cell layout). */
  probabilityGrid(extent: Extent, cols: number, rows: number, out: Float32Array): void {
    probabilityGrid(this.params, this.activation, extent, cols, rows, out, this.grid);
  }

  /** Writes hidden unit `unit`'s activation per grid cell into `out`. */
  hiddenGrid(unit: number, extent: Extent, cols: number, rows: number, out: Float32Array): void {
    hiddenGrid(this.params, this.activation, unit, extent, cols, rows, out, this.grid);
  }

  /**
   * One update from a batch of b examples out of n: g = scale·(Σ∇ℓ + (b/n)·reg·W), scale 1 ('sum') or
   * 1/b ('mean') — see TrainSettings. Full batch + 'sum' is the tutorial's `dW += reg_lambda * W`.
   */
  private update(X: Float64Array, y: Int32Array, b: number, n: number): void {
    const p = this.params;
    const s = this.settings;
    const ws = this.workspace(b);
    forward(p, this.activation, X, b, ws);
    backward(p, this.activation, X, y, b, ws);
    const g = ws.grad;
    const regShare = b === n ? s.reg : (b / n) * s.reg;
    for (let i = 0; i < g.W1.length; i++) g.W1[i] += regShare * p.W1[i];
    for (let i = 0; i < g.W2.length; i++) g.W2[i] += regShare * p.W2[i];
    if (s.reduction === 'mean') {
      const scale = 1 / b;
      scaleInPlace(g.W1, scale);
      scaleInPlace(g.b1, scale);
      scaleInPlace(g.W2, scale);
      scaleInPlace(g.b2, scale);
    }
    this.optimizer.apply(p, g, s);
  }

  /** Copies the next mini-batch of the epoch order into batchX/batchY and returns its length. */
  private gatherBatch(X: Float64Array, y: Int32Array, n: number, B: number): number {
    if (this.shuffler === null || this.shuffler.order.length !== n) {
      this.shuffler = new EpochShuffler(n, this.settings.shuffleSeed ?? 0);
      this.cursor = 0;
    } else if (this.cursor >= n) {
      this.shuffler.shuffle();
      this.cursor = 0;
    }
    if (this.batchY.length < B) {
      this.batchX = new Float64Array(2 * B);
      this.batchY = new Int32Array(B);
    }
    const order = this.shuffler.order;
    const b = Math.min(B, n - this.cursor);
    for (let i = 0; i < b; i++) {
      const src = order[this.cursor + i];
      this.batchX[2 * i] = X[2 * src];
      this.batchX[2 * i + 1] = X[2 * src + 1];
      this.batchY[i] = y[src];
    }
    this.cursor += b;
    return b;
  }

  private workspace(n: number): Workspace {
    this.ws = ensureWorkspace(this.ws, n, this.params.hidden, this.params.classes);
    return this.ws;
  }

  /** Checks the data and returns the labels as an Int32Array view of exactly N entries. */
  private checkData(X: Float64Array, y: ArrayLike<number>): Int32Array {
    const n = y.length;
    if (X.length !== 2 * n) throw new RangeError(`X has ${X.length} values, expected 2 × ${n} labels`);
    if (this.labels.length !== n) this.labels = new Int32Array(n);
    const K = this.params.classes;
    for (let i = 0; i < n; i++) {
      const label = y[i];
      if (!(Number.isInteger(label) && label >= 0 && label < K)) {
        throw new RangeError(`label ${label} at index ${i} is not a class in 0..${K - 1}`);
      }
      this.labels[i] = label;
    }
    return this.labels;
  }
}

function argmax(a: Float64Array, from: number, len: number): number {
  let best = 0;
  for (let k = 1; k < len; k++) if (a[from + k] > a[from + best]) best = k;
  return best;
}

function scaleInPlace(a: Float64Array, scale: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= scale;
}

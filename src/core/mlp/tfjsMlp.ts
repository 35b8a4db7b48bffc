// The Classify lab's network again, with TensorFlow.js doing the calculus: the forward pass and the loss
// are written as tensor ops and tf.variableGrads differentiates them, replacing scratchPass.ts's
// hand-derived backprop. Same parameters, settings, loss and update rules as ScratchMlp; float32 on every
// backend. The training data is uploaded once (setData) and stays on the device.
import * as tf from '../tf';
import { checkParams } from './params';
import { batchLength, checkSettings, keepsOptimizerState } from './settings';
import { EpochShuffler } from './shuffle';
import { TfjsOptimizer } from './tfjsOptimizer';
import { TUTORIAL_SETTINGS, type Activation, type MlpData, type MlpParams, type TrainSettings } from './types';

interface DeviceData {
  n: number;
  /** N×2 float32 */
  X: tf.Tensor2D;
  /** N×K one-hot float32 */
  Y: tf.Tensor2D;
  /** N int32 class indices */
  labels: tf.Tensor1D;
}

export class TfjsMlp {
  iteration = 0;
  readonly activation: Activation;
  readonly hidden: number;
  readonly classes: number;
  private settings: TrainSettings;
  private readonly W1: tf.Variable<tf.Rank.R2>;
  private readonly b1: tf.Variable<tf.Rank.R1>;
  private readonly W2: tf.Variable<tf.Rank.R2>;
  private readonly b2: tf.Variable<tf.Rank.R1>;
  private readonly optimizer = new TfjsOptimizer();
  private data: DeviceData | null = null;
  /** Mini-batch mode: epoch order (on the host, like ScratchMlp, so both engines see the same batches). */
  private shuffler: EpochShuffler | null = null;
  private orderTensor: tf.Tensor1D | null = null;
  private cursor = 0;
  private disposed = false;

  constructor(data: MlpData, params: MlpParams, activation: Activation = 'tanh', settings: TrainSettings = TUTORIAL_SETTINGS) {
    checkParams(params);
    checkSettings(settings);
    this.hidden = params.hidden;
    this.classes = params.classes;
    this.activation = activation;
    this.settings = { ...settings };
    const H = params.hidden;
    const K = params.classes;
    this.W1 = trainable(tf.tensor2d(Float32Array.from(params.W1), [2, H]));
    this.b1 = trainable(tf.tensor1d(Float32Array.from(params.b1)));
    this.W2 = trainable(tf.tensor2d(Float32Array.from(params.W2), [H, K]));
    this.b2 = trainable(tf.tensor1d(Float32Array.from(params.b2)));
    this.setData(data);
  }

  /** Replaces the training data (uploaded once here, reused by every step). Starts a new epoch. */
  setData(data: MlpData): void {
    const n = data.y.length;
    if (data.X.length !== 2 * n) throw new RangeError(`X has ${data.X.length} values, expected 2 × ${n} labels`);
    const labels = Int32Array.from(data.y);
    labels.forEach((label, i) => {
      if (label !== data.y[i] || label < 0 || label >= this.classes) {
        throw new RangeError(`label ${data.y[i]} at index ${i} is not a class in 0..${this.classes - 1}`);
      }
    });
    this.disposeData();
    const labelT = tf.tensor1d(labels, 'int32');
    this.data = {
      n,
      X: tf.tensor2d(Float32Array.from(data.X), [n, 2]),
      Y: tf.tidy(() => tf.oneHot(labelT, this.classes).toFloat() as tf.Tensor2D),
      labels: labelT,
    };
  }

  getSettings(): TrainSettings {
    return { ...this.settings };
  }

  /** Same rule as ScratchMlp.setSettings: optimizer state survives lr / reg / batch changes. */
  setSettings(settings: TrainSettings): void {
    checkSettings(settings);
    if (!keepsOptimizerState(this.settings, settings)) this.optimizer.reset();
    if (settings.batchSize !== this.settings.batchSize || settings.shuffleSeed !== this.settings.shuffleSeed) {
      this.resetEpoch();
    }
    this.settings = { ...settings };
  }

  /** Overwrites the weights (same shape); keeps optimizer state and iteration, like ScratchMlp.setParams. */
  setParams(params: MlpParams): void {
    checkParams(params);
    if (params.hidden !== this.hidden || params.classes !== this.classes) {
      throw new RangeError('TfjsMlp cannot change shape; dispose it and create a new one');
    }
    tf.tidy(() => {
      this.W1.assign(tf.tensor2d(Float32Array.from(params.W1), [2, this.hidden]));
      this.b1.assign(tf.tensor1d(Float32Array.from(params.b1)));
      this.W2.assign(tf.tensor2d(Float32Array.from(params.W2), [this.hidden, this.classes]));
      this.b2.assign(tf.tensor1d(Float32Array.from(params.b2)));
    });
  }

  /** Starts afresh from `params`: no optimizer state, iteration 0, new epoch. */
  reset(params: MlpParams): void {
    this.setParams(params);
    this.optimizer.reset();
    this.resetEpoch();
    this.iteration = 0;
  }

  /**
   * Runs `count` updates. Nothing is read back, so on GPU backends the work is only queued; the returned
   * promise resolves once it is queued (read loss() or getParams() to wait for the results).
   */
  async step(count = 1): Promise<void> {
    const data = this.requireData();
    const vars = [this.W1, this.b1, this.W2, this.b2];
    const B = batchLength(this.settings, data.n);
    for (let c = 0; c < count; c++) {
      tf.tidy(() => {
        let X = data.X;
        let Y = data.Y;
        let b = data.n;
        if (B < data.n) {
          const idx = this.nextBatch(data.n, B);
          b = idx.shape[0];
          X = tf.gather(data.X, idx);
          Y = tf.gather(data.Y, idx);
        }
        // The objective whose gradient is the update direction (see TrainSettings):
        // scale · (Σ_batch ℓ_i + (b/N)·reg/2·(|W1|² + |W2|²)), scale = 1 ('sum') or 1/b ('mean').
        const { grads } = tf.variableGrads(() => {
          const ce = this.crossEntropySum(X, Y);
          const objective = ce.add(this.l2().mul((b / data.n) * (this.settings.reg / 2)));
          return (this.settings.reduction === 'mean' ? objective.div(b) : objective) as tf.Scalar;
        }, vars);
        this.optimizer.apply(vars, vars.map((v) => grads[v.name]), this.settings);
      });
      this.iteration++;
    }
  }

  /** The tutorial's loss over the whole dataset: (Σ −log p[y] + reg/2·(|W1|² + |W2|²)) / N. */
  async loss(): Promise<number> {
    const data = this.requireData();
    const t = tf.tidy(() =>
      this.crossEntropySum(data.X, data.Y)
        .add(this.l2().mul(this.settings.reg / 2))
        .div(data.n),
    );
    try {
      return (await t.data())[0];
    } finally {
      t.dispose();
    }
  }

  /** Fraction of the dataset classified correctly. */
  async accuracy(): Promise<number> {
    const data = this.requireData();
    // Count on the device, divide here: a float32 mean would turn 0.975 into 0.97499996.
    const t = tf.tidy(() => this.logits(data.X).argMax(1).equal(data.labels).sum());
    try {
      return (await t.data())[0] / data.n;
    } finally {
      t.dispose();
    }
  }

  /** The weights, read back and widened to float64, in the layout ScratchMlp uses. */
  async getParams(): Promise<MlpParams> {
    const [W1, b1, W2, b2] = await Promise.all([this.W1.data(), this.b1.data(), this.W2.data(), this.b2.data()]);
    return {
      hidden: this.hidden,
      classes: this.classes,
      W1: Float64Array.from(W1),
      b1: Float64Array.from(b1),
      W2: Float64Array.from(W2),
      b2: Float64Array.from(b2),
    };
  }

  /** Frees every tensor this engine holds. The instance is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeData();
    this.orderTensor?.dispose();
    this.orderTensor = null;
    this.optimizer.reset();
    for (const v of [this.W1, this.b1, this.W2, this.b2]) v.dispose();
  }

  /** z2 = f(X·W1 + b1)·W2 + b2, N×K. */
  private logits(X: tf.Tensor2D): tf.Tensor2D {
    const z1 = X.matMul(this.W1).add(this.b1) as tf.Tensor2D;
    return this.activate(z1).matMul(this.W2).add(this.b2);
  }

  private activate(z: tf.Tensor2D): tf.Tensor2D {
    switch (this.activation) {
      case 'tanh':
        return tf.tanh(z);
      case 'relu':
        return tf.relu(z);
      case 'sigmoid':
        return tf.sigmoid(z);
    }
  }

  /** Σ_i −log softmax(z2_i)[y_i], with Y one-hot (logSoftmax is the numerically stable form). */
  private crossEntropySum(X: tf.Tensor2D, Y: tf.Tensor2D): tf.Scalar {
    return tf.logSoftmax(this.logits(X)).mul(Y).sum().neg() as tf.Scalar;
  }

  /** |W1|² + |W2|² (biases are not regularised). */
  private l2(): tf.Scalar {
    return this.W1.square().sum().add(this.W2.square().sum()) as tf.Scalar;
  }

  /** Index tensor of the next mini-batch (inside tidy; the epoch's order tensor lives across steps). */
  private nextBatch(n: number, B: number): tf.Tensor1D {
    if (this.shuffler === null || this.shuffler.order.length !== n) {
      this.shuffler = new EpochShuffler(n, this.settings.shuffleSeed ?? 0);
      this.cursor = 0;
      this.uploadOrder();
    } else if (this.cursor >= n) {
      this.shuffler.shuffle();
      this.cursor = 0;
      this.uploadOrder();
    }
    const b = Math.min(B, n - this.cursor);
    const idx = (this.orderTensor as tf.Tensor1D).slice(this.cursor, b);
    this.cursor += b;
    return idx;
  }

  private uploadOrder(): void {
    this.orderTensor?.dispose();
    // Created inside step()'s tidy: keep() so it survives that tidy until the next epoch replaces it.
    this.orderTensor = tf.keep(tf.tensor1d(Int32Array.from((this.shuffler as EpochShuffler).order), 'int32'));
  }

  private resetEpoch(): void {
    this.shuffler = null;
    this.orderTensor?.dispose();
    this.orderTensor = null;
  }

  private requireData(): DeviceData {
    if (this.disposed) throw new Error('TfjsMlp was disposed');
    if (this.data === null) throw new Error('no training data');
    return this.data;
  }

  private disposeData(): void {
    if (this.data === null) return;
    this.data.X.dispose();
    this.data.Y.dispose();
    this.data.labels.dispose();
    this.data = null;
  }
}

/** A trainable variable holding `t`'s values; `t` itself is released (the variable keeps the data). */
function trainable<R extends tf.Rank>(t: tf.Tensor<R>): tf.Variable<R> {
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

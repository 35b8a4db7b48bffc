// The reference approach we compare the Text lab against: TensorFlow.js's lstm-text-generation example
// (tfjs-examples/lstm-text-generation, model.js and data.js), reimplemented here for measurement.
//
// Its approach, kept as is:
//  • Model: tf.sequential [LSTM(H) over one-hot input [40, V], returnSequences false] → Dense(V, softmax),
//    with the layers' defaults (hardSigmoid gates, orthogonal recurrent init, unit forget bias);
//    compiled with RMSProp(0.01) and categorical cross-entropy.
//  • Data: each example is a 40-character window (starts 3 characters apart, shuffled) predicting ONE next
//    character, built on the host as one-hot [N, 40, V] / [N, V] tensors and uploaded per fit;
//    model.fit(xs, ys, { batchSize: 128, epochs: 1 }). So each training character costs a full 40-step
//    LSTM pass and yields one prediction — versus one prediction per step when training on sequences.
//  • Generation: for every character, re-run the whole 40-character window through model.predict and read
//    the sampled index back with one synchronous dataSync() (temperature 0.75 applied on the device, then
//    tf.multinomial). No hidden state is carried.
// Deliberate differences, both in the baseline's favour: no validation split (the example holds out 1/16
// of every epoch), and the squeezed output is disposed (the example leaks one tensor per character).
//
// dataSync() breaks the project's rule of async reads on purpose: it is the approach being measured.
import * as tf from '../tf';
import type { UniformRandom } from '../text/sampling';

export const BASELINE_WINDOW = 40;
export const BASELINE_STEP = 3;
export const BASELINE_BATCH = 128;
export const BASELINE_LEARNING_RATE = 0.01;
export const BASELINE_TEMPERATURE = 0.75;

export class BaselineLstm {
  readonly hidden: number;
  readonly vocabSize: number;
  readonly model: tf.Sequential;
  /** Passed to compile() as an instance, so the model does not own (or dispose) it. */
  private readonly optimizer: tf.Optimizer;
  private disposed = false;

  constructor(vocabSize: number, hidden: number) {
    this.hidden = hidden;
    this.vocabSize = vocabSize;
    this.model = tf.sequential();
    this.model.add(tf.layers.lstm({ units: hidden, returnSequences: false, inputShape: [BASELINE_WINDOW, vocabSize] }));
    this.model.add(tf.layers.dense({ units: vocabSize, activation: 'softmax' }));
    this.optimizer = tf.train.rmsprop(BASELINE_LEARNING_RATE);
    this.model.compile({ optimizer: this.optimizer, loss: 'categoricalCrossentropy' });
  }

  /**
   * One model.fit over `count` examples drawn from `tokens` (window starts on the example's 3-character
   * grid, in random order). Resolves with the training loss of the fit. Every example predicts one character.
   */
  async fitExamples(tokens: Int32Array, count: number, rng: UniformRandom): Promise<number> {
    this.assertLive();
    const W = BASELINE_WINDOW;
    const V = this.vocabSize;
    const starts = Math.floor((tokens.length - W - 1) / BASELINE_STEP);
    if (starts < 1) throw new RangeError(`the corpus needs more than ${W + 1} characters`);
    const xs = new Float32Array(count * W * V);
    const ys = new Float32Array(count * V);
    for (let i = 0; i < count; i++) {
      const begin = Math.floor(rng.next() * starts) * BASELINE_STEP;
      for (let j = 0; j < W; j++) xs[(i * W + j) * V + tokens[begin + j]] = 1;
      ys[i * V + tokens[begin + W]] = 1;
    }
    const x = tf.tensor3d(xs, [count, W, V]);
    const y = tf.tensor2d(ys, [count, V]);
    try {
      const history = await this.model.fit(x, y, { epochs: 1, batchSize: BASELINE_BATCH, verbose: 0 });
      return Number(history.history.loss[0]);
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /**
   * Generates `length` characters after `seed` (its last 40 tokens; shorter seeds are left-padded with
   * their first token), calling onToken for each. Each character: one predict over the whole window and
   * one synchronous read.
   */
  generate(seed: ArrayLike<number>, length: number, onToken?: (token: number) => void, temperature = BASELINE_TEMPERATURE): Int32Array {
    this.assertLive();
    if (seed.length === 0) throw new RangeError('generation needs at least one seed token');
    const W = BASELINE_WINDOW;
    const V = this.vocabSize;
    const window: number[] = [];
    for (let i = 0; i < W; i++) window.push(seed[Math.max(0, seed.length - W + i)] ?? seed[0]);
    const out = new Int32Array(length);
    const input = new Float32Array(W * V);
    for (let n = 0; n < length; n++) {
      input.fill(0);
      for (let j = 0; j < W; j++) input[j * V + window[j]] = 1;
      const token = tf.tidy(() => {
        const probs = tf.squeeze(this.model.predict(tf.tensor3d(input, [1, W, V])) as tf.Tensor);
        // The example's sample(): p^(1/τ) renormalised on the device, then one multinomial draw.
        const scaled = tf.exp(tf.div(tf.log(probs), temperature));
        const normalised = tf.div(scaled, tf.sum(scaled)) as tf.Tensor1D;
        return tf.multinomial(normalised, 1, undefined, true).dataSync()[0];
      });
      out[n] = token;
      onToken?.(token);
      window.shift();
      window.push(token);
    }
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
    this.optimizer.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('the baseline model was disposed');
  }
}

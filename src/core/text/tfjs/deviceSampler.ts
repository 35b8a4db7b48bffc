// Generation on the device: the other way to stream characters from a TensorFlow.js model, measured
// against the Text lab's (a plain-JS copy of the weights, stepper.ts). Here nothing is copied off the
// device: the weights are the model's own variables, the hidden state stays a tensor between characters,
// and the next character is drawn on the device (tf.multinomial over logits / τ), so each character
// costs one step of tensor ops plus one 4-byte read — which on a GPU backend is a full round trip.
//
// One step for token x (batch 1; the cells of cellSteps.ts, as in training):
//   z = W[x] (or E[x]·W) + b + h·U        per layer, the previous layer's h as the input of the next
//   logits = h·W_out + b_out  →  next ~ softmax(logits / τ)   (τ = 0: the most likely character)
import * as tf from '../../tf';
import { gruRecurrentBlocks, gruStep, lstmStep } from './cellSteps';
import type { TextModelStructure } from './model';
import { canUnroll } from './unrolled';

interface LayerState {
  h: tf.Tensor2D;
  /** The LSTM's cell state. */
  c?: tf.Tensor2D;
}

const read = (layer: tf.layers.Layer, i: number) => layer.trainableWeights[i].read() as tf.Tensor2D;

export class DeviceSampler {
  readonly vocabSize: number;
  private readonly structure: TextModelStructure;
  private states: LayerState[] = [];

  /** Throws when the model's cells are not the standard ones (see canUnroll). */
  constructor(structure: TextModelStructure) {
    if (!canUnroll(structure)) throw new Error('on-device sampling needs the standard sigmoid-gated cells and logits output');
    this.structure = structure;
    this.vocabSize = structure.spec.vocabSize;
    this.reset();
  }

  /** Zeroes the hidden state. */
  reset(): void {
    this.disposeStates();
    const { cell, hidden } = this.structure.spec;
    this.states = this.structure.recurrent.map(() => ({
      h: tf.zeros([1, hidden]) as tf.Tensor2D,
      c: cell === 'lstm' ? (tf.zeros([1, hidden]) as tf.Tensor2D) : undefined,
    }));
  }

  /** Feeds tokens without sampling (no read-back): the prime before the first sampled character. */
  feed(tokens: ArrayLike<number>): void {
    for (let i = 0; i < tokens.length; i++) this.advance(tokens[i]);
  }

  /**
   * Feeds `token` and draws the next character on the device; resolves to it. `seed` makes the draw
   * repeatable (tf.multinomial's seed).
   */
  async next(token: number, temperature: number, seed: number): Promise<number> {
    const logits = this.advance(token, true);
    if (!logits) throw new Error('no logits');
    const drawn = tf.tidy(() =>
      temperature > 0 ? tf.multinomial(tf.div(logits, temperature) as tf.Tensor2D, 1, seed) : tf.argMax(logits, 1),
    );
    logits.dispose();
    try {
      return (await drawn.data())[0];
    } finally {
      drawn.dispose();
    }
  }

  dispose(): void {
    this.disposeStates();
  }

  /** One step: new states replace the old ones; returns the logits [1, V] when asked (caller disposes). */
  private advance(token: number, wantLogits = false): tf.Tensor2D | null {
    if (!(Number.isInteger(token) && token >= 0 && token < this.vocabSize)) throw new RangeError(`token ${token} is outside the vocabulary`);
    const { structure } = this;
    const { cell } = structure.spec;
    // tidy keeps only what is returned: the new states (h, and c for an LSTM, layer by layer), then the logits.
    const kept = tf.tidy(() => {
      const ids = tf.tensor1d([token], 'int32');
      let input: tf.Tensor2D | null = structure.embedding ? (tf.gather(read(structure.embedding, 0), ids) as tf.Tensor2D) : null;
      const states: LayerState[] = [];
      structure.recurrent.forEach(({ layer }, l) => {
        const [kernel, recurrent, bias] = [read(layer, 0), read(layer, 1), layer.trainableWeights[2].read()];
        const x = tf.add<tf.Tensor2D>(input ? tf.matMul(input, kernel) : tf.gather(kernel, ids), bias);
        const { h, c } = this.states[l];
        const times = (w: tf.Tensor2D) => (v: tf.Tensor2D) => tf.matMul(v, w) as tf.Tensor2D;
        let next: LayerState;
        if (cell === 'rnn') {
          next = { h: tf.tanh(tf.add<tf.Tensor2D>(x, tf.matMul(h, recurrent))) };
        } else if (cell === 'lstm') {
          next = lstmStep(tf.add<tf.Tensor2D>(x, tf.matMul(h, recurrent)), c ?? null);
        } else {
          const blocks = gruRecurrentBlocks(recurrent);
          next = { h: gruStep(x, h, times(blocks.zr), times(blocks.h)) };
        }
        states.push(next);
        input = next.h;
      });
      const out: tf.Tensor2D[] = states.flatMap((st) => (st.c ? [st.h, st.c] : [st.h]));
      if (wantLogits && input) out.push(tf.add<tf.Tensor2D>(tf.matMul(input, read(structure.output, 0)), structure.output.trainableWeights[1].read()));
      return out;
    });
    this.disposeStates();
    const perLayer = cell === 'lstm' ? 2 : 1;
    this.states = structure.recurrent.map((_, l) => ({ h: kept[l * perLayer], c: cell === 'lstm' ? kept[l * perLayer + 1] : undefined }));
    return wantLogits ? kept[structure.recurrent.length * perLayer] : null;
  }

  private disposeStates(): void {
    for (const s of this.states) {
      s.h.dispose();
      s.c?.dispose();
    }
    this.states = [];
  }
}

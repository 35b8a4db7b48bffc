// The from-scratch vanilla RNN as a TensorFlow.js LayersModel, and back: the two are the same model.
//
// min-char-rnn writes the cell with column vectors, Keras (tfjs-layers) with row vectors:
//   scratch                                      SimpleRNN(tanh) + Dense, one-hot input x_t
//   h_t = tanh(Wxh·x_t + Whh·h_{t−1} + bh)       h_t = tanh(x_t·K + b + h_{t−1}·R)
//   y_t = Why·h_t + by                           y_t = h_t·D + c
// so the weights are the same numbers, transposed:
//   SimpleRNN kernel K [V][H] = Wxhᵀ   recurrent_kernel R [H][H] = Whhᵀ   bias b [H] = bh
//   Dense     kernel D [H][V] = Whyᵀ   bias c [V] = by
// (tfjs-layers creates the SimpleRNN weights in the order kernel, recurrent_kernel, bias and the Dense's as
// kernel, bias; that is the order of getWeights/setWeights.) Both start from h_{−1} = 0 and both emit
// logits; the only difference is arithmetic: the scratch engine computes in float64, TensorFlow.js in
// float32, so converting to a LayersModel rounds every weight to float32 (relative change ≤ 2⁻²⁴).
import * as tf from '../../tf';
import type { TextModelSpec } from '../engine';
import { createRnnParams, paramsFromNested, type NestedRnnWeights, type RnnParams } from '../scratch/rnnParams';
import { scratchUnsupported } from '../scratch/scratchRnnEngine';
import { buildTextModelTopology, describeTextModel } from './model';
import { readStepperWeights, type Weights } from './stepper';

/** The model spec of the from-scratch engine's network: one tanh SimpleRNN layer on one-hot input. */
export function scratchModelSpec(hidden: number, vocabSize: number): TextModelSpec {
  return { cell: 'rnn', layers: 1, hidden, input: 'onehot', embedding: 0, dropout: 0, vocabSize };
}

/** out[c·rows + r] = m[r·cols + c]: the transpose of a row-major rows×cols matrix, as `out`'s type. */
function transposeInto<T extends Weights>(m: Weights, rows: number, cols: number, out: T): T {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
  return out;
}

/**
 * The scratch weights as a LayersModel with the topology of buildTextModel(scratchModelSpec(H, V)): input
 * one-hot [batch, time, V] → SimpleRNN(H, tanh) → Dense(V) logits. The caller owns (and disposes) the model.
 */
export function scratchToLayersModel(weights: RnnParams | NestedRnnWeights): tf.LayersModel {
  const p = 'theta' in weights ? weights : paramsFromNested(weights);
  const { hidden: H, vocab: V } = p;
  const net = buildTextModelTopology(scratchModelSpec(H, V));
  try {
    const { recurrent, output } = describeTextModel(net);
    const f32 = (n: number) => new Float32Array(n);
    const rnnValues = [
      tf.tensor2d(transposeInto(p.Wxh, H, V, f32(V * H)), [V, H]),
      tf.tensor2d(transposeInto(p.Whh, H, H, f32(H * H)), [H, H]),
      tf.tensor1d(Float32Array.from(p.bh)),
    ];
    const denseValues = [tf.tensor2d(transposeInto(p.Why, V, H, f32(H * V)), [H, V]), tf.tensor1d(Float32Array.from(p.by))];
    try {
      recurrent[0].layer.setWeights(rnnValues);
      output.setWeights(denseValues);
    } finally {
      tf.dispose([...rnnValues, ...denseValues]);
    }
    return net;
  } catch (err) {
    net.dispose();
    throw err;
  }
}

/** Why `model` cannot be expressed as the scratch engine's RNN, or null. */
export function scratchIncompatible(model: tf.LayersModel): string | null {
  let structure;
  try {
    structure = describeTextModel(model);
  } catch (err) {
    return (err as Error).message;
  }
  if (structure.outputSoftmax) return 'the output layer applies softmax; the from-scratch engine expects logits';
  return scratchUnsupported(structure.spec);
}

/**
 * The inverse of scratchToLayersModel: a one-layer tanh SimpleRNN on one-hot input with a linear Dense output
 * (whatever saved it) as min-char-rnn's float64 parameters. Reads with await data(), so it is safe on any
 * backend. Throws an Error saying why when the model is not of that form.
 */
export async function layersModelToScratch(model: tf.LayersModel): Promise<RnnParams> {
  const problem = scratchIncompatible(model);
  if (problem) throw new Error(problem);
  const w = await readStepperWeights(model);
  const H = w.hidden;
  const V = w.vocabSize;
  const [layer] = w.layers;
  const p = createRnnParams(H, V);
  transposeInto(layer.kernel, V, H, p.Wxh);
  transposeInto(layer.recurrent, H, H, p.Whh);
  p.bh.set(layer.bias);
  transposeInto(w.outKernel, H, V, p.Why);
  p.by.set(w.outBias);
  return p;
}

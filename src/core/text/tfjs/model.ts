// The character language model as a TensorFlow.js LayersModel, so it saves as a standard model.json.
//
//   tokens int32 [B, T]  ──Embedding(V→E)──┐
//   one-hot f32 [B, T, V] ─────────────────┴─> [SimpleRNN | GRU | LSTM](H, returnSequences) × layers
//        (Dropout after each recurrent layer when dropout > 0)  ─> Dense(H→V) = logits [B, T, V]
//
// Activations are set explicitly: tfjs 4.22 defaults GRU/LSTM's recurrentActivation to 'hardSigmoid'
// (Keras 1 legacy); we use 'sigmoid', the standard cell, which the plain-JS stepper reproduces. GRU is the
// "reset before" variant (tfjs has no resetAfter): h̃ = tanh(x·Wh + (r ⊙ h)·Rh + bh).
import * as tf from '../../tf';
import { GATES, type CellType, type TextModelSpec } from '../engine';
import { glorotUniform, orthogonalGates, seededRandom, uniform } from './init';
import { checkModelSpec } from './spec';

export { GATES }; // defined with CellType in ../engine.ts (the JS stepper needs it without TensorFlow.js)

/** Keras class names of the recurrent layers. */
export const CELL_CLASS: Record<CellType, string> = { rnn: 'SimpleRNN', gru: 'GRU', lstm: 'LSTM' };

function recurrentLayer(cell: CellType, units: number): tf.layers.Layer {
  const common = {
    units,
    returnSequences: true,
    activation: 'tanh' as const,
    // Placeholders: the real (seeded) values are set by initialiseWeights. 'zeros' avoids tfjs's slow
    // QR-based orthogonal initializer for large layers.
    kernelInitializer: 'zeros' as const,
    recurrentInitializer: 'zeros' as const,
  };
  switch (cell) {
    case 'rnn':
      return tf.layers.simpleRNN(common);
    case 'gru':
      return tf.layers.gru({ ...common, recurrentActivation: 'sigmoid' });
    case 'lstm':
      // unitForgetBias stays off: tfjs 4.22 leaks 4 tensors per layer building it; initialiseWeights sets
      // the forget-gate bias to 1 itself.
      return tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid' });
  }
}

/** Builds the model with seeded initial weights. */
export function buildTextModel(spec: TextModelSpec, seed: number): tf.LayersModel {
  const model = buildTextModelTopology(spec);
  initialiseWeights(model, spec, seed);
  return model;
}

/**
 * The layers of buildTextModel with every weight zero, for callers that set all the weights themselves
 * (e.g. fromScratch.ts) and would only waste the seeded initialisation.
 */
export function buildTextModelTopology(spec: TextModelSpec): tf.LayersModel {
  const problem = checkModelSpec(spec);
  if (problem) throw new RangeError(problem);
  const V = spec.vocabSize;
  const input =
    spec.input === 'embedding' ? tf.input({ shape: [null], dtype: 'int32' }) : tf.input({ shape: [null, V] });
  let x = input;
  if (spec.input === 'embedding') {
    x = tf.layers.embedding({ inputDim: V, outputDim: spec.embedding, embeddingsInitializer: 'zeros' }).apply(x) as tf.SymbolicTensor;
  }
  for (let l = 0; l < spec.layers; l++) {
    x = recurrentLayer(spec.cell, spec.hidden).apply(x) as tf.SymbolicTensor;
    if (spec.dropout > 0) x = tf.layers.dropout({ rate: spec.dropout }).apply(x) as tf.SymbolicTensor;
  }
  const logits = tf.layers.dense({ units: V, kernelInitializer: 'zeros' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: `char_${spec.cell}` });
}

/** Overwrites every weight with the seeded initial values (see init.ts). */
export function initialiseWeights(model: tf.LayersModel, spec: TextModelSpec, seed: number): void {
  const rng = seededRandom(seed);
  const H = spec.hidden;
  const gates = GATES[spec.cell];
  for (const layer of model.layers) {
    const shapes = layer.weights.map((w) => w.shape as number[]);
    if (shapes.length === 0) continue;
    let values: Float32Array[];
    switch (layer.getClassName()) {
      case 'Embedding':
        values = [uniform(shapes[0][0] * shapes[0][1], 0.05, rng)];
        break;
      case 'SimpleRNN':
      case 'GRU':
      case 'LSTM': {
        const inDim = shapes[0][0];
        const bias = new Float32Array(gates * H);
        if (spec.cell === 'lstm') bias.fill(1, H, 2 * H); // forget gate
        values = [glorotUniform(inDim, gates * H, rng), orthogonalGates(H, gates, rng), bias];
        break;
      }
      case 'Dense':
        values = [glorotUniform(shapes[0][0], shapes[0][1], rng), new Float32Array(shapes[1][0])];
        break;
      default:
        throw new Error(`unexpected layer ${layer.getClassName()} with weights`);
    }
    const tensors = values.map((v, i) => tf.tensor(v, shapes[i], 'float32'));
    try {
      layer.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
  }
}

/** Recurrent-layer settings the stepper and the importer rely on. */
export interface RecurrentLayerInfo {
  cell: CellType;
  units: number;
  inputDim: number;
  /** 'sigmoid' or 'hardSigmoid' (GRU/LSTM gates); undefined for SimpleRNN. */
  gateActivation?: 'sigmoid' | 'hardSigmoid';
}

/** The structure of a text model, read back from its layers (for a built or an imported model). */
export interface TextModelStructure {
  spec: TextModelSpec;
  /** Layer objects in forward order, as the stepper reads their weights. */
  embedding?: tf.layers.Layer;
  recurrent: { layer: tf.layers.Layer; info: RecurrentLayerInfo }[];
  output: tf.layers.Layer;
  /** True when the output layer already applies softmax (a foreign model); ours emit logits. */
  outputSoftmax: boolean;
}

type Config = Record<string, unknown>;

/**
 * Checks that `model` is a character model this project can run (Input → [Embedding] → recurrent × 1–3
 * with optional Dropout → Dense over the vocabulary) and describes it. Throws an Error saying what is wrong.
 */
export function describeTextModel(model: tf.LayersModel): TextModelStructure {
  let embedding: tf.layers.Layer | undefined;
  const recurrent: TextModelStructure['recurrent'] = [];
  let output: tf.layers.Layer | undefined;
  let dropout = 0;
  let inputDim = -1;
  let inputWidth = -1; // features the first recurrent layer sees
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const config = layer.getConfig() as Config;
    if (output) throw new Error(`layer ${layer.name} (${cls}) follows the output layer`);
    switch (cls) {
      case 'InputLayer': {
        const shape = (config.batchInputShape as (number | null)[] | undefined) ?? [];
        if (shape.length === 3) inputWidth = inputDim = Number(shape[2]);
        else if (shape.length !== 2) throw new Error(`the input must be [batch, time] or [batch, time, vocab], got ${JSON.stringify(shape)}`);
        break;
      }
      case 'Embedding':
        if (embedding || recurrent.length) throw new Error('the embedding must be the first layer');
        embedding = layer;
        inputDim = Number(config.inputDim);
        inputWidth = Number(config.outputDim);
        break;
      case 'SimpleRNN':
      case 'GRU':
      case 'LSTM': {
        const cell: CellType = cls === 'SimpleRNN' ? 'rnn' : cls === 'GRU' ? 'gru' : 'lstm';
        if (recurrent.length && recurrent[0].info.cell !== cell) throw new Error('all recurrent layers must be the same kind');
        if (config.returnSequences !== true) throw new Error(`${layer.name} must return sequences`);
        if (config.returnState === true || config.goBackwards === true || config.stateful === true) {
          throw new Error(`${layer.name}: returnState, goBackwards and stateful are not supported`);
        }
        if (config.useBias === false) throw new Error(`${layer.name} must use a bias`);
        if (config.activation !== 'tanh') throw new Error(`${layer.name}: activation must be tanh, got ${String(config.activation)}`);
        let gateActivation: RecurrentLayerInfo['gateActivation'];
        if (cell !== 'rnn') {
          const ra = config.recurrentActivation;
          if (ra !== 'sigmoid' && ra !== 'hardSigmoid') throw new Error(`${layer.name}: unsupported recurrentActivation ${String(ra)}`);
          gateActivation = ra;
          if (cell === 'gru' && config.resetAfter === true) throw new Error(`${layer.name}: resetAfter GRUs are not supported`);
        }
        const units = Number(config.units);
        const inDim = recurrent.length ? recurrent[recurrent.length - 1].info.units : inputWidth;
        recurrent.push({ layer, info: { cell, units, inputDim: inDim, gateActivation } });
        break;
      }
      case 'Dropout':
        dropout = Number(config.rate);
        break;
      case 'Dense': {
        if (!recurrent.length) throw new Error('the output layer must follow a recurrent layer');
        const act = config.activation;
        if (act !== 'linear' && act !== 'softmax') throw new Error(`output activation must be linear or softmax, got ${String(act)}`);
        if (config.useBias === false) throw new Error('the output layer must use a bias');
        output = layer;
        break;
      }
      default:
        throw new Error(`unsupported layer ${layer.name} (${cls})`);
    }
  }
  if (!recurrent.length) throw new Error('the model has no recurrent layer');
  if (recurrent.length > 3) throw new Error(`at most 3 recurrent layers are supported, got ${recurrent.length}`);
  if (!output) throw new Error('the model has no output (Dense) layer');
  const units = recurrent[0].info.units;
  if (recurrent.some((r) => r.info.units !== units)) throw new Error('all recurrent layers must have the same width');
  const vocabSize = Number((output.getConfig() as Config).units);
  if (inputDim !== vocabSize) throw new Error(`the input takes ${inputDim} symbols but the output predicts ${vocabSize}`);
  const spec: TextModelSpec = {
    cell: recurrent[0].info.cell,
    layers: recurrent.length,
    hidden: units,
    input: embedding ? 'embedding' : 'onehot',
    embedding: embedding ? inputWidth : 0,
    dropout,
    vocabSize,
  };
  return { spec, embedding, recurrent, output, outputSoftmax: (output.getConfig() as Config).activation === 'softmax' };
}

/** Trainable parameter count. */
export function countParams(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

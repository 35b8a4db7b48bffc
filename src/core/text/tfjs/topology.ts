// Validates an imported model.json's layer graph BEFORE TensorFlow.js sees it.
//
// tf.models.modelFromJSON trusts its input: in tfjs 4.22 a layer naming a missing inbound layer, a cycle or
// two layers with one name make it loop forever (freezing the worker), and sizes are allocated as given (a
// Dense layer of 2^33 units, an Embedding of 2^31 rows). So the topology is checked here against the
// sidecar's settings (already within LIMITS) and only the exact shape the app's own exports have is
// accepted (see buildTextModelTopology in model.ts):
//
//   InputLayer ─> [Embedding] ─> (SimpleRNN | GRU | LSTM) [─> Dropout] × 1–3 ─> Dense
//
// a linear chain where each layer but the input has exactly one inbound node [[[previous, 0, 0, {}]]].
// What is returned is a fresh copy holding only the settings checked here, with every initializer replaced
// by Zeros: the weights file overwrites them anyway, and a hostile initializer (an Orthogonal one on a big
// kernel, LSTM's unitForgetBias, which leaks tensors in tfjs 4.22) would only cost time or memory.
import type * as tf from '../../tf';
import { quoteValue } from '../../limits';
import type { TextModelSpec } from '../engine';
import { ModelBundleError } from './bundle';
import { CELL_CLASS } from './model';

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Keras / tfjs layer names: no spaces, no quotes; and never a key of Object.prototype (tfjs keys maps by name). */
const NAME = /^[A-Za-z0-9_.\-/]{1,200}$/;
const ZEROS = { class_name: 'Zeros', config: {} };
/** Settings every layer may carry. */
const COMMON = ['name', 'trainable', 'dtype'];
const RECURRENT = [
  ...COMMON,
  'units', 'activation', 'use_bias', 'dropout', 'recurrent_dropout', 'return_sequences', 'return_state', 'go_backwards', 'stateful', 'unroll',
  'kernel_initializer', 'recurrent_initializer', 'bias_initializer',
  'kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'recurrent_constraint', 'bias_constraint',
];
/** The settings each layer class may have (anything else is refused: the app would not honour it). */
const KNOWN: Record<string, readonly string[]> = {
  InputLayer: ['name', 'batch_input_shape', 'dtype', 'sparse'],
  Embedding: [...COMMON, 'input_dim', 'output_dim', 'embeddings_initializer', 'embeddings_regularizer', 'activity_regularizer', 'embeddings_constraint', 'mask_zero', 'input_length', 'batch_input_shape'],
  SimpleRNN: RECURRENT,
  GRU: [...RECURRENT, 'recurrent_activation', 'implementation', 'reset_after'],
  LSTM: [...RECURRENT, 'recurrent_activation', 'implementation', 'unit_forget_bias'],
  Dropout: [...COMMON, 'rate', 'noise_shape', 'seed'],
  Dense: [...COMMON, 'units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint'],
};

const fail = (message: string): never => {
  throw new ModelBundleError(`model.json: ${message}`);
};
const mismatch = (message: string): never => {
  throw new ModelBundleError(`model.json does not match the sidecar: ${message}`);
};

/** True when `v` is absent, null or one of `allowed`. */
const absentOr = (v: unknown, ...allowed: unknown[]) => v === undefined || v === null || allowed.includes(v);
const sameList = (a: unknown, b: readonly unknown[]) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
/** A finite rate in [0, 1) (Dropout's rate, a recurrent layer's dropout); absent counts as 0. */
const isRate = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && v >= 0 && v < 1);

/**
 * Checks `topology` (model.json's modelTopology) against the sidecar's model settings `spec` (already
 * validated by checkModelSpec) and returns a clean copy for tf.models.modelFromJSON. Throws ModelBundleError.
 */
export function checkTopology(topology: unknown, spec: TextModelSpec): tf.io.ModelArtifacts['modelTopology'] {
  if (!isObject(topology)) return fail('modelTopology is not an object');
  if (topology.class_name !== 'Model') return fail(`the model class must be "Model" (a functional LayersModel), got ${quoteValue(topology.class_name)}`);
  const config = topology.config;
  if (!isObject(config) || !Array.isArray(config.layers)) return fail('modelTopology.config.layers is not a list of layers');
  const raw: unknown[] = config.layers;
  const cellClass = CELL_CLASS[spec.cell];

  // The layer classes, in order, that the sidecar's settings call for (Dropout optional after each cell).
  const layers: Json[] = [];
  const names = new Set<string>();
  let cells = 0;
  let dropout: number | undefined;
  for (const [i, item] of raw.entries()) {
    if (!isObject(item)) return fail(`layer ${i} is not an object`);
    const { name, class_name: cls } = item;
    if (typeof name !== 'string' || !NAME.test(name) || name in Object.prototype) return fail(`layer ${i} has a bad name ${quoteValue(name)}`);
    if (names.has(name)) return fail(`two layers are named ${quoteValue(name)}`);
    names.add(name);
    if (typeof cls !== 'string' || !Object.hasOwn(KNOWN, cls)) return fail(`layer ${quoteValue(name)} has an unsupported class ${quoteValue(cls)}`);
    const c = item.config;
    if (!isObject(c)) return fail(`layer ${quoteValue(name)} has no config`);
    if (c.name !== undefined && c.name !== name) return fail(`layer ${quoteValue(name)} is called ${quoteValue(c.name)} in its config`);
    for (const key of Object.keys(c)) {
      if (!KNOWN[cls].includes(key) && c[key] !== null) return fail(`layer ${quoteValue(name)} has an unsupported setting ${quoteValue(key)}`);
    }
    if (!absentOr(c.trainable, true, false)) return fail(`layer ${quoteValue(name)}: trainable must be true or false`);
    if (cls !== 'InputLayer' && !absentOr(c.dtype, 'float32')) return fail(`layer ${quoteValue(name)}: dtype must be float32, got ${quoteValue(c.dtype)}`);
    for (const key of Object.keys(c)) {
      if (/_(regularizer|constraint)$/.test(key) && c[key] !== null) return fail(`layer ${quoteValue(name)}: ${key} is not supported`);
    }

    // Position in the chain: Input, [Embedding], then cells (each optionally followed by Dropout), Dense.
    const previous = layers.length ? (layers[layers.length - 1].class_name as string) : undefined;
    const wanted =
      i === 0 ? ['InputLayer']
      : previous === 'InputLayer' ? [spec.input === 'embedding' ? 'Embedding' : cellClass]
      : previous === 'Embedding' ? [cellClass]
      : previous === 'Dropout' ? (cells < spec.layers ? [cellClass] : ['Dense'])
      : previous === cellClass ? (cells < spec.layers ? ['Dropout', cellClass] : ['Dropout', 'Dense'])
      : [];
    if (!wanted.includes(cls)) {
      if (previous === 'Dense') return fail(`layer ${quoteValue(name)} follows the output layer`);
      const recurrent = ['SimpleRNN', 'GRU', 'LSTM'];
      if (recurrent.includes(cls) || wanted.some((w) => recurrent.includes(w) || w === 'Embedding')) {
        return mismatch(`found ${cls} layer ${quoteValue(name)} where the sidecar (${spec.layers}×${spec.cell}, ${spec.input} input) expects ${wanted.join(' or ')}`);
      }
      return fail(`found ${cls} layer ${quoteValue(name)} where ${wanted.join(' or ') || 'nothing'} should be`);
    }

    // Wiring: the input has no inbound nodes; every other layer takes the previous one's only output.
    const expectedInbound = i === 0 ? [] : [[[layers[i - 1].name, 0, 0, {}]]];
    if (!sameInbound(item.inbound_nodes, expectedInbound)) {
      return fail(`layer ${quoteValue(name)} must take ${i === 0 ? 'no input' : `the output of ${quoteValue(layers[i - 1].name)}`}, as a simple chain of layers does`);
    }

    layers.push({ name, class_name: cls, config: cleanConfig(cls, name, c, spec), inbound_nodes: expectedInbound });
    if (cls === cellClass) cells++;
    if (cls === 'Dropout') {
      const rate = c.rate as number;
      if (dropout !== undefined && rate !== dropout) return fail('all Dropout layers must have the same rate');
      dropout = rate;
    }
  }
  if (layers.length === 0) return fail('the model has no layers');
  const last = layers[layers.length - 1];
  if (last.class_name !== 'Dense') return fail('the model has no output (Dense) layer at the end');
  if (cells !== spec.layers) return mismatch(`model.json has ${cells} ${cellClass} layer(s), the sidecar says ${spec.layers}`);
  if ((dropout ?? 0) !== spec.dropout) return mismatch(`model.json's dropout is ${quoteValue(dropout ?? 0)}, the sidecar says ${quoteValue(spec.dropout)}`);
  if (!sameNodeList(config.input_layers, layers[0].name as string)) return fail(`input_layers must name the first layer, ${quoteValue(layers[0].name)}`);
  if (!sameNodeList(config.output_layers, last.name as string)) return fail(`output_layers must name the last layer, ${quoteValue(last.name)}`);

  const clean: Json = {
    class_name: 'Model',
    config: { name: typeof config.name === 'string' && NAME.test(config.name) ? config.name : 'char_model', layers, input_layers: [[layers[0].name, 0, 0]], output_layers: [[last.name, 0, 0]] },
  };
  if (typeof topology.keras_version === 'string') clean.keras_version = topology.keras_version.slice(0, 100);
  if (typeof topology.backend === 'string') clean.backend = topology.backend.slice(0, 100);
  return clean as unknown as tf.io.ModelArtifacts['modelTopology'];
}

/** `nodes` is exactly `expected`: [] or [[[name, 0, 0, {}]]] (the {} must be empty: no call arguments). */
function sameInbound(nodes: unknown, expected: unknown[]): boolean {
  if (!Array.isArray(nodes) || nodes.length !== expected.length) return false;
  if (expected.length === 0) return true;
  const [[[name]]] = expected as [[[string]]];
  const node: unknown = nodes[0];
  if (!Array.isArray(node) || node.length !== 1 || !Array.isArray(node[0])) return false;
  const [n, a, b, kwargs, ...rest] = node[0] as unknown[];
  return rest.length === 0 && n === name && a === 0 && b === 0 && isObject(kwargs) && Object.keys(kwargs).length === 0;
}

/** `list` is [[name, 0, 0]]. */
function sameNodeList(list: unknown, name: string): boolean {
  return Array.isArray(list) && list.length === 1 && sameList(list[0], [name, 0, 0]);
}

/** The checked settings of one layer, with sizes compared to the sidecar's `spec`. */
function cleanConfig(cls: string, name: string, c: Json, spec: TextModelSpec): Json {
  const where = `layer ${quoteValue(name)}`;
  const V = spec.vocabSize;
  const out: Json = { name };
  if (typeof c.trainable === 'boolean') out.trainable = c.trainable;
  switch (cls) {
    case 'InputLayer': {
      const onehot = spec.input === 'onehot';
      const shape = onehot ? [null, null, V] : [null, null];
      if (!sameList(c.batch_input_shape, shape)) {
        return mismatch(`the input shape is ${quoteValue(c.batch_input_shape)}; a ${spec.input} model over ${V} characters takes [${shape.map((d) => d ?? 'null').join(', ')}]`);
      }
      const dtype = onehot ? 'float32' : 'int32';
      if (!absentOr(c.dtype, dtype)) return mismatch(`the input dtype is ${quoteValue(c.dtype)}; a ${spec.input} model takes ${dtype}`);
      if (!absentOr(c.sparse, false)) return fail(`${where}: sparse inputs are not supported`);
      return { ...out, batch_input_shape: shape, dtype, sparse: false };
    }
    case 'Embedding':
      if (c.input_dim !== V) return mismatch(`${where} takes ${quoteValue(c.input_dim)} symbols, the vocabulary has ${V}`);
      if (c.output_dim !== spec.embedding) return mismatch(`${where} is ${quoteValue(c.output_dim)} wide, the sidecar says ${spec.embedding}`);
      if (!absentOr(c.mask_zero, false)) return fail(`${where}: mask_zero is not supported`);
      if (!absentOr(c.input_length)) return fail(`${where}: a fixed input_length is not supported`);
      if (!absentOr(c.batch_input_shape) && !sameList(c.batch_input_shape, [null, null])) return fail(`${where}: bad batch_input_shape`);
      return { ...out, input_dim: V, output_dim: spec.embedding, embeddings_initializer: ZEROS, mask_zero: false };
    case 'SimpleRNN':
    case 'GRU':
    case 'LSTM': {
      if (c.units !== spec.hidden) return mismatch(`${where} has ${quoteValue(c.units)} units, the sidecar says ${spec.hidden}`);
      if (c.activation !== 'tanh') return fail(`${where}: activation must be tanh, got ${quoteValue(c.activation)}`);
      if (!absentOr(c.use_bias, true)) return fail(`${where} must use a bias`);
      if (c.return_sequences !== true) return fail(`${where} must return sequences`);
      for (const key of ['return_state', 'go_backwards', 'stateful', 'unroll', 'reset_after']) {
        if (!absentOr(c[key], false)) return fail(`${where}: ${key} is not supported`);
      }
      if (!isRate(c.dropout) || !isRate(c.recurrent_dropout)) return fail(`${where}: dropout and recurrent_dropout must be in [0, 1)`);
      const cell: Json = {
        ...out,
        units: spec.hidden,
        activation: 'tanh',
        use_bias: true,
        dropout: c.dropout ?? 0,
        recurrent_dropout: c.recurrent_dropout ?? 0,
        return_sequences: true,
        kernel_initializer: ZEROS,
        recurrent_initializer: ZEROS,
        bias_initializer: ZEROS,
      };
      if (cls === 'SimpleRNN') return cell;
      const ra = c.recurrent_activation;
      if (ra !== 'sigmoid' && ra !== 'hardSigmoid') return fail(`${where}: recurrent_activation must be sigmoid or hardSigmoid, got ${quoteValue(ra)}`);
      if (!absentOr(c.implementation, 1, 2)) return fail(`${where}: bad implementation ${quoteValue(c.implementation)}`);
      return cls === 'GRU' ? { ...cell, recurrent_activation: ra, reset_after: false } : { ...cell, recurrent_activation: ra, unit_forget_bias: false };
    }
    case 'Dropout':
      if (!(typeof c.rate === 'number' && isRate(c.rate))) return fail(`${where}: the dropout rate must be a number in [0, 1), got ${quoteValue(c.rate)}`);
      if (!absentOr(c.noise_shape)) return fail(`${where}: noise_shape is not supported`);
      if (!absentOr(c.seed) && !Number.isSafeInteger(c.seed)) return fail(`${where}: bad seed ${quoteValue(c.seed)}`);
      return { ...out, rate: c.rate, ...(typeof c.seed === 'number' ? { seed: c.seed } : {}) };
    case 'Dense':
      if (c.units !== V) return mismatch(`${where} predicts ${quoteValue(c.units)} characters, the vocabulary has ${V}`);
      if (c.activation !== 'linear' && c.activation !== 'softmax') return fail(`${where}: output activation must be linear or softmax, got ${quoteValue(c.activation)}`);
      if (!absentOr(c.use_bias, true)) return fail(`${where}: the output layer must use a bias`);
      return { ...out, units: V, activation: c.activation, use_bias: true, kernel_initializer: ZEROS, bias_initializer: ZEROS };
    default:
      return fail(`${where} has an unsupported class ${quoteValue(cls)}`);
  }
}

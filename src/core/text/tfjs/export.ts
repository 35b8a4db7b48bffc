// Saving a text model as a standard TensorFlow.js LayersModel (model.json + weights.bin) plus this project's
// sidecar, and loading it back with validation. See bundle.ts for the format.
import * as tf from '../../tf';
import { quoteValue } from '../../limits';
import type { TextModelSpec, TextTrainSpec } from '../engine';
import {
  BUNDLE_FORMAT,
  ModelBundleError,
  SIDECAR_FORMAT,
  WEIGHTS_FILE,
  type LossPoint,
  type TextModelBundle,
  type TextModelSidecar,
  type VocabJson,
} from './bundle';
import { describeTextModel } from './model';
import { checkModelSpec, checkTrainSpec } from './spec';
import { checkTopology } from './topology';
import { vocabFromJson } from './vocabJson';

export interface SidecarFields {
  train: TextTrainSpec;
  vocab: VocabJson;
  step: number;
  history: LossPoint[];
  /** The engine that trained the model, recorded in the sidecar (default 'tfjs'). */
  engine?: TextModelSidecar['engine'];
}

/** Serialises `net` through tfjs's own save path (a custom IOHandler that keeps the artifacts). */
export async function exportTextModel(net: tf.LayersModel, fields: SidecarFields): Promise<TextModelBundle> {
  const spec = describeTextModel(net).spec;
  if (fields.vocab.symbols.length !== spec.vocabSize) {
    throw new Error(`vocabulary has ${fields.vocab.symbols.length} symbols but the model predicts ${spec.vocabSize}`);
  }
  let artifacts: tf.io.ModelArtifacts | undefined;
  await net.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) throw new Error('tfjs produced no model artifacts');
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
  };
  const sidecar: TextModelSidecar = {
    format: SIDECAR_FORMAT,
    version: 1,
    engine: fields.engine ?? 'tfjs',
    model: spec,
    train: { ...fields.train },
    vocab: { ...fields.vocab, symbols: [...fields.vocab.symbols] },
    step: fields.step,
    history: fields.history.map((p) => ({ ...p })),
    savedAt: new Date().toISOString(),
  };
  return {
    format: BUNDLE_FORMAT,
    version: 1,
    modelJson: JSON.stringify(modelJson),
    weights: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
    sidecar,
  };
}

export interface ImportedTextModel {
  net: tf.LayersModel;
  spec: TextModelSpec;
  sidecar: TextModelSidecar;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Most loss-curve points kept from a sidecar; a longer history is thinned evenly (its shape is kept). */
export const MAX_HISTORY_POINTS = 4_000;
/** Longest savedAt string kept (an ISO date is 24 characters). */
const MAX_SAVED_AT_CHARS = 64;

const isStep = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * The usable points of a saved loss curve, as fresh objects: entries without a whole step ≥ 0 or a finite
 * training loss and elapsed time are dropped, a validation loss that is not a finite number is left out.
 */
function checkHistory(x: unknown): LossPoint[] {
  if (!Array.isArray(x)) return [];
  const points: LossPoint[] = [];
  for (const p of x as unknown[]) {
    if (!isObject(p) || !isStep(p.step) || !isFiniteNumber(p.train) || !isFiniteNumber(p.elapsedMs)) continue;
    const point: LossPoint = { step: p.step, train: p.train, elapsedMs: p.elapsedMs };
    if (isFiniteNumber(p.valid)) point.valid = p.valid;
    points.push(point);
  }
  if (points.length <= MAX_HISTORY_POINTS) return points;
  // Evenly spaced indices from the first point to the last.
  const last = points.length - 1;
  return Array.from({ length: MAX_HISTORY_POINTS }, (_, i) => points[Math.round((i * last) / (MAX_HISTORY_POINTS - 1))]);
}

/**
 * Checks the sidecar's shape (not yet against the model) and returns a fresh, well-typed copy holding only
 * the known fields. Throws ModelBundleError.
 */
export function checkSidecar(x: unknown): TextModelSidecar {
  if (!isObject(x) || x.format !== SIDECAR_FORMAT) throw new ModelBundleError('text-model.json is not a Backprop Playground text model sidecar');
  if (x.version !== 1) throw new ModelBundleError(`unsupported sidecar version ${quoteValue(x.version)}`);
  if (x.engine !== 'tfjs' && x.engine !== 'scratch') throw new ModelBundleError(`unknown engine ${quoteValue(x.engine)}`);
  if (!isObject(x.model) || !isObject(x.train) || !isObject(x.vocab)) throw new ModelBundleError('the sidecar lacks model, train or vocab settings');
  const m = x.model;
  const t = x.train;
  // Field by field into fresh objects: types are checked by checkModelSpec / checkTrainSpec just below.
  const model = { cell: m.cell, layers: m.layers, hidden: m.hidden, input: m.input, embedding: m.embedding, dropout: m.dropout, vocabSize: m.vocabSize } as TextModelSpec;
  const train = { seqLength: t.seqLength, batchSize: t.batchSize, optimizer: t.optimizer, learningRate: t.learningRate, clipNorm: t.clipNorm, seed: t.seed } as TextTrainSpec;
  const problem = checkModelSpec(model) ?? checkTrainSpec(train);
  if (problem) throw new ModelBundleError(`bad settings in the sidecar: ${problem}`);
  if (model.input === 'onehot') model.embedding = 0;

  const v = x.vocab;
  if (typeof v.lowercase !== 'boolean') throw new ModelBundleError(`bad vocabulary: "lowercase" must be true or false (got ${quoteValue(v.lowercase)})`);
  const minCount = v.minCount ?? 1;
  if (!(Number.isSafeInteger(minCount) && (minCount as number) >= 1)) {
    throw new ModelBundleError(`bad vocabulary: "minCount" must be a whole number ≥ 1 (got ${quoteValue(v.minCount)})`);
  }
  let vocab: VocabJson;
  try {
    const parsed = vocabFromJson({ symbols: v.symbols, unknown: v.unknown, lowercase: v.lowercase, minCount } as VocabJson);
    vocab = { symbols: [...parsed.chars], unknown: parsed.unknown ?? -1, lowercase: v.lowercase, minCount: minCount as number };
  } catch (err) {
    throw new ModelBundleError(`bad vocabulary: ${(err as Error).message}`);
  }
  if (vocab.symbols.length !== model.vocabSize) {
    throw new ModelBundleError(`the vocabulary has ${vocab.symbols.length} characters but the model settings say ${model.vocabSize}`);
  }
  const step = x.step ?? 0;
  if (!isStep(step)) throw new ModelBundleError(`the step count must be a whole number ≥ 0 (got ${quoteValue(x.step)})`);
  return {
    format: SIDECAR_FORMAT,
    version: 1,
    engine: x.engine,
    model,
    train,
    vocab,
    step,
    history: checkHistory(x.history),
    savedAt: typeof x.savedAt === 'string' && x.savedAt.length <= MAX_SAVED_AT_CHARS ? x.savedAt : '',
  };
}

/**
 * A message from JSON.parse or TensorFlow.js, fit to show: such messages may quote the file (V8 quotes the
 * text around a syntax error), so control and bidi characters are replaced and the length is capped.
 */
function safeDetail(message: string): string {
  let clean = '';
  for (const ch of message.slice(0, 400)) {
    const c = ch.charCodeAt(0);
    clean += c < 0x20 || c === 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ? '?' : ch;
  }
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

/**
 * Parses model.json text and checks its manifest against the weights: float32 only, one entry per name,
 * sizes adding up to the weights' byte length, and every value finite (a NaN or ±Infinity weight would make
 * every prediction NaN). The topology is checked later, against the sidecar (see topology.ts).
 */
export function parseModelJson(text: string, weights: ArrayBuffer): tf.io.ModelArtifacts {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelBundleError(`model.json is not valid JSON: ${safeDetail((err as Error).message)}`);
  }
  if (!isObject(json) || !isObject(json.modelTopology)) throw new ModelBundleError('model.json has no modelTopology: not a TensorFlow.js LayersModel');
  if (!Array.isArray(json.weightsManifest)) throw new ModelBundleError('model.json has no weightsManifest');
  const specs: tf.io.WeightsManifestEntry[] = [];
  const names = new Set<string>();
  for (const group of json.weightsManifest as unknown[]) {
    if (!isObject(group) || !Array.isArray(group.weights)) throw new ModelBundleError('model.json has a malformed weights manifest');
    for (const w of group.weights as unknown[]) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') {
        throw new ModelBundleError('model.json has a malformed weight entry');
      }
      if (w.quantization !== undefined) throw new ModelBundleError('quantized weights are not supported');
      if (w.dtype !== 'float32') throw new ModelBundleError(`weight ${quoteValue(w.name)} has type ${quoteValue(w.dtype)}; only float32 weights are supported`);
      if (!(w.shape as unknown[]).every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw new ModelBundleError(`weight ${quoteValue(w.name)} has a bad shape`);
      if (names.has(w.name)) throw new ModelBundleError(`model.json lists weight ${quoteValue(w.name)} twice`);
      names.add(w.name);
      specs.push({ name: w.name, shape: [...(w.shape as number[])], dtype: 'float32' });
    }
  }
  const expected = specs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (expected !== weights.byteLength) {
    throw new ModelBundleError(`the weights file has ${weights.byteLength} bytes but model.json describes ${expected}`);
  }
  // Every entry is float32, so the whole file is one float32 array.
  const values = new Float32Array(weights);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new ModelBundleError(`the weights contain ${values[i]} (at value ${i}): every weight must be a finite number`);
  }
  return {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    format: typeof json.format === 'string' ? json.format : undefined,
    weightSpecs: specs,
  };
}

/**
 * tf.loadLayersModel, but without leaking the half-built model when the weights do not fit it: build the
 * model from its (checked) topology, compare every weight's shape with the manifest, then load the values.
 */
async function loadLayersModelSafely(topology: tf.io.ModelArtifacts['modelTopology'], specList: tf.io.WeightsManifestEntry[], weights: ArrayBuffer): Promise<tf.LayersModel> {
  let net: tf.LayersModel;
  try {
    net = await tf.models.modelFromJSON({ modelTopology: topology } as Parameters<typeof tf.models.modelFromJSON>[0]);
  } catch (err) {
    throw new ModelBundleError(`TensorFlow.js could not build the model from model.json: ${safeDetail((err as Error).message)}`);
  }
  let values: tf.NamedTensorMap = {};
  try {
    const specs = new Map(specList.map((w) => [w.name, w]));
    for (const w of net.weights) {
      const spec = specs.get(w.originalName);
      if (!spec) throw new ModelBundleError(`model.json has no weights for ${quoteValue(w.originalName)}`);
      if (spec.shape.join(',') !== w.shape.join(',')) {
        throw new ModelBundleError(`weight ${quoteValue(w.originalName)} has shape [${spec.shape}] in the manifest but the layer needs [${w.shape}]`);
      }
    }
    if (specs.size !== net.weights.length) throw new ModelBundleError(`model.json lists ${specs.size} weights but the model has ${net.weights.length}`);
    values = tf.io.decodeWeights(weights, specList);
    net.loadWeights(values, true);
    return net;
  } catch (err) {
    net.dispose();
    throw err instanceof ModelBundleError ? err : new ModelBundleError(`TensorFlow.js could not load the weights: ${safeDetail((err as Error).message)}`);
  } finally {
    tf.dispose(Object.values(values));
  }
}

/**
 * Restores a model from a bundle (e.g. read from IndexedDB or three files). Validates everything and throws
 * ModelBundleError with a readable reason: malformed JSON, weights that do not match the manifest, shapes
 * tfjs rejects, layers this project cannot run, or a vocabulary that does not fit the model. `engine`: the
 * engine the sidecar must name (a from-scratch model is saved in the same format; see fromScratch.ts).
 */
export async function importTextModel(bundle: unknown, engine: TextModelSidecar['engine'] = 'tfjs'): Promise<ImportedTextModel> {
  if (!isObject(bundle) || bundle.format !== BUNDLE_FORMAT) throw new ModelBundleError('not a Backprop Playground text model');
  if (bundle.version !== 1) throw new ModelBundleError(`unsupported model version ${quoteValue(bundle.version)}`);
  if (typeof bundle.modelJson !== 'string' || !(bundle.weights instanceof ArrayBuffer)) {
    throw new ModelBundleError('the model lacks model.json text or its weights');
  }
  const sidecar = checkSidecar(bundle.sidecar);
  if (sidecar.engine !== engine) {
    throw new ModelBundleError(
      sidecar.engine === 'scratch' ? 'this model was saved by the from-scratch engine, not TensorFlow.js' : 'this model was saved by TensorFlow.js, not the from-scratch engine',
    );
  }
  const artifacts = parseModelJson(bundle.modelJson, bundle.weights);
  // Before TensorFlow.js builds anything: its deserializer hangs on broken graphs and allocates any size.
  const topology = checkTopology(artifacts.modelTopology, sidecar.model);
  const net = await loadLayersModelSafely(topology, artifacts.weightSpecs ?? [], bundle.weights);
  try {
    let spec: TextModelSpec;
    try {
      spec = describeTextModel(net).spec;
    } catch (err) {
      throw new ModelBundleError(`not a character model this app can run: ${safeDetail((err as Error).message)}`);
    }
    // Backstop: checkTopology already enforced all of this.
    const limits = checkModelSpec(spec);
    if (limits) throw new ModelBundleError(`the model is outside the app's limits: ${limits}`);
    const s = sidecar.model;
    if (spec.vocabSize !== sidecar.vocab.symbols.length) {
      throw new ModelBundleError(`the model predicts ${spec.vocabSize} characters but its vocabulary has ${sidecar.vocab.symbols.length}`);
    }
    if (spec.cell !== s.cell || spec.layers !== s.layers || spec.hidden !== s.hidden || spec.input !== s.input || spec.embedding !== s.embedding || spec.dropout !== s.dropout) {
      throw new ModelBundleError(
        `model.json (${spec.layers}×${spec.cell} ${spec.hidden}, ${spec.input}) does not match the sidecar (${s.layers}×${s.cell} ${s.hidden}, ${s.input})`,
      );
    }
    return { net, spec, sidecar: { ...sidecar, model: spec } };
  } catch (err) {
    net.dispose();
    throw err;
  }
}

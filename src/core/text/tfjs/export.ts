// Saving a text model as a standard TensorFlow.js LayersModel (model.json + weights.bin) plus this project's
// sidecar, and loading it back with validation. See bundle.ts for the format.
import * as tf from '@tensorflow/tfjs';
import type { TextModelSpec, TextTrainSpec } from '../engine';
import {
  BUNDLE_FORMAT,
  ModelFileError,
  SIDECAR_FORMAT,
  WEIGHTS_FILE,
  type LossPoint,
  type TextModelBundle,
  type TextModelSidecar,
  type VocabJson,
} from './bundle';
import { describeTextModel } from './model';
import { checkModelSpec, checkTrainSpec } from './spec';
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
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Checks the sidecar's shape (not yet against the model). */
export function checkSidecar(x: unknown): TextModelSidecar {
  if (!isObject(x) || x.format !== SIDECAR_FORMAT) throw new ModelFileError('text-model.json is not a Backprop Playground text model sidecar');
  if (x.version !== 1) throw new ModelFileError(`unsupported sidecar version ${String(x.version)}`);
  if (x.engine !== 'tfjs' && x.engine !== 'scratch') throw new ModelFileError(`unknown engine ${String(x.engine)}`);
  if (!isObject(x.model) || !isObject(x.train) || !isObject(x.vocab)) throw new ModelFileError('the sidecar lacks model, train or vocab settings');
  const model = x.model as unknown as TextModelSpec;
  const train = x.train as unknown as TextTrainSpec;
  const problem = checkModelSpec(model) ?? checkTrainSpec(train);
  if (problem) throw new ModelFileError(`bad settings in the sidecar: ${problem}`);
  const vocab = x.vocab as unknown as VocabJson;
  try {
    vocabFromJson(vocab);
  } catch (err) {
    throw new ModelFileError(`bad vocabulary: ${(err as Error).message}`);
  }
  if (vocab.symbols.length !== model.vocabSize) {
    throw new ModelFileError(`the vocabulary has ${vocab.symbols.length} characters but the model settings say ${model.vocabSize}`);
  }
  const history = Array.isArray(x.history)
    ? (x.history as unknown[]).filter((p): p is LossPoint => isObject(p) && typeof p.step === 'number' && typeof p.train === 'number')
    : [];
  return {
    format: SIDECAR_FORMAT,
    version: 1,
    engine: x.engine,
    model,
    train,
    vocab,
    step: typeof x.step === 'number' && x.step >= 0 ? x.step : 0,
    history,
    savedAt: typeof x.savedAt === 'string' ? x.savedAt : '',
  };
}

/** Parses model.json text and checks its manifest against the weights' byte length. */
export function parseModelJson(text: string, weightBytes: number): tf.io.ModelArtifacts {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(`model.json is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(json) || !isObject(json.modelTopology)) throw new ModelFileError('model.json has no modelTopology: not a TensorFlow.js LayersModel');
  if (!Array.isArray(json.weightsManifest)) throw new ModelFileError('model.json has no weightsManifest');
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const group of json.weightsManifest as unknown[]) {
    if (!isObject(group) || !Array.isArray(group.weights)) throw new ModelFileError('model.json has a malformed weights manifest');
    for (const w of group.weights as unknown[]) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') {
        throw new ModelFileError('model.json has a malformed weight entry');
      }
      if (w.quantization !== undefined) throw new ModelFileError('quantized weights are not supported');
      if (!(w.dtype in BYTES)) throw new ModelFileError(`unsupported weight type ${w.dtype}`);
      if (!(w.shape as unknown[]).every((d) => Number.isInteger(d) && (d as number) >= 0)) throw new ModelFileError(`weight ${w.name} has a bad shape`);
      specs.push(w as unknown as tf.io.WeightsManifestEntry);
    }
  }
  const expected = specs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * BYTES[w.dtype], 0);
  if (expected !== weightBytes) {
    throw new ModelFileError(`the weights file has ${weightBytes} bytes but model.json describes ${expected}`);
  }
  return {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    format: typeof json.format === 'string' ? json.format : undefined,
    weightSpecs: specs,
  };
}

/**
 * tf.loadLayersModel, but without leaking the half-built model when the weights do not fit it: build the
 * model from its topology, compare every weight's shape with the manifest, then load the values.
 */
async function loadLayersModelSafely(artifacts: tf.io.ModelArtifacts, weights: ArrayBuffer): Promise<tf.LayersModel> {
  let net: tf.LayersModel;
  try {
    net = await tf.models.modelFromJSON({ modelTopology: artifacts.modelTopology } as Parameters<typeof tf.models.modelFromJSON>[0]);
  } catch (err) {
    throw new ModelFileError(`TensorFlow.js could not build the model from model.json: ${(err as Error).message}`);
  }
  let values: tf.NamedTensorMap = {};
  try {
    const specs = new Map((artifacts.weightSpecs ?? []).map((w) => [w.name, w]));
    for (const w of net.weights) {
      const spec = specs.get(w.originalName);
      if (!spec) throw new ModelFileError(`model.json has no weights for ${w.originalName}`);
      if (spec.shape.join(',') !== w.shape.join(',')) {
        throw new ModelFileError(`weight ${w.originalName} has shape [${spec.shape}] in the manifest but the layer needs [${w.shape}]`);
      }
    }
    if (specs.size !== net.weights.length) throw new ModelFileError(`model.json lists ${specs.size} weights but the model has ${net.weights.length}`);
    values = tf.io.decodeWeights(weights, artifacts.weightSpecs ?? []);
    net.loadWeights(values, true);
    return net;
  } catch (err) {
    net.dispose();
    throw err instanceof ModelFileError ? err : new ModelFileError(`TensorFlow.js could not load the weights: ${(err as Error).message}`);
  } finally {
    tf.dispose(Object.values(values));
  }
}

/**
 * Restores a model from a bundle (e.g. read from IndexedDB or three files). Validates everything and throws
 * ModelFileError with a readable reason: malformed JSON, weights that do not match the manifest, shapes
 * tfjs rejects, layers this project cannot run, or a vocabulary that does not fit the model. `engine`: the
 * engine the sidecar must name (a from-scratch model is saved in the same format; see fromScratch.ts).
 */
export async function importTextModel(bundle: unknown, engine: TextModelSidecar['engine'] = 'tfjs'): Promise<ImportedTextModel> {
  if (!isObject(bundle) || bundle.format !== BUNDLE_FORMAT) throw new ModelFileError('not a Backprop Playground text model');
  if (bundle.version !== 1) throw new ModelFileError(`unsupported model version ${String(bundle.version)}`);
  if (typeof bundle.modelJson !== 'string' || !(bundle.weights instanceof ArrayBuffer)) {
    throw new ModelFileError('the model lacks model.json text or its weights');
  }
  const sidecar = checkSidecar(bundle.sidecar);
  if (sidecar.engine !== engine) {
    throw new ModelFileError(
      sidecar.engine === 'scratch' ? 'this model was saved by the from-scratch engine, not TensorFlow.js' : 'this model was saved by TensorFlow.js, not the from-scratch engine',
    );
  }
  const artifacts = parseModelJson(bundle.modelJson, bundle.weights.byteLength);
  const net = await loadLayersModelSafely(artifacts, bundle.weights);
  try {
    let spec: TextModelSpec;
    try {
      spec = describeTextModel(net).spec;
    } catch (err) {
      throw new ModelFileError(`not a character model this app can run: ${(err as Error).message}`);
    }
    const s = sidecar.model;
    if (spec.vocabSize !== sidecar.vocab.symbols.length) {
      throw new ModelFileError(`the model predicts ${spec.vocabSize} characters but its vocabulary has ${sidecar.vocab.symbols.length}`);
    }
    if (spec.cell !== s.cell || spec.layers !== s.layers || spec.hidden !== s.hidden || spec.input !== s.input) {
      throw new ModelFileError(
        `model.json (${spec.layers}×${spec.cell} ${spec.hidden}, ${spec.input}) does not match the sidecar (${s.layers}×${s.cell} ${s.hidden}, ${s.input})`,
      );
    }
    return { net, spec, sidecar: { ...sidecar, model: spec } };
  } catch (err) {
    net.dispose();
    throw err;
  }
}

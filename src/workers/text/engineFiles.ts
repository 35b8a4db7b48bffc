// Saving and restoring the Text worker's two engines (building a fresh one is the core's createTextEngine).
//   'tfjs'    TfjsTextEngine (RNN/GRU/LSTM, any backend), saved as model.json + weights.bin + sidecar.
//   'scratch' ScratchRnnEngine (one-layer vanilla RNN in Float64Array math), saved in the same format: its
//             weights mapped onto the equivalent SimpleRNN + Dense LayersModel (tfjs/fromScratch.ts, rounded
//             to float32), sidecar engine 'scratch'. Older saves (modelJson '' and weights = the flat float64
//             vector θ = [Wxh, Whh, Why, bh, by]) still load.
import type { EngineKind, TextEngine, TextTrainSpec } from '../../core/text/engine';
import { createRnnParams, rnnParamCount, ScratchRnnEngine, scratchUnsupported, type RnnParams } from '../../core/text/scratch';
import { BUNDLE_FORMAT, ModelBundleError, type TextModelBundle, type TextModelSidecar } from '../../core/text/tfjs/bundle';
import { TfjsTextEngine } from '../../core/text/tfjs/engine';
import { checkSidecar, exportTextModel, importTextModel, type SidecarFields } from '../../core/text/tfjs/export';
import { layersModelToScratch, scratchToLayersModel } from '../../core/text/tfjs/fromScratch';
import { SessionError } from './sessionUtil';

export async function exportEngine(engine: TextEngine, train: TextTrainSpec, fields: Omit<SidecarFields, 'train'>): Promise<TextModelBundle> {
  if (engine instanceof TfjsTextEngine) return exportTextModel(engine.net, { ...fields, train });
  if (!(engine instanceof ScratchRnnEngine)) throw new Error('unknown engine');
  const net = scratchToLayersModel(engine.weights());
  try {
    return await exportTextModel(net, { ...fields, train, engine: 'scratch' });
  } finally {
    net.dispose();
  }
}

/**
 * Restores an engine from a bundle. `tokens` (the held corpus encoded with the bundle's vocabulary) may be
 * null for a TensorFlow.js model (it can generate and score, and trains once a corpus is set); the scratch
 * engine needs them.
 */
export async function importEngine(
  kind: EngineKind,
  bundle: TextModelBundle,
  tokens: Int32Array | null,
): Promise<{ engine: TextEngine; sidecar: TextModelSidecar }> {
  const saved = (bundle as { sidecar?: { engine?: unknown } } | null)?.sidecar?.engine;
  if (saved !== undefined && saved !== kind) {
    throw new SessionError(
      'unsupported',
      saved === 'scratch'
        ? 'This model was saved by the from-scratch engine: choose "From scratch" to load it.'
        : 'This model was trained with TensorFlow.js: choose a TensorFlow.js backend (auto, WebGPU, WebGL, WASM or CPU) to load it.',
    );
  }
  if (kind === 'tfjs') {
    const { net, sidecar } = await importTextModel(bundle);
    try {
      const usable = tokens && tokens.length > sidecar.train.seqLength ? tokens : null;
      return { engine: new TfjsTextEngine(net, sidecar.train, usable), sidecar };
    } catch (err) {
      net.dispose();
      throw err;
    }
  }
  if ((bundle as { format?: unknown } | null)?.format !== BUNDLE_FORMAT) throw new ModelBundleError('not a Backprop Playground text model');
  if (typeof bundle.modelJson === 'string' && bundle.modelJson !== '') return importScratchLayersModel(bundle, tokens);
  const sidecar = checkSidecar(bundle.sidecar);
  const problem = scratchUnsupported(sidecar.model);
  if (problem) throw new ModelBundleError(problem);
  const { hidden: H, vocabSize: V } = sidecar.model;
  if (!(bundle.weights instanceof ArrayBuffer) || bundle.weights.byteLength !== rnnParamCount(H, V) * 8) {
    throw new ModelBundleError(`the weights should be ${rnnParamCount(H, V)} float64 numbers for ${H} hidden units and ${V} characters`);
  }
  const theta = new Float64Array(bundle.weights.slice(0));
  if (!theta.every(Number.isFinite)) throw new ModelBundleError('the weights contain NaN or Infinity');
  if (!tokens || tokens.length < sidecar.train.batchSize * (sidecar.train.seqLength + 1)) {
    throw new SessionError('no-corpus', 'Load a corpus first: the from-scratch engine needs training text to restore a model.');
  }
  return { engine: new ScratchRnnEngine(sidecar.model, sidecar.train, tokens, { init: createRnnParams(H, V, theta) }), sidecar };
}

/** A from-scratch model saved as model.json + weights: read back through tfjs and mapped to θ. */
async function importScratchLayersModel(bundle: TextModelBundle, tokens: Int32Array | null): Promise<{ engine: TextEngine; sidecar: TextModelSidecar }> {
  const { net, sidecar } = await importTextModel(bundle, 'scratch');
  let params: RnnParams;
  try {
    params = await layersModelToScratch(net);
  } catch (err) {
    throw new ModelBundleError((err as Error).message);
  } finally {
    net.dispose();
  }
  if (!params.theta.every(Number.isFinite)) throw new ModelBundleError('the weights contain NaN or Infinity');
  if (!tokens || tokens.length < sidecar.train.batchSize * (sidecar.train.seqLength + 1)) {
    throw new SessionError('no-corpus', 'Load a corpus first: the from-scratch engine needs training text to restore a model.');
  }
  return { engine: new ScratchRnnEngine(sidecar.model, sidecar.train, tokens, { init: params }), sidecar };
}

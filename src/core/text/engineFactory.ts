// The one place a fresh text engine is built, for the worker, the CLI and the benchmarks alike.
//
// The caller chooses the engine kind; for 'tfjs' it must also have activated a TensorFlow.js backend
// (tf.setBackend — the worker does it in src/workers/backend.ts, the CLI picks 'cpu'), because backend
// start-up is platform-specific and stays outside the core. TensorFlow.js is imported lazily, so building a
// scratch engine never loads it (the CLI's scratch runs start without it).
import type { EngineKind, TextEngine, TextModelSpec, TextTrainSpec } from './engine';
import type { TfjsEngineOptions } from './tfjs/engineOptions';
import { ScratchRnnEngine, scratchUnsupported } from './scratch/scratchRnnEngine';

/** The model asks for something the chosen engine lacks (e.g. an LSTM on the scratch engine). */
export class UnsupportedModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedModelError';
  }
}

/**
 * A fresh engine of `kind` for `spec`, seeded by train.seed, training on `tokens`. The scratch engine needs
 * batchSize × (seqLength + 1) tokens, the TensorFlow.js one seqLength + 1 (both throw RangeError below
 * that; createTfjsTextEngine also for a bad training spec). Throws UnsupportedModelError when the scratch
 * engine cannot run `spec`. `options` go to the TensorFlow.js engine (the scratch engine has none).
 */
export async function createTextEngine(
  kind: EngineKind,
  spec: TextModelSpec,
  train: TextTrainSpec,
  tokens: Int32Array,
  options: TfjsEngineOptions = {},
): Promise<TextEngine> {
  if (kind === 'scratch') {
    const problem = scratchUnsupported(spec);
    if (problem) throw new UnsupportedModelError(problem);
    return new ScratchRnnEngine(spec, train, tokens);
  }
  const { createTfjsTextEngine } = await import('./tfjs/engine');
  return createTfjsTextEngine(spec, train, tokens, options);
}

/**
 * Training tokens an engine of `kind` needs for `train`: the scratch engine gives each batch row its own
 * lane of the text (batchSize × (seqLength + 1)); the TensorFlow.js engine draws each window anywhere in it
 * (seqLength + 1).
 */
export function minTrainTokens(kind: EngineKind, train: Pick<TextTrainSpec, 'batchSize' | 'seqLength'>): number {
  return kind === 'scratch' ? train.batchSize * (train.seqLength + 1) : train.seqLength + 1;
}

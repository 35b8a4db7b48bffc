// Node only (the Node adapter of the core's text-model format): writing a saved model to a directory (the
// CLI's --save DIR) and reading it back. Never imported by the worker or the page.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Vocab } from '../core/text/vocab';
import { MODEL_JSON_FILE, ModelBundleError, SIDECAR_FILE, WEIGHTS_FILE, type LossPoint, type TextModelBundle } from '../core/text/tfjs/bundle';
import type { TfjsTextEngine } from '../core/text/tfjs/engine';
import { exportTextModel } from '../core/text/tfjs/export';
import { vocabToJson } from '../core/text/tfjs/vocabJson';

export interface SaveSettings {
  /** The minCount the vocabulary was built with (default 1). */
  minCount?: number;
  history?: LossPoint[];
}

/** Writes model.json, weights.bin and text-model.json into `dir` (created if needed); returns the paths. */
export async function saveToDirectory(engine: TfjsTextEngine, vocab: Vocab, settings: SaveSettings, dir: string): Promise<string[]> {
  const bundle = await exportTextModel(engine.net, {
    train: engine.trainSpec,
    vocab: vocabToJson(vocab, settings.minCount ?? 1),
    step: engine.steps,
    history: settings.history ?? [],
  });
  return saveBundleToDirectory(bundle, dir);
}

export async function saveBundleToDirectory(bundle: TextModelBundle, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = [join(dir, MODEL_JSON_FILE), join(dir, WEIGHTS_FILE), join(dir, SIDECAR_FILE)];
  await writeFile(files[0], bundle.modelJson);
  await writeFile(files[1], new Uint8Array(bundle.weights));
  await writeFile(files[2], JSON.stringify(bundle.sidecar, null, 2));
  return files;
}

/** Reads the three files back into a bundle (pass it to importTextModel). */
export async function loadBundleFromDirectory(dir: string): Promise<TextModelBundle> {
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name));
    } catch (err) {
      throw new ModelBundleError(`cannot read ${join(dir, name)}: ${(err as Error).message}`);
    }
  };
  const [modelJson, weights, sidecarText] = await Promise.all([read(MODEL_JSON_FILE), read(WEIGHTS_FILE), read(SIDECAR_FILE)]);
  let sidecar: unknown;
  try {
    sidecar = JSON.parse(sidecarText.toString('utf8'));
  } catch (err) {
    throw new ModelBundleError(`${SIDECAR_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  return {
    format: 'backprop-playground/text-model',
    version: 1,
    modelJson: modelJson.toString('utf8'),
    weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    sidecar: sidecar as TextModelBundle['sidecar'],
  };
}

// A model as files: `model.json` (standard TensorFlow.js topology + weights manifest pointing at
// `weights.bin`), `weights.bin`, and the sidecar `text-model.json` (vocabulary, settings, loss history).
// The from-scratch engine has no model.json. Import accepts the files in any order and with any names.
import { LIMITS, quoteValue } from '../../../core/limits';
import type { TextModelBundle, TextModelSidecar } from '../../../workers/textProtocol';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
export const SIDECAR_JSON = 'text-model.json';

export interface ModelFile {
  name: string;
  blob: Blob;
}

export function bundleToFiles(bundle: TextModelBundle): ModelFile[] {
  const files: ModelFile[] = [];
  if (bundle.modelJson) files.push({ name: MODEL_JSON, blob: new Blob([bundle.modelJson], { type: 'application/json' }) });
  files.push({ name: WEIGHTS_BIN, blob: new Blob([bundle.weights], { type: 'application/octet-stream' }) });
  files.push({ name: SIDECAR_JSON, blob: new Blob([JSON.stringify(bundle.sidecar, null, 2)], { type: 'application/json' }) });
  return files;
}

/** Offers a file for download through a temporary object URL. */
export function downloadFile({ name, blob }: ModelFile): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file as read for import: JSON files as text, everything else as bytes. */
export interface ImportPart {
  name: string;
  text?: string;
  bytes?: ArrayBuffer;
}

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Recognises the parts by content (the sidecar by its `format`, model.json by `modelTopology`, the weights
 * as the one binary file) and assembles a bundle. Shapes and sizes are checked by the worker on import.
 */
export function assembleBundle(parts: readonly ImportPart[]): TextModelBundle {
  let sidecar: TextModelSidecar | undefined;
  let modelJson = '';
  let weights: ArrayBuffer | undefined;
  for (const part of parts) {
    if (part.bytes) {
      if (weights) throw new ModelFileError(`Two weight files were chosen (${quoteValue(part.name)}); choose one model's files.`);
      weights = part.bytes;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(part.text ?? '');
    } catch {
      throw new ModelFileError(`${quoteValue(part.name)} is not valid JSON.`);
    }
    if (isRecord(parsed) && parsed.format === 'backprop-playground/text-model-sidecar') sidecar = parsed as unknown as TextModelSidecar;
    else if (isRecord(parsed) && 'modelTopology' in parsed) modelJson = part.text ?? '';
    else throw new ModelFileError(`${quoteValue(part.name)} is neither a TensorFlow.js model.json nor a ${SIDECAR_JSON} sidecar.`);
  }
  if (!sidecar) throw new ModelFileError(`The sidecar ${SIDECAR_JSON} is missing: it holds the vocabulary and settings.`);
  if (!weights) throw new ModelFileError(`The weights file (${WEIGHTS_BIN}) is missing.`);
  if (sidecar.engine === 'tfjs' && !modelJson) throw new ModelFileError(`This model needs its ${MODEL_JSON} too.`);
  return { format: 'backprop-playground/text-model', version: 1, modelJson, weights, sidecar };
}

const isJsonFile = (f: Pick<File, 'name' | 'type'>) => /\.json$/i.test(f.name) || f.type === 'application/json';
const MIB = 1024 * 1024;

/**
 * Why `file` is too large to import, or null. Checked from its size before anything is read, so a huge
 * file costs nothing: JSON files are read as text and parsed whole, the weights are held in memory.
 */
export function modelFileTooLarge(file: Pick<File, 'name' | 'size' | 'type'>): string | null {
  const json = isJsonFile(file);
  const limit = json ? LIMITS.textModel.maxJsonFileBytes : LIMITS.textModel.maxWeightsFileBytes;
  if (file.size <= limit) return null;
  const what = json ? 'a model JSON file' : 'a weights file';
  return `${quoteValue(file.name)} is ${(file.size / MIB).toFixed(1)} MiB; the limit for ${what} is ${limit / MIB} MiB.`;
}

/** Reads chosen files (JSON as text, others as bytes) and assembles a bundle. Refuses oversized files unread. */
export async function bundleFromFiles(files: readonly File[]): Promise<TextModelBundle> {
  for (const f of files) {
    const problem = modelFileTooLarge(f);
    if (problem) throw new ModelFileError(problem);
  }
  const parts = await Promise.all(
    files.map(async (f): Promise<ImportPart> => (isJsonFile(f) ? { name: f.name, text: await f.text() } : { name: f.name, bytes: await f.arrayBuffer() })),
  );
  return assembleBundle(parts);
}

/** "LSTM 2×128 · 3,000 steps · 1.52 bits/char" — the line shown in the saved-model list. */
export function describeBundle(bundle: TextModelBundle): string {
  const { model, step, history } = bundle.sidecar;
  const last = history[history.length - 1];
  const loss = last?.valid ?? last?.train;
  const parts = [`${model.cell.toUpperCase()} ${model.layers}×${model.hidden}`, `${step.toLocaleString('en-US')} steps`];
  if (loss !== undefined && Number.isFinite(loss)) parts.push(`${(loss / Math.LN2).toFixed(2)} bits/char`);
  return parts.join(' · ');
}

// The lab's model and training settings as the controls edit them, the ranges the controls allow, and which changes
// need a fresh model. The learning rate changes live (set-lr keeps weights and optimiser state); every other
// model or training setting is baked into the model the worker builds, so changing it asks to reset.
import { DEFAULT_MODEL_SETTINGS, DEFAULT_TRAIN_SPEC, type TextModelSettings } from '../../../core/text/defaults';
import type { TextTrainSpec } from '../../../core/text/engine';
import { clamp } from '../../../ui/clamp';
import type { EngineChoice } from '../../../workers/textProtocol';

export interface LabSettings {
  engine: EngineChoice;
  model: TextModelSettings;
  train: TextTrainSpec;
}

export const DEFAULT_LAB_SETTINGS: LabSettings = {
  engine: 'auto',
  model: { ...DEFAULT_MODEL_SETTINGS },
  train: { ...DEFAULT_TRAIN_SPEC },
};

export const ENGINE_LABELS: Record<EngineChoice, string> = {
  auto: 'Auto (the fastest, measured)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly (WASM)',
  cpu: 'CPU (TensorFlow.js)',
  scratch: 'From scratch (JavaScript)',
};

/** What the settings form lets a user choose (ranges of its controls, and what a typed value is clamped to).
 *  These are UI ranges, not safety caps: caps on untrusted input (files, links) live in src/core/limits.ts. */
export const TEXT_UI_RANGES = {
  layers: { min: 1, max: 3 },
  hidden: { min: 16, max: 1024 },
  embedding: { min: 4, max: 512 },
  dropout: { min: 0, max: 0.8 },
  seqLength: { min: 8, max: 256 },
  batchSize: { min: 1, max: 256 },
  learningRate: { min: 1e-5, max: 1 },
  clipNorm: { min: 0, max: 100 },
} as const;

/** Clamps every number to its range and rounds the integer ones (what a typed-in value becomes). */
export function sanitizeSettings(s: LabSettings): LabSettings {
  const int = (v: number, r: { min: number; max: number }) => clamp(Math.round(Number.isFinite(v) ? v : r.min), r.min, r.max);
  const num = (v: number, r: { min: number; max: number }) => clamp(Number.isFinite(v) ? v : r.min, r.min, r.max);
  return {
    engine: s.engine,
    model: {
      ...s.model,
      layers: int(s.model.layers, TEXT_UI_RANGES.layers),
      hidden: int(s.model.hidden, TEXT_UI_RANGES.hidden),
      embedding: int(s.model.embedding, TEXT_UI_RANGES.embedding),
      dropout: num(s.model.dropout, TEXT_UI_RANGES.dropout),
    },
    train: {
      ...s.train,
      seqLength: int(s.train.seqLength, TEXT_UI_RANGES.seqLength),
      batchSize: int(s.train.batchSize, TEXT_UI_RANGES.batchSize),
      learningRate: num(s.train.learningRate, TEXT_UI_RANGES.learningRate),
      clipNorm: num(s.train.clipNorm, TEXT_UI_RANGES.clipNorm),
    },
  };
}

/** The from-scratch engine is min-char-rnn: one vanilla RNN layer on one-hot input. */
export function scratchCompatible(s: LabSettings): LabSettings {
  if (s.engine !== 'scratch') return s;
  return { ...s, model: { ...s.model, cell: 'rnn', layers: 1, input: 'onehot', dropout: 0 } };
}

interface Change {
  /** Human-readable, e.g. "cell: LSTM → GRU". */
  label: string;
}

const fmt = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : String(v));

/**
 * Differences between the applied settings and the draft that need a fresh model. The learning rate is
 * deliberately absent (it changes live); the engine is absent too (the page moves weights across engines).
 */
export function resetRequiringChanges(applied: LabSettings, draft: LabSettings): Change[] {
  const changes: Change[] = [];
  const model: (keyof TextModelSettings)[] = ['cell', 'layers', 'hidden', 'input', 'embedding', 'dropout'];
  for (const key of model) {
    if (key === 'embedding' && draft.model.input !== 'embedding' && applied.model.input !== 'embedding') continue;
    if (applied.model[key] !== draft.model[key]) changes.push({ label: `${key}: ${fmt(applied.model[key])} → ${fmt(draft.model[key])}` });
  }
  const train: (keyof TextTrainSpec)[] = ['seqLength', 'batchSize', 'optimizer', 'clipNorm', 'seed'];
  const names: Partial<Record<keyof TextTrainSpec, string>> = { seqLength: 'window', batchSize: 'batch', clipNorm: 'clip' };
  for (const key of train) {
    if (applied.train[key] !== draft.train[key]) changes.push({ label: `${names[key] ?? key}: ${fmt(applied.train[key])} → ${fmt(draft.train[key])}` });
  }
  return changes;
}

/** Moving between the from-scratch engine and TensorFlow.js changes the weight format: the model can't follow. */
export function engineSwitchNeedsReset(from: EngineChoice, to: EngineChoice): boolean {
  return (from === 'scratch') !== (to === 'scratch');
}

// What a speed run measures: engines × tasks, as plain data (the page's race and `npm run bench` share it).
//
// Engines: 'scratch' is the from-scratch JavaScript code (the Classify lab's ScratchMlp, the Text lab's
// vanilla RNN); the others are TensorFlow.js backends. WebGPU races twice: 'webgpu' trains the recurrent
// layers with the fused WGSL kernels written for this app (src/core/text/webgpu/, the Text lab's default
// there), 'webgpu-ops' with TensorFlow.js ops only (the engine's fusedKernels: false), on the same backend,
// model and batch — what the kernels buy on this GPU. A task is one workload measured on every engine that
// supports it; its result is a rate (higher is better) except the heatmap (ms per frame, lower is better).
import type { CellType, InputEncoding } from '../text/engine';

export type SpeedEngine = 'scratch' | 'cpu' | 'wasm' | 'webgl' | 'webgpu' | 'webgpu-ops';
export type TfjsEngine = Exclude<SpeedEngine, 'scratch'>;

/** Race order: the reference first, then TensorFlow.js from the plainest backend to the GPU. */
export const ALL_ENGINES: readonly SpeedEngine[] = ['scratch', 'cpu', 'wasm', 'webgl', 'webgpu', 'webgpu-ops'];

/** The TensorFlow.js backend an engine runs on ('webgpu-ops' is WebGPU without the fused kernels). */
export const engineBackend = (engine: TfjsEngine): Exclude<TfjsEngine, 'webgpu-ops'> => (engine === 'webgpu-ops' ? 'webgpu' : engine);

/** Engines that run on WebGPU (their dispatches per step are counted). */
export const isWebGpuEngine = (engine: SpeedEngine): boolean => engine === 'webgpu' || engine === 'webgpu-ops';

/** Display names of the Speed lab's engines (the Text lab's backend names are its own, labs/text/settings.ts). */
export const SPEED_ENGINE_LABELS: Record<SpeedEngine, string> = {
  scratch: 'From scratch (JS)',
  cpu: 'TF.js CPU',
  wasm: 'TF.js WASM',
  webgl: 'TF.js WebGL',
  webgpu: 'WebGPU (fused kernels)',
  'webgpu-ops': 'WebGPU (TensorFlow.js ops)',
};

/** The text model of a task: no dropout; the vocabulary comes from the corpus. */
export interface TextTaskModel {
  cell: CellType;
  hidden: number;
  input: InputEncoding;
  /** Embedding width when input is 'embedding' (the Text lab's default is 32). */
  embedding: number;
  /** Stacked recurrent layers (default 1). */
  layers?: number;
}

interface TaskBase {
  /** Stable id, e.g. 'classify-h3', 'train-lstm-128'. */
  id: string;
  /** Human-readable, e.g. 'Classify, hidden 3'. */
  label: string;
}

export interface ClassifyTask extends TaskBase {
  kind: 'classify';
  /** Full-batch passes on the tutorial's 200 moons, 2 → hidden → 2 (tanh, SGD, the tutorial's settings). */
  hidden: number;
}

export interface HeatmapTask extends TaskBase {
  kind: 'heatmap';
  hidden: number;
  /** Grid cells per side (the Classify lab draws 100×100). */
  resolution: number;
}

export interface TextTrainTask extends TaskBase {
  kind: 'text-train';
  model: TextTaskModel;
  seqLength: number;
  batchSize: number;
}

export interface TextGenerateTask extends TaskBase {
  kind: 'text-generate';
  model: TextTaskModel;
  /** Stop after this many characters (the time budget may stop it earlier). */
  maxChars: number;
}

/**
 * Generation that stays on the device (deviceSampler.ts): the state kept as tensors, the next character
 * drawn with tf.multinomial, one read per character. The other side of text-generate's JS-side sampling.
 */
export interface TextGenerateDeviceTask extends TaskBase {
  kind: 'text-generate-device';
  model: TextTaskModel;
  maxChars: number;
}

/** The TensorFlow.js lstm-text-generation example's approach (see baselineLstm.ts). */
export interface BaselineTrainTask extends TaskBase {
  kind: 'baseline-train';
  hidden: number;
}

export interface BaselineGenerateTask extends TaskBase {
  kind: 'baseline-generate';
  hidden: number;
  maxChars: number;
}

export type SpeedTask = ClassifyTask | HeatmapTask | TextTrainTask | TextGenerateTask | TextGenerateDeviceTask | BaselineTrainTask | BaselineGenerateTask;
export type TaskKind = SpeedTask['kind'];

export type SpeedUnit = 'passes/s' | 'chars/s' | 'ms/frame';

export function taskUnit(task: SpeedTask): SpeedUnit {
  switch (task.kind) {
    case 'classify':
      return 'passes/s';
    case 'heatmap':
      return 'ms/frame';
    default:
      return 'chars/s';
  }
}

/** Whether bigger numbers are better for the task's main figure. */
export const higherIsBetter = (task: SpeedTask): boolean => task.kind !== 'heatmap';

/** Why `engine` cannot run `task`, or null when it can. */
export function unsupportedReason(engine: SpeedEngine, task: SpeedTask): string | null {
  if (engine === 'scratch') {
    switch (task.kind) {
      case 'classify':
      case 'heatmap':
        return null;
      case 'text-train':
      case 'text-generate':
        if (task.model.cell !== 'rnn') return `no from-scratch ${task.model.cell.toUpperCase()} (the from-scratch engine is a vanilla RNN)`;
        if (task.model.input !== 'onehot') return 'the from-scratch RNN takes one-hot input';
        return null;
      case 'text-generate-device':
        return 'JavaScript has no device: its generation is the JS-side row above';
      default:
        return 'the baseline is a TensorFlow.js program';
    }
  }
  // The heatmap is computed by JavaScript from synced weights whatever trains the network.
  if (task.kind === 'heatmap') return 'the heatmap is drawn by JavaScript on every backend';
  // Only the Text lab's training graph has fused kernels: everything else would run exactly as on 'webgpu'.
  if (engine === 'webgpu-ops' && task.kind !== 'text-train') return 'the fused kernels are in the Text lab\'s training only: this runs as on WebGPU (fused kernels)';
  return null;
}

// ─────────────────────────────────────────────────────────── builders

export const classifyTask = (hidden: number): ClassifyTask => ({
  kind: 'classify',
  id: `classify-h${hidden}`,
  label: `Classify, hidden ${hidden}: full-batch passes`,
  hidden,
});

export const heatmapTask = (hidden: number, resolution = 100): HeatmapTask => ({
  kind: 'heatmap',
  id: `heatmap-h${hidden}`,
  label: `Classify heatmap ${resolution}×${resolution}, hidden ${hidden}`,
  hidden,
  resolution,
});

/** The Text lab's input for a cell: its default (embedding 32), except that the vanilla RNN uses one-hot
 *  input so the from-scratch RNN runs exactly the same model. */
export function textModel(cell: CellType, hidden: number, input: InputEncoding = cell === 'rnn' ? 'onehot' : 'embedding'): TextTaskModel {
  return { cell, hidden, input, embedding: input === 'embedding' ? 32 : 0 };
}

const cellName = (m: TextTaskModel) =>
  `${(m.layers ?? 1) > 1 ? `${m.layers} × ` : ''}${m.cell.toUpperCase()} ${m.hidden}${m.input === 'embedding' ? ` (embedding ${m.embedding})` : ' (one-hot)'}`;

export const textTrainTask = (model: TextTaskModel, seqLength: number, batchSize: number): TextTrainTask => ({
  kind: 'text-train',
  id: `train-${model.cell}-${model.hidden}`,
  label: `Text training, ${cellName(model)}, window ${seqLength}, batch ${batchSize}`,
  model,
  seqLength,
  batchSize,
});

export const textGenerateTask = (model: TextTaskModel, maxChars: number): TextGenerateTask => ({
  kind: 'text-generate',
  id: `generate-${model.cell}-${model.hidden}`,
  label: `Text generation, ${cellName(model)}`,
  model,
  maxChars,
});

export const textGenerateDeviceTask = (model: TextTaskModel, maxChars: number): TextGenerateDeviceTask => ({
  kind: 'text-generate-device',
  id: `generate-device-${model.cell}-${model.hidden}`,
  label: `Text generation on the device (state and sampling as tensors, one read per char), ${cellName(model)}`,
  model,
  maxChars,
});

export const baselineTrainTask = (hidden: number): BaselineTrainTask => ({
  kind: 'baseline-train',
  id: `baseline-train-lstm-${hidden}`,
  label: `Baseline (tfjs lstm-text-generation) training, LSTM ${hidden}`,
  hidden,
});

export const baselineGenerateTask = (hidden: number, maxChars: number): BaselineGenerateTask => ({
  kind: 'baseline-generate',
  id: `baseline-generate-lstm-${hidden}`,
  label: `Baseline (tfjs lstm-text-generation) generation, LSTM ${hidden}`,
  hidden,
  maxChars,
});

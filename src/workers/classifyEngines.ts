// The engines a Classify run can train with, behind one small async interface: the from-scratch network
// (synchronous, Float64Array) and the TensorFlow.js one (asynchronous, on a chosen backend).
import { ScratchMlp } from '../core/mlp/scratchMlp';
import type { Activation, MlpParams, TrainSettings } from '../core/mlp/types';
import type { ClassifyEngineId, LabelledData, Metrics } from './classifyProtocol';

export interface RunEngine {
  /** What actually runs, e.g. 'scratch' or 'tfjs/wasm'. */
  readonly backend: string;
  readonly iteration: number;
  /** Sets the update count (resuming a checkpoint); the weights and optimizer state are untouched. */
  startAt(iteration: number): void;
  /** Smallest number of updates between history rows (engines whose read-back is costly raise it). */
  readonly minRecordStride?: number;
  setData(train: LabelledData, test: LabelledData): Promise<void>;
  /** `count` updates on the training data. */
  train(count: number): Promise<void>;
  metrics(): Promise<Metrics>;
  params(): Promise<MlpParams>;
  setParams(params: MlpParams): Promise<void>;
  setSettings(settings: TrainSettings): void;
  dispose(): void;
}

const EMPTY: LabelledData = { X: new Float64Array(0), y: new Int32Array(0) };

class ScratchEngine implements RunEngine {
  readonly backend = 'scratch';
  private readonly net: ScratchMlp;
  private trainData = EMPTY;
  private testData = EMPTY;

  constructor(params: MlpParams, activation: Activation, settings: TrainSettings) {
    this.net = new ScratchMlp(params, activation, settings);
  }

  get iteration(): number {
    return this.net.iteration;
  }

  startAt(iteration: number): void {
    this.net.iteration = iteration;
  }

  async setData(train: LabelledData, test: LabelledData): Promise<void> {
    this.trainData = train;
    this.testData = test;
  }

  async train(count: number): Promise<void> {
    if (this.trainData.y.length > 0) this.net.step(this.trainData.X, this.trainData.y, count);
  }

  async metrics(): Promise<Metrics> {
    const { trainData: tr, testData: te, net } = this;
    const has = (d: LabelledData) => d.y.length > 0;
    return {
      trainLoss: has(tr) ? net.loss(tr.X, tr.y) : NaN,
      trainAccuracy: has(tr) ? net.accuracy(tr.X, tr.y) : NaN,
      testLoss: has(te) ? net.loss(te.X, te.y) : NaN,
      testAccuracy: has(te) ? net.accuracy(te.X, te.y) : NaN,
    };
  }

  async params(): Promise<MlpParams> {
    return this.net.getParams();
  }

  async setParams(params: MlpParams): Promise<void> {
    this.net.setParams(params);
  }

  setSettings(settings: TrainSettings): void {
    this.net.setSettings(settings);
  }

  dispose(): void {}
}

/** Creates the engine a run asked for. */
export async function createEngine(
  id: ClassifyEngineId,
  params: MlpParams,
  activation: Activation,
  settings: TrainSettings,
): Promise<{ engine: RunEngine; note?: string }> {
  if (id === 'scratch') return { engine: new ScratchEngine(params, activation, settings) };
  // TensorFlow.js is loaded only when a tfjs engine is asked for.
  const { createTfjsRunEngine } = await import('./classifyTfjsEngine');
  return createTfjsRunEngine(id, params, activation, settings);
}

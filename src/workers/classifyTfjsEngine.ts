// The Classify lab's TensorFlow.js engine: the same network as the from-scratch one, with gradients from
// tf.variableGrads, on the backend the user picked. Metrics are computed from the weights it reads back
// (one `await data()` per history row), with the same float64 loss code as the scratch engine, so both
// engines are measured by exactly the same yardstick.
// This chunk is loaded only in the classify worker (classifyEngines.ts imports it on demand), so it
// registers the TensorFlow.js runtime itself, first.
import './tfjsRuntime';
import { ScratchMlp } from '../core/mlp/scratchMlp';
import { TfjsMlp } from '../core/mlp/tfjsMlp';
import type { Activation, MlpParams, TrainSettings } from '../core/mlp/types';
import { selectBackend } from './backend';
import { WASM_PATHS } from './backendWasmUrls';
import type { RunEngine } from './classifyEngines';
import type { ClassifyEngineId, LabelledData, Metrics } from './classifyProtocol';

class TfjsEngine implements RunEngine {
  /** Each history row costs a read-back (a GPU sync); an odd stride keeps a period-2 oscillation visible. */
  readonly minRecordStride = 5;
  private readonly evaluator: ScratchMlp;
  private trainData: LabelledData = { X: new Float64Array(0), y: new Int32Array(0) };
  private testData: LabelledData = this.trainData;

  constructor(
    readonly backend: string,
    private readonly net: TfjsMlp,
    params: MlpParams,
    activation: Activation,
    settings: TrainSettings,
  ) {
    this.evaluator = new ScratchMlp(params, activation, settings);
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
    this.net.setData(train);
  }

  async train(count: number): Promise<void> {
    if (this.trainData.y.length > 0) await this.net.step(count);
  }

  async metrics(): Promise<Metrics> {
    this.evaluator.setParams(await this.net.getParams());
    const e = this.evaluator;
    const has = (d: LabelledData) => d.y.length > 0;
    return {
      trainLoss: has(this.trainData) ? e.loss(this.trainData.X, this.trainData.y) : NaN,
      trainAccuracy: has(this.trainData) ? e.accuracy(this.trainData.X, this.trainData.y) : NaN,
      testLoss: has(this.testData) ? e.loss(this.testData.X, this.testData.y) : NaN,
      testAccuracy: has(this.testData) ? e.accuracy(this.testData.X, this.testData.y) : NaN,
    };
  }

  params(): Promise<MlpParams> {
    return this.net.getParams();
  }

  async setParams(params: MlpParams): Promise<void> {
    this.net.setParams(params);
  }

  setSettings(settings: TrainSettings): void {
    this.net.setSettings(settings);
    this.evaluator.setSettings(settings);
  }

  dispose(): void {
    this.net.dispose();
  }
}

export async function createTfjsRunEngine(
  id: Exclude<ClassifyEngineId, 'scratch'>,
  params: MlpParams,
  activation: Activation,
  settings: TrainSettings,
): Promise<{ engine: RunEngine; note?: string }> {
  const wanted = id.slice('tfjs-'.length) as 'cpu' | 'wasm' | 'webgl' | 'webgpu';
  const report = await selectBackend(wanted, { wasmPaths: WASM_PATHS });
  const failed = report.tried.filter((t) => !t.ok);
  let note: string | undefined;
  if (report.backend !== wanted) {
    note = `${wanted} is not available here (${failed.map((t) => `${t.backend}: ${t.reason}`).join('; ')}); running on ${report.backend}.`;
  } else if (report.backend === 'webgpu' && report.isFallbackAdapter) {
    note = 'WebGPU runs on a software adapter here (no GPU): correct, but slower than WASM.';
  }
  const net = new TfjsMlp({ X: new Float64Array(0), y: new Int32Array(0) }, params, activation, settings);
  return { engine: new TfjsEngine(`tfjs/${report.backend}`, net, params, activation, settings), note };
}

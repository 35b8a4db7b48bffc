// TensorFlow.js text models: build, train, step in plain JS, save and load.
// (Node-only file I/O lives in src/node/modelDirectory.ts, imported directly by the CLI.)
export { DivergedError } from '../engine';
export { createTfjsTextEngine, TfjsTextEngine, type TfjsEngineOptions } from './engine';
export { buildTextModel, countParams, describeTextModel, type TextModelStructure } from './model';
export { JsCharStepper, readStepperWeights, sequenceLoss, type StepperWeights } from './stepper';
export { exportTextModel, importTextModel, type ImportedTextModel, type SidecarFields } from './export';
export { vocabFromJson, vocabToJson } from './vocabJson';
export { checkModelSpec, checkTrainSpec } from './spec';
export { createTfjsOptimizer, setOptimizerLearningRate } from './optimizer';
export * from './bundle';

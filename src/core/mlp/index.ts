// The Classify lab's network. This index exports the from-scratch engine and everything shared; the
// TensorFlow.js engine is imported from './tfjsMlp' (and './tfjsReference') so that using the scratch
// engine alone does not pull in TensorFlow.js.
export * from './types';
export { ACTIVATIONS } from './activations';
export {
  checkParams,
  cloneParams,
  fromNested,
  paramsAreFinite,
  toNested,
  tutorialInit,
  zeroParams,
  type NestedParams,
  type NormalSource,
} from './params';
export { checkSettings, keepsOptimizerState } from './settings';
export { ScratchMlp } from './scratchMlp';
export {
  compareWithReference,
  parseMlpReference,
  ReferenceFormatError,
  reproduceReference,
  type LossCallback,
  type MlpReference,
  type ReferenceComparison,
  type ReferenceRun,
} from './reference';

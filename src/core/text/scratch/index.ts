// The from-scratch vanilla RNN: engine, stepper, reference (min-char-rnn) trainer and its file format.
export { ScratchRnnEngine, scratchUnsupported, evaluateRnn, type ScratchEngineOptions } from './scratchRnnEngine';
export { RnnStepper } from './rnnStepper';
export { trainMinCharRnn, type MinCharRnnRun, type MinCharRnnResult } from './minCharRnn';
export { parseReferenceFile, ReferenceFileError, type ReferenceFile } from './referenceFile';
export {
  createRnnParams,
  initRnnParams,
  paramsFromNested,
  paramsToNested,
  rnnParamCount,
  type NestedRnnWeights,
  type RnnParams,
} from './rnnParams';
export { clipElementwise, createScratchOptimizer, type ScratchOptimizer } from './optimizers';
export { RnnWindow } from './rnnWindow';

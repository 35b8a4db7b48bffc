// Validation of training settings and the rule for when a settings change must reset optimizer state.
import type { TrainSettings } from './types';

/** Throws a RangeError naming the first bad field. */
export function checkSettings(s: TrainSettings): void {
  const nonNegative = (name: string, v: number) => {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
  };
  nonNegative('learningRate', s.learningRate);
  nonNegative('reg', s.reg);
  if (s.batchSize !== 'full' && (!Number.isInteger(s.batchSize) || s.batchSize < 1)) {
    throw new RangeError(`batchSize must be 'full' or an integer ≥ 1, got ${s.batchSize}`);
  }
  if (s.reduction !== 'sum' && s.reduction !== 'mean') throw new RangeError(`unknown reduction ${String(s.reduction)}`);
  if (!['sgd', 'momentum', 'adam'].includes(s.optimizer)) throw new RangeError(`unknown optimizer ${s.optimizer}`);
  const unit = (name: string, v: number | undefined) => {
    if (v !== undefined && !(v >= 0 && v < 1)) throw new RangeError(`${name} must be in [0, 1), got ${v}`);
  };
  unit('momentum', s.momentum);
  unit('beta1', s.beta1);
  unit('beta2', s.beta2);
  if (s.epsilon !== undefined && !(s.epsilon > 0)) throw new RangeError(`epsilon must be > 0, got ${s.epsilon}`);
}

/**
 * Whether optimizer state (velocity, Adam moments) is still meaningful under the new settings. Changing
 * only the learning rate, L2 strength, batch size or a coefficient keeps it; switching optimizer or
 * reduction (which rescales every gradient by the batch size) starts it afresh.
 */
export function keepsOptimizerState(before: TrainSettings, after: TrainSettings): boolean {
  return before.optimizer === after.optimizer && before.reduction === after.reduction;
}

/** Examples per update for a dataset of n examples. */
export function batchLength(s: TrainSettings, n: number): number {
  return s.batchSize === 'full' ? n : Math.min(s.batchSize, n);
}

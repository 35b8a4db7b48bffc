// The training settings of the lab's NetSettings (derive.ts's toTrainSettings) as one object that changes
// only when a setting does — not when the network's shape, its engine or the pace changes — so effects can
// depend on it directly.
import { useMemo } from 'react';
import type { TrainSettings } from '../../core/mlp/types';
import { toTrainSettings } from './derive';
import type { NetSettings } from './labState';

export function useTrainSettings(net: NetSettings): TrainSettings {
  const s = toTrainSettings(net);
  return useMemo<TrainSettings>(
    () => ({ learningRate: s.learningRate, reg: s.reg, batchSize: s.batchSize, reduction: s.reduction, optimizer: s.optimizer }),
    [s.learningRate, s.reg, s.batchSize, s.reduction, s.optimizer],
  );
}

// Small pure conversions between the lab's state and what the core and the worker take.
import { extentOf, findPreset, isTutorialMoons, toArrays, tutorialMoons, type Extent, type Point } from '../../core/datasets';
import type { TrainSettings } from '../../core/mlp/types';
import type { LabelledData, RunSetup } from '../../workers/classifyProtocol';
import type { DataSpec, NetSettings } from './labState';

export function generatePoints(spec: DataSpec): Point[] {
  const preset = findPreset(spec.preset);
  if (!preset) return [];
  const opts = { count: spec.count, noise: spec.noise, classes: spec.classes, seed: spec.seed };
  if (preset.id === 'tutorial-moons' && isTutorialMoons(opts)) return tutorialMoons().points;
  return preset.generate(opts).points;
}

export function toLabelled(points: readonly Point[]): LabelledData {
  return toArrays(points);
}

/** Classes of a data set: at least the spec's, at least one more than the largest label, at least 2. */
export function classCount(spec: DataSpec, points: readonly Point[]): number {
  return Math.max(2, spec.classes, points.reduce((m, p) => Math.max(m, p.label), 0) + 1);
}

/** What a new network is built from (changing any of it needs new weights): a run setup less its settings. */
export type NetworkShape = Omit<RunSetup, 'settings'>;

export function toTrainSettings(n: NetSettings): TrainSettings {
  return {
    learningRate: n.learningRate,
    reg: n.reg,
    batchSize: n.batchMode === 'full' ? 'full' : n.batchSize,
    reduction: n.reduction,
    optimizer: n.optimizer,
  };
}

/** A square window around the points with a margin, at least 3 units wide, so the plane is never distorted. */
export function squareExtent(points: readonly Point[]): Extent {
  const e = extentOf(points, 0.5);
  const half = Math.max(e.xMax - e.xMin, e.yMax - e.yMin, 3) / 2;
  const cx = (e.xMin + e.xMax) / 2;
  const cy = (e.yMin + e.yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

// The Classify lab's user-facing state: where the data came from and how the network is set up. Plain
// data, so it can be saved, restored after a reload and shared as a link.
import type { Point } from '../../core/datasets';
import type { Activation, Optimizer, Reduction } from '../../core/mlp/types';
import type { ClassifyEngineId } from '../../workers/classifyProtocol';

export interface DataSpec {
  /** Preset id, or 'drawn' once the user edits points (then `points` holds them). */
  preset: string;
  count: number;
  noise: number;
  classes: number;
  seed: number;
  /** Fraction of points held out as a test set, 0–0.5. */
  testFraction: number;
}

export interface NetSettings {
  engine: ClassifyEngineId;
  hidden: number;
  activation: Activation;
  learningRate: number;
  reg: number;
  batchMode: 'full' | 'mini';
  batchSize: number;
  reduction: Reduction;
  optimizer: Optimizer;
  /** Seed of the weight initialisation (0 = the tutorial's weights). */
  initSeed: number;
  /** Updates per second while playing; 0 = as fast as the engine goes. Only the pace, never the math. */
  rate: number;
}

export const RATES = [
  { value: 30, label: 'Slow (30 updates/s)' },
  { value: 300, label: 'Watchable (300/s)' },
  { value: 3000, label: 'Fast (3,000/s)' },
  { value: 0, label: 'Flat out' },
] as const;

export interface LabState {
  data: DataSpec;
  net: NetSettings;
  /** Points when the user drew or imported them; null while a preset generates them. */
  points: Point[] | null;
}

/** The tutorial: moons, 2 → 3 tanh → 2, full-batch gradient descent on the summed gradient. */
export const DEFAULT_STATE: LabState = {
  data: { preset: 'tutorial-moons', count: 200, noise: 0.2, classes: 2, seed: 0, testFraction: 0 },
  net: {
    engine: 'scratch',
    hidden: 3,
    activation: 'tanh',
    learningRate: 0.01,
    reg: 0.01,
    batchMode: 'full',
    batchSize: 32,
    reduction: 'sum',
    optimizer: 'sgd',
    initSeed: 0,
    rate: 300,
  },
  points: null,
};

/** Changing these needs new weights; the rest can change while training. */
export function needsNewNetwork(a: NetSettings, b: NetSettings): boolean {
  return a.engine !== b.engine || a.hidden !== b.hidden || a.activation !== b.activation || a.initSeed !== b.initSeed;
}

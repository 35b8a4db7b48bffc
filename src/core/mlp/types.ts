// Shapes and settings shared by the Classify lab's two engines (from scratch and TensorFlow.js).
//
// The network: x (2) → z1 = x·W1 + b1 (H) → a1 = f(z1) → z2 = a1·W2 + b2 (K) → softmax → p (K).
// Weights are stored row-major exactly like the tutorial's NumPy arrays, so a reference file maps 1:1.

export type Activation = 'tanh' | 'relu' | 'sigmoid';
export type Optimizer = 'sgd' | 'momentum' | 'adam';
/** How per-example gradients combine in one update: 'sum' is the tutorial's, 'mean' the usual mini-batch one. */
export type Reduction = 'sum' | 'mean';

export const MIN_HIDDEN = 1;
export const MAX_HIDDEN = 200;
export const MIN_CLASSES = 2;
/** The most classes a network has: as many as the data may carry (defined with the data, datasets/types.ts). */
export { MAX_CLASSES } from '../datasets/types';

export interface MlpParams {
  hidden: number;
  classes: number;
  /** [2][hidden], row-major: W1[i * hidden + j] connects input i to hidden unit j. */
  W1: Float64Array;
  /** [hidden] */
  b1: Float64Array;
  /** [hidden][classes], row-major: W2[j * classes + k] connects hidden unit j to class k. */
  W2: Float64Array;
  /** [classes] */
  b2: Float64Array;
}

/**
 * Training settings. The loss reported everywhere is the tutorial's, whatever the settings:
 *
 *   J(θ) = ( Σ_i −log p_i[y_i]  +  reg/2 · (|W1|² + |W2|²) ) / N        (biases are not regularised)
 *
 * An update on a batch B (|B| = N in full-batch mode) uses
 *
 *   g = scale · ( Σ_{i∈B} ∇ℓ_i  +  (|B|/N) · reg · W ),   scale = 1 for 'sum', 1/|B| for 'mean'.
 *
 * Full batch + 'sum' is exactly the tutorial (dW += reg·W, gradient summed, so it is N·∇J). With 'mean',
 * g is an unbiased estimate of ∇J itself: the L2 term is spread over the batches of an epoch, so one epoch
 * applies reg·W in total, the same as one tutorial pass. Consequently 'mean' needs a learning rate about N
 * times larger than 'sum' for the same step (tutorial lr 0.01 with 'sum' on 200 points ≈ lr 2.0 with 'mean').
 */
export interface TrainSettings {
  learningRate: number;
  /** L2 strength λ (the tutorial's reg_lambda). */
  reg: number;
  batchSize: 'full' | number;
  reduction: Reduction;
  optimizer: Optimizer;
  /** Momentum coefficient μ for 'momentum' (v ← μ·v + g; θ ← θ − lr·v). Default 0.9. */
  momentum?: number;
  /** Adam β1, default 0.9. */
  beta1?: number;
  /** Adam β2, default 0.999. */
  beta2?: number;
  /** Adam ε, default 1e-8. */
  epsilon?: number;
  /** Seed for the mini-batch shuffling (ignored in full-batch mode). Default 0. */
  shuffleSeed?: number;
}

/** The tutorial's settings: full-batch gradient descent on the summed gradient, lr 0.01, λ 0.01. */
export const TUTORIAL_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  learningRate: 0.01,
  reg: 0.01,
  batchSize: 'full',
  reduction: 'sum',
  optimizer: 'sgd',
});

/** A rectangle of the input plane, used for the decision-boundary heatmaps (defined with the data). */
export type { Extent } from '../datasets/extent';

/** Training data: X is N×2 row-major, y holds class indices 0..K−1. */
export interface MlpData {
  X: Float64Array;
  y: ArrayLike<number>;
}

/** A loss that is NaN or ±∞ means training diverged (too large a learning rate, usually with ReLU). */
export function isDiverged(loss: number): boolean {
  return !Number.isFinite(loss);
}

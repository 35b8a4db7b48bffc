// What a caller can change about how the TensorFlow.js text engine (engine.ts) trains: how often the loss
// is read back, fixed window starts (tests), a custom optimiser, and the fused WebGPU kernels on or off.
import type * as tf from '../../tf';
import type { TextTrainSpec } from '../engine';

export interface TfjsEngineOptions {
  /** Read the summed loss back every this many steps (default 4). */
  lossReadEvery?: number;
  /**
   * Window starts for each step, B offsets in 0 … span−1 (span = training tokens − seqLength), instead of
   * the seeded uniform draws: lets a test feed this engine exactly the windows another engine sees.
   */
  windowStarts?: (batchSize: number, span: number) => ArrayLike<number>;
  /**
   * Builds the optimiser (also after a divergence rollback) instead of createStepOptimizer(train); the
   * engine clips the gradients with TensorFlow.js ops before handing them to it.
   */
  createOptimizer?: (train: TextTrainSpec) => tf.Optimizer;
  /**
   * On the WebGPU backend, train and evaluate with the fused WGSL kernels (src/core/text/webgpu/) instead
   * of TensorFlow.js ops, and update the weights with the fused Adam (default true; false keeps the ops
   * graph and tfjs's optimiser, for comparison). Other backends ignore it.
   */
  fusedKernels?: boolean;
}

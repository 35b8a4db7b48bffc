// Optimisers for the custom training loop, and changing their learning rate in place.
import * as tf from '../../tf';
import type { TextOptimizer } from '../engine';

/**
 * Adam gets an explicit ε = 1e-7: tfjs otherwise uses the backend's epsilon, which is 1e-4 on WebGL, and
 * the same settings would then train differently there.
 */
export function createTfjsOptimizer(name: TextOptimizer, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      return tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, 0.9, 0, 1e-7);
    case 'adagrad':
      return tf.train.adagrad(learningRate, 0.1);
    case 'sgd':
      return tf.train.sgd(learningRate);
  }
}

/**
 * Sets the learning rate of a live optimiser, keeping its state (moments, accumulators). Every tfjs 4.x
 * optimiser reads `this.learningRate` on each applyGradients call; the field is only `protected` in the
 * typings. (SGD's setLearningRate does the same and also re-creates its constant.)
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // Duck-typed: tfjs overrides Symbol.hasInstance on its optimiser classes, so instanceof cannot tell them apart.
  const sgd = optimizer as unknown as { setLearningRate?: (lr: number) => void };
  if (typeof sgd.setLearningRate === 'function') {
    sgd.setLearningRate(learningRate);
    return;
  }
  const target = optimizer as unknown as { learningRate: number };
  if (typeof target.learningRate !== 'number') throw new Error(`${optimizer.getClassName()} has no learning rate field`);
  target.learningRate = learningRate;
}

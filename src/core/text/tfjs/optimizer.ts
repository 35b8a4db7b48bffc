// Optimisers for the custom training loop: gradient clipping plus the update, and changing the learning
// rate in place. On the WebGPU backend with the fused kernels, Adam runs as ../webgpu/fusedAdam.ts (a few
// dispatches per step); everywhere else as TensorFlow.js ops (clipping ops + a tf.Optimizer).
import * as tf from '../../tf';
import type { TextOptimizer, TextTrainSpec } from '../engine';
import { FusedAdam } from '../webgpu/fusedAdam';
import { onWebGpu } from '../webgpu/program';

/**
 * Adam's constants. ε = 1e-7 explicitly: tfjs otherwise uses the backend's epsilon, which is 1e-4 on
 * WebGL, and the same settings would then train differently there.
 */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

/** What the engine's training step needs from an optimiser. */
export interface StepOptimizer {
  /**
   * Clips the gradients (keyed by variable name, as tf.variableGrads returns them) by their global norm
   * when clipNorm > 0 — g ← g · c / max(‖g‖, c), ‖g‖ = √Σ_i ‖g_i‖² — then updates the variables. Call
   * inside tf.tidy.
   */
  applyGradients(grads: tf.NamedTensorMap, clipNorm: number): void;
  setLearningRate(lr: number): void;
  dispose(): void;
}

/** Inputs one WebGPU dispatch can bind: 8 storage buffers per shader stage are guaranteed, one is the output. */
const WEBGPU_MAX_INPUTS = 7;

/**
 * tf.addN(tensors); on WebGPU in groups of at most 7. Its AddN kernel binds every input at once, and with
 * more than 7 the pipeline is invalid and the dispatch silently does nothing (measured: ‖g‖ of a 2-layer
 * embedding model's 9 gradients came out as the last gradient's norm alone). Elsewhere exactly tf.addN.
 */
export function addTensors(tensors: tf.Tensor[]): tf.Tensor {
  let parts = tensors;
  while (onWebGpu() && parts.length > WEBGPU_MAX_INPUTS) {
    const groups: tf.Tensor[] = [];
    for (let i = 0; i < parts.length; i += WEBGPU_MAX_INPUTS) groups.push(tf.addN(parts.slice(i, i + WEBGPU_MAX_INPUTS)));
    parts = groups;
  }
  return tf.addN(parts);
}

/** A tf.Optimizer behind global-norm clipping done with TensorFlow.js ops. */
export function clippedTfjsOptimizer(optimizer: tf.Optimizer): StepOptimizer {
  return {
    applyGradients(grads, clipNorm) {
      if (clipNorm > 0) {
        const names = Object.keys(grads);
        const norm = tf.sqrt(addTensors(names.map((n) => tf.sum(tf.square(grads[n])))));
        const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
        for (const n of names) grads[n] = tf.mul(grads[n], scale);
      }
      optimizer.applyGradients(grads);
    },
    setLearningRate: (lr) => setOptimizerLearningRate(optimizer, lr),
    dispose: () => optimizer.dispose(),
  };
}

/**
 * The engine's optimiser for `train` over `vars`: the fused WebGPU Adam when `fused` is set, the backend is
 * webgpu and the optimiser is Adam; otherwise createTfjsOptimizer behind clipping ops.
 */
export function createStepOptimizer(train: Pick<TextTrainSpec, 'optimizer' | 'learningRate'>, vars: readonly tf.Variable[], fused: boolean): StepOptimizer {
  if (fused && train.optimizer === 'adam' && onWebGpu()) {
    const adam = new FusedAdam(vars, { learningRate: train.learningRate, ...ADAM });
    return {
      applyGradients: (grads, clipNorm) => adam.applyGradients(grads, clipNorm),
      setLearningRate: (lr) => (adam.learningRate = lr),
      dispose: () => adam.dispose(),
    };
  }
  return clippedTfjsOptimizer(createTfjsOptimizer(train.optimizer, train.learningRate));
}

/** A TensorFlow.js optimiser with this app's settings (Adam: the constants of ADAM). */
export function createTfjsOptimizer(name: TextOptimizer, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      return tf.train.adam(learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
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

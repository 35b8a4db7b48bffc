// Self-check of the fused optimiser step (../fusedAdam.ts: clipping + Adam in a few dispatches) against the
// TensorFlow.js path the engine uses elsewhere (tfjs/optimizer.ts: clipping ops + tf.train.adam), run in a
// browser worker on the webgpu backend (tests/e2e/gpu-check.spec.ts asserts on the numbers).
//   Two copies of the same variables — every shape the text models have (2-D kernels, 1-D biases) plus
//   awkward ones (1 element, lengths that are not a multiple of the workgroup, more variables than one
//   dispatch binds) — get the same seeded gradients for several steps, with the learning rate changed half
//   way; the weights must agree to float32 rounding (max relative error), with clipping off, inactive
//   (‖g‖ below the clip norm) and active (above it).
import * as tf from '../../../tf';
import { clippedTfjsOptimizer, createStepOptimizer, createTfjsOptimizer, type StepOptimizer } from '../../tfjs/optimizer';
import { dispatchCount } from '../dispatchCounter';

export interface OptimizerResult {
  /** 'off' (clipNorm 0), 'inactive' (‖g‖ < clipNorm every step), 'active' (‖g‖ > clipNorm every step). */
  clipping: 'off' | 'inactive' | 'active';
  clipNorm: number;
  steps: number;
  shapes: number[][];
  /** ‖g‖ of the first step's gradients. */
  gradNorm: number;
  /** max over variables and elements of |fused − tfjs| / max(|tfjs|, 1e-3), after all steps. */
  weightMaxRel: number;
  /** max |Δfused − Δtfjs| / max(|Δtfjs|, lr) for the change each path made (Δ = w_N − w_0). */
  updateMaxRel: number;
  /** Compute dispatches of one fused optimiser step (sums, moments, weights). */
  fusedDispatches: number;
  /** The same for the TensorFlow.js path. */
  tfjsDispatches: number;
  /** Milliseconds of the last step on each path, until its first variable can be read (not asserted). */
  fusedMs: number;
  tfjsMs: number;
}

/** The default LSTM 128's weights (embedding 32, vocabulary 89), and awkward ones: 9 variables in all. */
export const OPTIMIZER_SHAPES: number[][] = [[89, 32], [32, 512], [128, 512], [512], [128, 89], [89], [1], [3, 5], [257]];

function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return worst;
}

/** Runs `steps` optimiser steps on both paths from the same weights and gradients; compares the weights. */
export async function checkOptimizer(clipping: OptimizerResult['clipping'], steps = 6, shapes = OPTIMIZER_SHAPES, seed = 5): Promise<OptimizerResult> {
  const gradScale = 0.05;
  const initial = shapes.map((s, i) => tf.randomNormal(s, 0, 0.5, 'float32', seed + i));
  const grads = Array.from({ length: steps }, (_, t) => shapes.map((s, i) => tf.randomNormal(s, 0, gradScale, 'float32', 1000 * (t + 1) + i)));
  const gradNorm = Math.sqrt((await Promise.all(grads[0].map((g) => tf.sum(tf.square(g)).data()))).reduce((s, x) => s + x[0], 0));
  // Inactive: a clip norm well above every step's norm; active: well below (gradients are N(0, 0.05²)).
  const clipNorm = clipping === 'off' ? 0 : clipping === 'inactive' ? 4 * gradNorm : gradNorm / 4;
  const tag = `${clipping}${seed}`;
  const fusedVars = initial.map((w, i) => tf.variable(w, true, `optcheck_f_${tag}_${i}`));
  const tfjsVars = initial.map((w, i) => tf.variable(w, true, `optcheck_t_${tag}_${i}`));
  const lr = 0.01;
  const fused: StepOptimizer = createStepOptimizer({ optimizer: 'adam', learningRate: lr }, fusedVars, true);
  const reference: StepOptimizer = clippedTfjsOptimizer(createTfjsOptimizer('adam', lr));
  let fusedDispatches = 0;
  let tfjsDispatches = 0;
  let fusedMs = 0;
  let tfjsMs = 0;
  try {
    for (let t = 0; t < steps; t++) {
      if (t === Math.floor(steps / 2)) {
        fused.setLearningRate(lr / 2);
        reference.setLearningRate(lr / 2);
      }
      let n = dispatchCount();
      let t0 = performance.now();
      tf.tidy(() => fused.applyGradients(Object.fromEntries(fusedVars.map((v, i) => [v.name, grads[t][i]])), clipNorm));
      await fusedVars[fusedVars.length - 1].data(); // the step's work is done before the next count starts
      fusedMs = performance.now() - t0;
      fusedDispatches = dispatchCount() - n;
      n = dispatchCount();
      t0 = performance.now();
      tf.tidy(() => reference.applyGradients(Object.fromEntries(tfjsVars.map((v, i) => [v.name, grads[t][i]])), clipNorm));
      await tfjsVars[tfjsVars.length - 1].data();
      tfjsMs = performance.now() - t0;
      tfjsDispatches = dispatchCount() - n;
    }
    let weightMaxRel = 0;
    let updateMaxRel = 0;
    for (let i = 0; i < shapes.length; i++) {
      const [a, b, w0] = await Promise.all([fusedVars[i].data(), tfjsVars[i].data(), initial[i].data()]);
      weightMaxRel = Math.max(weightMaxRel, maxRelative(a, b, 1e-3));
      const da = Array.from(a, (x, k) => x - w0[k]);
      const db = Array.from(b, (x, k) => x - w0[k]);
      // Adam moves each weight by up to ~lr per step; below one step's size, the float32 rounding of the
      // weights themselves (an ulp of 0.5 is 6e-8) is all that differs, so lr is the floor.
      updateMaxRel = Math.max(updateMaxRel, maxRelative(da, db, lr));
    }
    return { clipping, clipNorm, steps, shapes, gradNorm, weightMaxRel, updateMaxRel, fusedDispatches, tfjsDispatches, fusedMs, tfjsMs };
  } finally {
    fused.dispose();
    reference.dispose();
    tf.dispose([...initial, ...grads.flat(), ...fusedVars, ...tfjsVars]);
  }
}

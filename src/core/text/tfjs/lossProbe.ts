// The engine's one sync point (engine.ts, readLoss): the mean loss of the steps since the last read and the
// weights' squared norm ‖θ‖² = Σ_i ‖θ_i‖², read back together in one `await data()` so a divergence (NaN or
// Infinity in either) is seen at the same moment the loss is.
import * as tf from '../../tf';
import { tensorSums } from '../webgpu/tensorSums';
import { addTensors } from './optimizer';

/**
 * `sum` is the device-side Σ of `count` step losses (not disposed here). Ops: [mean loss, ‖θ‖²] stacked.
 * Fused (WebGPU kernels): [Σ loss, ‖θ_0‖², ‖θ_1‖², …] from one kernel (tensorSums.ts), finished here in
 * float32 as the ops would.
 */
export async function readLossAndNorm(sum: tf.Scalar, count: number, vars: tf.Variable[], fused: boolean): Promise<{ loss: number; weightNorm2: number }> {
  const probe = tf.tidy(() => (fused ? tensorSums([sum, ...vars], [true]) : tf.stack([tf.div(sum, count), addTensors(vars.map((v) => tf.sum(tf.square(v))))])));
  try {
    const values = Array.from(await probe.data());
    return fused
      ? { loss: Math.fround(values[0] / count), weightNorm2: values.slice(1).reduce((s, x) => Math.fround(s + x), 0) }
      : { loss: values[0], weightNorm2: values[1] };
  } finally {
    probe.dispose();
  }
}

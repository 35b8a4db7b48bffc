// One time step of the gated cells, as tensor ops: shared by the training graph (unrolled.ts, batches, with
// its backend-tuned matmuls) and on-device generation (deviceSampler.ts, batch 1). σ = sigmoid; gate blocks
// in Keras order. A null previous state means zeros (the first step), which skips the work it would cancel.
import * as tf from '../../tf';

type Times = (x: tf.Tensor2D) => tf.Tensor2D;

/**
 * LSTM, from the pre-activations z = x·W + b + h·U [B, 4H] (gates i, f, c̃, o):
 *   c = σ(f)·c + σ(i)·tanh(c̃),  h = σ(o)·tanh(c)
 */
export function lstmStep(z: tf.Tensor2D, c: tf.Tensor2D | null): { h: tf.Tensor2D; c: tf.Tensor2D } {
  const [i, f, g, o] = tf.split(z, 4, 1);
  const input = tf.mul<tf.Tensor2D>(tf.sigmoid(i), tf.tanh(g));
  const cNext = c ? tf.add<tf.Tensor2D>(tf.mul(tf.sigmoid(f), c), input) : input;
  return { h: tf.mul<tf.Tensor2D>(tf.sigmoid(o), tf.tanh(cNext)), c: cNext };
}

/**
 * GRU ("reset before", as tfjs), from x = x·W + b [B, 3H] (blocks z, r, h) and the previous h:
 *   u = σ(x_z + h·U_z),  r = σ(x_r + h·U_r),  h̃ = tanh(x_h + (r·h)·U_h),  h' = u·h + (1 − u)·h̃
 * timesZR(h) = h·U[:, :2H], timesH(v) = v·U[:, 2H:].
 */
export function gruStep(x: tf.Tensor2D, h: tf.Tensor2D | null, timesZR: Times, timesH: Times): tf.Tensor2D {
  const H = x.shape[1] / 3;
  const [xZR, xH] = tf.split(x, [2 * H, H], 1);
  if (!h) {
    // h = 0: u·h vanishes and r·h = 0, so h' = (1 − u)·tanh(x_h).
    const u = tf.sigmoid(tf.slice(xZR, [0, 0], [x.shape[0], H]));
    return tf.mul<tf.Tensor2D>(tf.sub(1, u), tf.tanh(xH));
  }
  const [u, r] = tf.split(tf.sigmoid(tf.add<tf.Tensor2D>(xZR, timesZR(h))), 2, 1);
  const candidate = tf.tanh(tf.add<tf.Tensor2D>(xH, timesH(tf.mul<tf.Tensor2D>(r, h))));
  // u·h + (1 − u)·h̃ = h̃ + u·(h − h̃): one op fewer.
  return tf.add<tf.Tensor2D>(candidate, tf.mul(u, tf.sub(h, candidate)));
}

/** The GRU's recurrent kernel U [H, 3H] split as gruStep wants it: [U_z U_r] [H, 2H] and U_h [H, H]. */
export function gruRecurrentBlocks(recurrent: tf.Tensor2D): { zr: tf.Tensor2D; h: tf.Tensor2D } {
  const H = recurrent.shape[0];
  return { zr: tf.slice(recurrent, [0, 0], [H, 2 * H]), h: tf.slice(recurrent, [0, 2 * H], [H, H]) };
}

// tf.oneHot for every vocabulary size the app accepts. tfjs refuses depth 1 ("Error in oneHot: depth must be
// >=2"), but a corpus of one repeated character has a one-character vocabulary, and a one-step window has a
// one-row selector; with depth 1 every valid index is 0, so each one-hot row is the single value 1.
import * as tf from '../../tf';

/** One-hot rows of `indices` (int32 [..., depth]), as tf.oneHot, also for depth 1. */
export function oneHotOf(indices: tf.Tensor, depth: number): tf.Tensor {
  if (depth !== 1) return tf.oneHot(indices, depth);
  return tf.expandDims(tf.onesLike(indices.toInt()), -1);
}

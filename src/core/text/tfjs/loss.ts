// Sparse softmax cross-entropy from logits: the loss of a character model.
import * as tf from '../../tf';
import { oneHotOf } from './oneHot';

/**
 * Summed −ln softmax(logits)[target] over every position.
 * logits [B, T, V] float32, targets [B, T] int32 → scalar.
 * logSoftmax subtracts the row max before exponentiating (logsumexp), so large logits cannot overflow.
 * The target's log-probability is picked with a one-hot mask: tfjs has no sparse cross-entropy, and a
 * mask keeps the gradient (softmax − onehot) on every backend.
 */
export function sumCrossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const V = logits.shape[logits.shape.length - 1];
    const logp = tf.logSoftmax(logits);
    const mask = oneHotOf(targets.toInt(), V);
    return tf.neg(tf.sum(tf.mul(logp, mask))) as tf.Scalar;
  });
}

/** Mean of sumCrossEntropy over the B·T positions: nats per character. */
export function meanCrossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.div(sumCrossEntropy(logits, targets), targets.size) as tf.Scalar);
}

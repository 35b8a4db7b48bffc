// The Classify network on TensorFlow.js (whichever backend is active), for the speed race.
import * as tf from '../tf';
import { TfjsMlp } from '../mlp/tfjsMlp';
import { tutorialSetup } from './classifyBench';
import { measureRate, type MeasureOptions, type Rate } from './timing';

/**
 * Full-batch passes per second of TfjsMlp on the active backend. Each burst ends with a loss read:
 * step() only queues work on GPU backends, the read waits for it.
 */
export async function measureTfjsClassify(hidden: number, options: MeasureOptions): Promise<Rate & { tensorsLeaked: number }> {
  const { data, params } = tutorialSetup(hidden);
  const mlp = new TfjsMlp(data, params);
  try {
    let tensors = -1;
    const rate = await measureRate(async (n) => {
      await mlp.step(n);
      await mlp.loss();
      if (tensors < 0) tensors = tf.memory().numTensors;
    }, options);
    return { ...rate, tensorsLeaked: tf.memory().numTensors - tensors };
  } finally {
    mlp.dispose();
  }
}

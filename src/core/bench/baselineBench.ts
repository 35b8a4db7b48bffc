// Timing the lstm-text-generation baseline (baselineLstm.ts) the same way as our engines.
import { seededRandom } from '../text/sampling';
import { BASELINE_BATCH, BaselineLstm } from './baselineLstm';
import { liveTensors } from './memory';
import { measureRate, now, throwIfCancelled, type MeasureOptions } from './timing';

export interface BaselineTrainMeasurement {
  /** Predicted characters per second = training examples per second (one prediction per example). */
  charsPerSecond: number;
  /** Timed fits of BASELINE_BATCH examples each (after one warm-up fit). */
  fits: number;
  ms: number;
  warmupMs: number;
  loss: number;
}

/** Trains a fresh baseline model: each unit is one model.fit over one batch of 128 examples. */
export async function measureBaselineTraining(vocabSize: number, hidden: number, tokens: Int32Array, options: MeasureOptions): Promise<BaselineTrainMeasurement> {
  const model = new BaselineLstm(vocabSize, hidden);
  const rng = seededRandom(7);
  let loss = NaN;
  try {
    const rate = await measureRate(async (n) => {
      for (let i = 0; i < n; i++) loss = await model.fitExamples(tokens, BASELINE_BATCH, rng);
    }, options);
    return { charsPerSecond: rate.perSecond * BASELINE_BATCH, fits: rate.units, ms: rate.ms, warmupMs: rate.warmupMs, loss };
  } finally {
    model.dispose();
  }
}

export interface BaselineGenerationMeasurement {
  /** Request → first character (first predict compiles shaders on GPU backends), ms. */
  firstCharMs: number;
  chars: number;
  ms: number;
  /** Characters per second after the first. */
  charsPerSecond: number;
  /** Live tensors before and after generating (after the model was built). */
  tensorsBefore: number;
  tensorsAfter: number;
}

/** Generates with the baseline's re-run-the-window loop until the budget or maxChars. */
export async function measureBaselineGeneration(
  vocabSize: number,
  hidden: number,
  seed: ArrayLike<number>,
  options: MeasureOptions & { maxChars: number },
): Promise<BaselineGenerationMeasurement> {
  const clock = options.clock ?? now;
  const model = new BaselineLstm(vocabSize, hidden);
  try {
    const tensorsBefore = liveTensors();
    const t0 = clock();
    let window = Array.from(seed);
    const push = (token: number) => {
      window.push(token);
      if (window.length > 64) window = window.slice(-40);
    };
    push(model.generate(window, 1)[0]);
    const tFirst = clock();
    let chars = 1;
    while (chars < options.maxChars && clock() - tFirst < options.budgetMs) {
      await options.yieldToEvents?.();
      throwIfCancelled(options.signal);
      const n = Math.min(8, options.maxChars - chars); // a few characters between checks
      model.generate(window, n, push);
      chars += n;
      options.onBurst?.(chars, clock() - tFirst);
    }
    const ms = clock() - tFirst;
    return {
      firstCharMs: tFirst - t0,
      chars,
      ms,
      charsPerSecond: ms > 0 ? ((chars - 1) * 1000) / ms : Infinity,
      tensorsBefore,
      tensorsAfter: liveTensors(),
    };
  } finally {
    model.dispose();
  }
}

// Measuring the Text lab's engines: training throughput (predicted characters per second) and streaming
// generation (time to the first character, then characters per second).
import type { TextEngine } from '../text/engine';
import type { DeviceSampler } from '../text/tfjs/deviceSampler';
import { generate, seededRandom } from '../text/sampling';
import { jsHeapBytes, liveTensors } from './memory';
import { measureRate, now, throwIfCancelled, type MeasureOptions } from './timing';

export interface TrainMeasurement {
  /** Predicted characters per second: steps × batch × window / time. */
  charsPerSecond: number;
  /** Timed steps (after one warm-up step). */
  steps: number;
  ms: number;
  warmupMs: number;
  /** Live tensors after the warm-up step and after the timed steps (equal when nothing leaks). */
  tensorsAfterWarmup: number;
  tensorsAfter: number;
  /** JS heap after the timed steps, where the platform reports it. */
  heapBytes: number | null;
  /** Mean loss of the last read-back (nats/char), if any. */
  loss?: number;
  /** Dispatches per timed step, when a dispatch counter was given. */
  dispatchesPerStep?: number;
}

export interface TrainMeasureOptions extends MeasureOptions {
  /** A running count of GPU dispatches (dispatchCounter.ts); read after the warm-up and at the end. */
  dispatchCount?: () => number;
}

interface Flushable {
  flushLoss(): Promise<number | undefined>;
}
const canFlush = (e: object): e is Flushable => typeof (e as Partial<Flushable>).flushLoss === 'function';

/**
 * Times `engine.train`. Each burst ends with a loss read-back: on GPU backends train() only queues work
 * (the engine reads every few steps itself), so the flush is what makes the clock see it finish.
 */
export async function measureTextTraining(engine: TextEngine, charsPerStep: number, options: TrainMeasureOptions): Promise<TrainMeasurement> {
  let loss: number | undefined;
  let tensorsAfterWarmup = -1;
  let dispatchesAfterWarmup = 0;
  const run = async (steps: number) => {
    const burst = await engine.train(steps);
    const flushed = canFlush(engine) ? await engine.flushLoss() : undefined;
    loss = flushed ?? burst.loss ?? loss;
    if (tensorsAfterWarmup < 0) {
      tensorsAfterWarmup = liveTensors();
      dispatchesAfterWarmup = options.dispatchCount?.() ?? 0;
    }
  };
  const rate = await measureRate(run, options);
  const dispatches = options.dispatchCount ? options.dispatchCount() - dispatchesAfterWarmup : undefined;
  return {
    ...(dispatches !== undefined && rate.units > 0 ? { dispatchesPerStep: dispatches / rate.units } : {}),
    charsPerSecond: rate.perSecond * charsPerStep,
    steps: rate.units,
    ms: rate.ms,
    warmupMs: rate.warmupMs,
    tensorsAfterWarmup,
    tensorsAfter: liveTensors(),
    heapBytes: jsHeapBytes(),
    loss,
  };
}

export interface GenerationOptions extends MeasureOptions {
  maxChars: number;
  temperature?: number;
  seed?: number;
}

export interface GenerationMeasurement {
  /** From the request to the first sampled character: weight sync + prime + one step, ms. */
  firstCharMs: number;
  /** The part of firstCharMs spent copying the weights off the engine (engine.stepper()). */
  syncMs: number;
  chars: number;
  /** Time from the first character to the last. */
  ms: number;
  /** Characters per second after the first one (streaming rate). */
  charsPerSecond: number;
  /** Live tensors before and after (a per-character leak would show here). */
  tensorsBefore: number;
  tensorsAfter: number;
}

/** Characters produced between two checks of the clock / the cancel signal. */
const CHUNK = 32;

/**
 * Streams characters the way the Text lab does: one stepper (a plain-JS copy of the weights, hidden state
 * carried), one step per character, nothing re-run.
 */
export async function measureGeneration(engine: TextEngine, prime: ArrayLike<number>, options: GenerationOptions): Promise<GenerationMeasurement> {
  const clock = options.clock ?? now;
  const rng = seededRandom(options.seed ?? 1);
  const temperature = options.temperature ?? 0.8;
  throwIfCancelled(options.signal);
  const tensorsBefore = liveTensors();
  const t0 = clock();
  const stepper = await engine.stepper();
  const syncMs = clock() - t0;
  stepper.reset();
  let last = generate(stepper, prime, 1, temperature, rng)[0];
  const tFirst = clock();
  let chars = 1;
  while (chars < options.maxChars && clock() - tFirst < options.budgetMs) {
    await options.yieldToEvents?.();
    throwIfCancelled(options.signal);
    const out = generate(stepper, [last], Math.min(CHUNK, options.maxChars - chars), temperature, rng);
    last = out[out.length - 1];
    chars += out.length;
    options.onBurst?.(chars, clock() - tFirst);
  }
  const ms = clock() - tFirst;
  return {
    firstCharMs: tFirst - t0,
    syncMs,
    chars,
    ms,
    charsPerSecond: ms > 0 ? ((chars - 1) * 1000) / ms : Infinity,
    tensorsBefore,
    tensorsAfter: liveTensors(),
  };
}

/**
 * Streams characters on the device (deviceSampler.ts): the prime fed as tensor steps, then per character one
 * step, one tf.multinomial draw and one read of the drawn index. Seeds come from a seeded generator, so a run
 * is repeatable. The caller owns (and disposes) the sampler.
 */
export async function measureDeviceGeneration(sampler: DeviceSampler, prime: ArrayLike<number>, options: GenerationOptions): Promise<GenerationMeasurement> {
  const clock = options.clock ?? now;
  const rng = seededRandom(options.seed ?? 1);
  const seed = () => Math.floor(rng.next() * 2 ** 31);
  const temperature = options.temperature ?? 0.8;
  throwIfCancelled(options.signal);
  const tensorsBefore = liveTensors();
  const t0 = clock();
  sampler.reset();
  if (prime.length === 0) throw new RangeError('generation needs at least one prime character');
  sampler.feed(Array.from(prime).slice(0, -1));
  let last = await sampler.next(prime[prime.length - 1], temperature, seed());
  const tFirst = clock();
  let chars = 1;
  while (chars < options.maxChars && clock() - tFirst < options.budgetMs) {
    for (let i = 0; i < CHUNK && chars < options.maxChars; i++, chars++) last = await sampler.next(last, temperature, seed());
    await options.yieldToEvents?.();
    throwIfCancelled(options.signal);
    options.onBurst?.(chars, clock() - tFirst);
  }
  const ms = clock() - tFirst;
  return {
    firstCharMs: tFirst - t0,
    syncMs: 0,
    chars,
    ms,
    charsPerSecond: ms > 0 ? ((chars - 1) * 1000) / ms : Infinity,
    tensorsBefore,
    tensorsAfter: liveTensors(),
  };
}

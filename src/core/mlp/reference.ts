// Reference runs in the format of tests/fixtures/mlp_moons_seed0_h3.json: validating one, and replaying it
// with the from-scratch engine (tutorial settings) to compare the losses and weights it lists.
import { quoteValue } from '../limits';
import { fromNested, type NestedParams } from './params';
import { ScratchMlp } from './scratchMlp';
import { MAX_CLASSES, MAX_HIDDEN, MIN_CLASSES, TUTORIAL_SETTINGS, type MlpParams, type TrainSettings } from './types';

/** A reference file that is missing something or holds the wrong shapes or values. */
export class ReferenceFormatError extends Error {
  override name = 'ReferenceFormatError';
}

/** A validated reference run. Required: data, network size, settings and init; the rest is optional. */
export interface MlpReference {
  /** N×2 row-major. */
  X: Float64Array;
  y: Int32Array;
  hidden: number;
  classes: number;
  passes: number;
  epsilon: number;
  regLambda: number;
  init: MlpParams;
  /** Iterations at which `losses` lists the loss (after that iteration's update). */
  iterations: number[];
  expected: {
    losses?: [number, number][];
    final?: MlpParams;
    finalLoss?: number;
    trainAccuracy?: number;
  };
}

export interface ReferenceRun {
  /** [iteration, loss after that iteration's update] at the reference's iterations. */
  losses: [number, number][];
  final: MlpParams;
  finalLoss: number;
  trainAccuracy: number;
}

const fail = (msg: string): never => {
  throw new ReferenceFormatError(msg);
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where} must be a finite number, got ${quoteValue(v)}`);
  return v as number;
}

function integer(v: unknown, where: string, min: number, max: number): number {
  const n = finite(v, where);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${where} must be an integer in ${min}..${max}, got ${n}`);
  return n;
}

function vector(v: unknown, where: string, length?: number): number[] {
  if (!Array.isArray(v)) return fail(`${where} must be an array`);
  if (length !== undefined && v.length !== length) fail(`${where} must have ${length} entries, got ${v.length}`);
  return v.map((x, i) => finite(x, `${where}[${i}]`));
}

function matrix(v: unknown, where: string, rows: number | undefined, cols: number): number[][] {
  if (!Array.isArray(v)) return fail(`${where} must be an array of rows`);
  if (rows !== undefined && v.length !== rows) fail(`${where} must have ${rows} rows, got ${v.length}`);
  return v.map((row, r) => vector(row, `${where}[${r}]`, cols));
}

function params(v: unknown, where: string, hidden: number): MlpParams {
  if (!isRecord(v)) return fail(`${where} must be an object with W1, b1, W2, b2`);
  for (const k of ['W1', 'b1', 'W2', 'b2']) if (!(k in v)) fail(`${where} is missing "${k}"`);
  const b2 = vector(v.b2, `${where}.b2`);
  const classes = b2.length;
  if (classes < MIN_CLASSES || classes > MAX_CLASSES) {
    fail(`${where}.b2 must have ${MIN_CLASSES}..${MAX_CLASSES} entries (one per class), got ${classes}`);
  }
  const nested: NestedParams = {
    W1: matrix(v.W1, `${where}.W1`, 2, hidden),
    b1: vector(v.b1, `${where}.b1`, hidden),
    W2: matrix(v.W2, `${where}.W2`, hidden, classes),
    b2,
  };
  return fromNested(nested);
}

/** Validates parsed JSON as a reference run; throws ReferenceFormatError naming the first problem. */
export function parseMlpReference(json: unknown): MlpReference {
  if (!isRecord(json)) return fail('the reference must be a JSON object');
  for (const k of ['X', 'y', 'hidden', 'passes', 'epsilon', 'reg_lambda', 'init']) {
    if (!(k in json)) fail(`the reference is missing "${k}"`);
  }
  const hidden = integer(json.hidden, 'hidden', 1, MAX_HIDDEN);
  const passes = integer(json.passes, 'passes', 1, 10_000_000);
  const epsilon = finite(json.epsilon, 'epsilon');
  const regLambda = finite(json.reg_lambda, 'reg_lambda');
  if (epsilon < 0) fail(`epsilon must be ≥ 0, got ${epsilon}`);
  if (regLambda < 0) fail(`reg_lambda must be ≥ 0, got ${regLambda}`);
  const init = params(json.init, 'init', hidden);
  const classes = init.classes;

  const rows = matrix(json.X, 'X', undefined, 2);
  if (rows.length === 0) fail('X must hold at least one point');
  const labels = vector(json.y, 'y', rows.length);
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      fail(`y[${i}] must be a class index in 0..${classes - 1} (init.b2 has ${classes} classes), got ${label}`);
    }
  });

  const expected: MlpReference['expected'] = {};
  let iterations: number[] = [];
  if ('losses' in json) {
    if (!Array.isArray(json.losses)) fail('losses must be an array of [iteration, loss] pairs');
    const pairs = matrix(json.losses, 'losses', undefined, 2) as [number, number][];
    pairs.forEach(([it], i) => integer(it, `losses[${i}][0]`, 0, passes - 1));
    expected.losses = pairs;
    iterations = pairs.map(([it]) => it);
  } else {
    for (let it = 0; it < passes; it += 1000) iterations.push(it);
  }
  if ('final' in json) expected.final = params(json.final, 'final', hidden);
  if (expected.final && expected.final.classes !== classes) fail(`final.b2 must have ${classes} entries like init.b2`);
  if ('final_loss' in json) expected.finalLoss = finite(json.final_loss, 'final_loss');
  if ('train_accuracy' in json) expected.trainAccuracy = finite(json.train_accuracy, 'train_accuracy');

  return {
    X: Float64Array.from(rows.flat()),
    y: Int32Array.from(labels),
    hidden,
    classes,
    passes,
    epsilon,
    regLambda,
    init,
    iterations,
    expected,
  };
}

/** Called with the loss after each listed iteration's update, in increasing iteration order. */
export type LossCallback = (iteration: number, loss: number) => void;

/** The reference's iterations, deduplicated and sorted, i.e. the order in which losses are recorded. */
export function recordingOrder(ref: MlpReference): number[] {
  return [...new Set(ref.iterations)].sort((a, b) => a - b);
}

/** The reference's settings as TrainSettings: the tutorial's, with its epsilon and reg_lambda. */
export function referenceSettings(ref: MlpReference): TrainSettings {
  return { ...TUTORIAL_SETTINGS, learningRate: ref.epsilon, reg: ref.regLambda };
}

/**
 * Replays the reference with the tutorial's training (full batch, summed gradient, plain gradient descent)
 * from its init, recording the loss after each listed iteration's update. Float64, from scratch.
 */
export function reproduceReference(ref: MlpReference, onLoss?: LossCallback): ReferenceRun {
  const net = new ScratchMlp(ref.init, 'tanh', referenceSettings(ref));
  const lossAt = new Map<number, number>();
  for (const it of recordingOrder(ref)) {
    net.step(ref.X, ref.y, it + 1 - net.iteration);
    const loss = net.loss(ref.X, ref.y);
    lossAt.set(it, loss);
    onLoss?.(it, loss);
  }
  net.step(ref.X, ref.y, ref.passes - net.iteration);
  return {
    losses: ref.iterations.map((it) => [it, lossAt.get(it) as number]),
    final: net.getParams(),
    finalLoss: net.loss(ref.X, ref.y),
    trainAccuracy: net.accuracy(ref.X, ref.y),
  };
}

/** Worst relative differences of a run from the values a reference lists (absent where it lists none). */
export interface ReferenceComparison {
  /** max over listed iterations of |loss − expected| / |expected| */
  losses?: number;
  /** max over every weight and bias of |w − expected| / |expected| (absolute where expected is 0) */
  weights?: number;
  finalLoss?: number;
  /** |accuracy − expected| (an absolute difference; one flipped point out of 200 is 0.005) */
  trainAccuracy?: number;
}

function relative(a: number, expected: number): number {
  const diff = Math.abs(a - expected);
  if (Number.isNaN(diff)) return Infinity; // a diverged run never "matches"
  return expected === 0 ? diff : diff / Math.abs(expected);
}

export function compareWithReference(run: ReferenceRun, ref: MlpReference): ReferenceComparison {
  const e = ref.expected;
  const out: ReferenceComparison = {};
  if (e.losses) out.losses = Math.max(0, ...e.losses.map(([, want], i) => relative(run.losses[i][1], want)));
  if (e.final) {
    let worst = 0;
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
      const want = e.final[key];
      const got = run.final[key];
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, relative(got[i], want[i]));
    }
    out.weights = worst;
  }
  if (e.finalLoss !== undefined) out.finalLoss = relative(run.finalLoss, e.finalLoss);
  if (e.trainAccuracy !== undefined) out.trainAccuracy = Math.abs(run.trainAccuracy - e.trainAccuracy);
  return out;
}

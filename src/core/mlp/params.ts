// Creating, copying and converting MLP parameters.
import { MAX_CLASSES, MAX_HIDDEN, MIN_CLASSES, MIN_HIDDEN, type MlpParams } from './types';

/** Anything that draws standard normal samples (the NumPy-compatible generator in src/core/rng fits). */
export interface NormalSource {
  normal(): number;
}

/** Weights as nested arrays, the layout of the tutorial's NumPy arrays and of the reference files. */
export interface NestedParams {
  W1: number[][];
  b1: number[];
  W2: number[][];
  b2: number[];
}

export function checkSizes(hidden: number, classes: number): void {
  if (!Number.isInteger(hidden) || hidden < MIN_HIDDEN || hidden > MAX_HIDDEN) {
    throw new RangeError(`hidden must be an integer in ${MIN_HIDDEN}..${MAX_HIDDEN}, got ${hidden}`);
  }
  if (!Number.isInteger(classes) || classes < MIN_CLASSES || classes > MAX_CLASSES) {
    throw new RangeError(`classes must be an integer in ${MIN_CLASSES}..${MAX_CLASSES}, got ${classes}`);
  }
}

export function zeroParams(hidden: number, classes: number): MlpParams {
  checkSizes(hidden, classes);
  return {
    hidden,
    classes,
    W1: new Float64Array(2 * hidden),
    b1: new Float64Array(hidden),
    W2: new Float64Array(hidden * classes),
    b2: new Float64Array(classes),
  };
}

/**
 * The tutorial's initialisation, drawing in NumPy's order (row-major):
 * W1 = randn(2, H) / sqrt(2), b1 = 0, W2 = randn(H, K) / sqrt(H), b2 = 0.
 * With a generator seeded like `np.random.seed(0)` this reproduces the tutorial's starting weights.
 */
export function tutorialInit(hidden: number, classes: number, rng: NormalSource): MlpParams {
  const p = zeroParams(hidden, classes);
  for (let i = 0; i < p.W1.length; i++) p.W1[i] = rng.normal() / Math.sqrt(2);
  for (let i = 0; i < p.W2.length; i++) p.W2[i] = rng.normal() / Math.sqrt(hidden);
  return p;
}

export function cloneParams(p: MlpParams): MlpParams {
  return {
    hidden: p.hidden,
    classes: p.classes,
    W1: Float64Array.from(p.W1),
    b1: Float64Array.from(p.b1),
    W2: Float64Array.from(p.W2),
    b2: Float64Array.from(p.b2),
  };
}

/** Throws unless the arrays have the lengths `hidden` and `classes` imply. */
export function checkParams(p: MlpParams): void {
  checkSizes(p.hidden, p.classes);
  const want: [string, number, number][] = [
    ['W1', p.W1.length, 2 * p.hidden],
    ['b1', p.b1.length, p.hidden],
    ['W2', p.W2.length, p.hidden * p.classes],
    ['b2', p.b2.length, p.classes],
  ];
  for (const [name, got, expected] of want) {
    if (got !== expected) throw new RangeError(`${name} has ${got} entries, expected ${expected}`);
  }
}

/** True when every weight and bias is finite (false after training diverged). */
export function paramsAreFinite(p: MlpParams): boolean {
  for (const a of [p.W1, p.b1, p.W2, p.b2]) {
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  }
  return true;
}

function rows(a: Float64Array, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < a.length / cols; r++) out.push(Array.from(a.subarray(r * cols, (r + 1) * cols)));
  return out;
}

export function toNested(p: MlpParams): NestedParams {
  return { W1: rows(p.W1, p.hidden), b1: Array.from(p.b1), W2: rows(p.W2, p.classes), b2: Array.from(p.b2) };
}

/** Inverse of toNested; the shapes must already be validated (see reference.ts for user input). */
export function fromNested(n: NestedParams): MlpParams {
  const hidden = n.b1.length;
  const classes = n.b2.length;
  const p: MlpParams = {
    hidden,
    classes,
    W1: Float64Array.from(n.W1.flat()),
    b1: Float64Array.from(n.b1),
    W2: Float64Array.from(n.W2.flat()),
    b2: Float64Array.from(n.b2),
  };
  checkParams(p);
  return p;
}

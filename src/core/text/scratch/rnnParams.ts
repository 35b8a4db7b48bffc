// Parameters of the vanilla RNN, in min-char-rnn's shapes:
//   Wxh [H][V]  input → hidden      Whh [H][H]  hidden → hidden      Why [V][H]  hidden → output
//   bh  [H]     hidden bias         by  [V]     output bias
// All five live in one Float64Array (`theta`, in that order, row-major) with typed views onto it, so
// gradients, clipping and optimiser updates are single loops over one flat array.
import type { UniformRandom } from '../sampling';

export interface RnnParams {
  hidden: number;
  vocab: number;
  theta: Float64Array;
  Wxh: Float64Array;
  Whh: Float64Array;
  Why: Float64Array;
  bh: Float64Array;
  by: Float64Array;
}

/** Nested-array form used by reference files and exports: the shapes listed above. */
export interface NestedRnnWeights {
  Wxh: number[][];
  Whh: number[][];
  Why: number[][];
  bh: number[];
  by: number[];
}

export function rnnParamCount(hidden: number, vocab: number): number {
  return hidden * vocab + hidden * hidden + vocab * hidden + hidden + vocab;
}

/** Views over `theta` (which must have rnnParamCount(H, V) entries), or a new zero array. */
export function createRnnParams(hidden: number, vocab: number, theta = new Float64Array(rnnParamCount(hidden, vocab))): RnnParams {
  const H = hidden;
  const V = vocab;
  if (theta.length !== rnnParamCount(H, V)) throw new RangeError(`expected ${rnnParamCount(H, V)} parameters, got ${theta.length}`);
  let o = 0;
  const take = (n: number) => theta.subarray(o, (o += n));
  return { hidden: H, vocab: V, theta, Wxh: take(H * V), Whh: take(H * H), Why: take(V * H), bh: take(H), by: take(V) };
}

/** Standard normal draws by Box–Muller (the cosine branch only; simple and adequate for initialisation). */
function gaussian(rng: UniformRandom): number {
  const u = 1 - rng.next(); // (0, 1], so the log is finite
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** min-char-rnn's initialisation: weights N(0, 1)·0.01, biases zero. */
export function initRnnParams(hidden: number, vocab: number, rng: UniformRandom, scale = 0.01): RnnParams {
  const p = createRnnParams(hidden, vocab);
  for (const w of [p.Wxh, p.Whh, p.Why]) for (let i = 0; i < w.length; i++) w[i] = gaussian(rng) * scale;
  return p;
}

export function paramsFromNested(w: NestedRnnWeights): RnnParams {
  const H = w.bh.length;
  const V = w.by.length;
  const p = createRnnParams(H, V);
  const fill = (dst: Float64Array, rows: number[][]) => rows.forEach((row, r) => dst.set(row, r * row.length));
  fill(p.Wxh, w.Wxh);
  fill(p.Whh, w.Whh);
  fill(p.Why, w.Why);
  p.bh.set(w.bh);
  p.by.set(w.by);
  return p;
}

export function paramsToNested(p: RnnParams): NestedRnnWeights {
  const rows = (src: Float64Array, n: number, m: number) =>
    Array.from({ length: n }, (_, r) => Array.from(src.subarray(r * m, (r + 1) * m)));
  return {
    Wxh: rows(p.Wxh, p.hidden, p.vocab),
    Whh: rows(p.Whh, p.hidden, p.hidden),
    Why: rows(p.Why, p.vocab, p.hidden),
    bh: Array.from(p.bh),
    by: Array.from(p.by),
  };
}

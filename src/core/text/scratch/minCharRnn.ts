// Reference mode: Andrej Karpathy's min-char-rnn training loop, step for step, on fixed data and weights.
// The page's "From scratch" engine is tested against tests/fixtures/minchar_rnn_small.json through this.
//
//   p = 0, h = 0, smooth = −ln(1/V)·T
//   each step: if p + T + 1 ≥ len: p = 0, h = 0            (also on the first step)
//              loss, grads, h = lossFun(data[p:p+T], data[p+1:p+T+1], h)
//              smooth = 0.999·smooth + 0.001·loss
//              clip every gradient entry to [−clip, clip]; Adagrad update
//              p += T
import { clipElementwise, createScratchOptimizer } from './optimizers';
import { createRnnParams, paramsToNested, type NestedRnnWeights, type RnnParams } from './rnnParams';
import { RnnWindow } from './rnnWindow';

export interface MinCharRnnRun {
  /** The corpus as token indices. */
  tokens: Int32Array;
  vocabSize: number;
  seqLength: number;
  learningRate: number;
  /** Elementwise gradient clip (min-char-rnn: 5). */
  clip: number;
  steps: number;
  /** Starting weights (used as is; copy them first if you need them later). */
  params: RnnParams;
}

export interface MinCharRnnResult {
  /** Loss of each step's window before its update, summed over the window (nats). */
  losses: number[];
  /** The smoothed loss after each step. */
  smoothLosses: number[];
  final: NestedRnnWeights;
  params: RnnParams;
}

export function trainMinCharRnn(run: MinCharRnnRun, onStep?: (step: number, loss: number, smooth: number) => void): MinCharRnnResult {
  const { tokens, seqLength: T, params } = run;
  const H = params.hidden;
  const V = params.vocab;
  if (V !== run.vocabSize) throw new RangeError(`weights are for ${V} characters, the vocabulary has ${run.vocabSize}`);
  if (tokens.length < T + 1) throw new RangeError(`the corpus needs at least ${T + 1} characters, it has ${tokens.length}`);

  const window = new RnnWindow(H, V, T);
  const grad = createRnnParams(H, V);
  const adagrad = createScratchOptimizer('adagrad', run.learningRate, params.theta.length);
  const h = new Float64Array(H);
  let smooth = -Math.log(1 / V) * T;
  let p = 0;
  const losses: number[] = [];
  const smoothLosses: number[] = [];

  for (let n = 0; n < run.steps; n++) {
    if (p + T + 1 >= tokens.length || n === 0) {
      h.fill(0);
      p = 0;
    }
    grad.theta.fill(0);
    const loss = window.run(params, tokens, tokens.subarray(1), p, T, h, grad);
    smooth = smooth * 0.999 + loss * 0.001;
    clipElementwise(grad.theta, run.clip);
    adagrad.step(params.theta, grad.theta);
    p += T;
    losses.push(loss);
    smoothLosses.push(smooth);
    onStep?.(n, loss, smooth);
  }
  return { losses, smoothLosses, final: paramsToNested(params), params };
}

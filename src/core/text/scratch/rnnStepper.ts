// Character-by-character prediction with the from-scratch RNN: one hidden step and one softmax per call.
import type { CharStepper } from '../engine';
import { hiddenStep, outputStep } from './rnnCell';
import { createRnnParams, type RnnParams } from './rnnParams';

export class RnnStepper implements CharStepper {
  readonly vocabSize: number;
  /** Its own copy of the weights (read by the inside views, which trace through JsCharStepper). */
  readonly params: RnnParams;
  private h: Float64Array;
  private hNext: Float64Array;
  private readonly probs: Float64Array;

  /** Copies `params`, so later training does not change this stepper. */
  constructor(params: RnnParams) {
    this.params = createRnnParams(params.hidden, params.vocab, params.theta.slice());
    this.vocabSize = params.vocab;
    this.h = new Float64Array(params.hidden);
    this.hNext = new Float64Array(params.hidden);
    this.probs = new Float64Array(params.vocab);
  }

  reset(): void {
    this.h.fill(0);
  }

  next(token: number): Float64Array {
    if (!(token >= 0 && token < this.vocabSize)) throw new RangeError(`token ${token} is outside the vocabulary (size ${this.vocabSize})`);
    hiddenStep(this.params, token, this.h, 0, this.hNext, 0);
    [this.h, this.hNext] = [this.hNext, this.h];
    outputStep(this.params, this.h, 0, this.probs, 0);
    return this.probs;
  }
}

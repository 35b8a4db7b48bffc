// The training record of the current model: step count, training time, the smoothed and raw loss, the
// latest validation loss and the loss history that is saved with the model. Plain data and arithmetic, no
// engine: the training loop feeds it, `progress` events and exports read it.
import type { LossPoint, TextModelSidecar } from '../../core/text/tfjs/bundle';

/** History points kept before the older half is thinned (every validation point survives). */
const MAX_HISTORY = 4000;

export class TrainingRecord {
  /** Optimisation steps taken by the current model. */
  step = 0;
  /** Time spent training (ms, pauses excluded). */
  elapsedMs = 0;
  /** Debiased exponential moving average of the loss reads (see addLoss). */
  smooth?: number;
  rawLoss?: number;
  validLoss?: number;
  validStep?: number;
  history: LossPoint[] = [];
  /** The average before debiasing: started at 0, so it is divided by 1 − βⁿ (as Adam does) to keep the
   *  smoothed curve from lagging behind the first reads. */
  private smoothAcc = 0;
  private smoothReads = 0;

  /** A fresh model: nothing recorded. */
  reset(): void {
    this.step = 0;
    this.elapsedMs = 0;
    this.smooth = this.rawLoss = this.validLoss = this.validStep = undefined;
    this.smoothAcc = 0;
    this.smoothReads = 0;
    this.history = [];
  }

  /** A finite loss read: raw = loss; acc ← β·acc + (1−β)·loss; smooth = acc / (1 − βⁿ) after n reads. */
  addLoss(loss: number, beta: number): void {
    this.rawLoss = loss;
    this.smoothAcc = beta * this.smoothAcc + (1 - beta) * loss;
    this.smoothReads += 1;
    this.smooth = this.smoothAcc / (1 - beta ** this.smoothReads);
  }

  setValidation(loss: number): void {
    this.validLoss = loss;
    this.validStep = this.step;
  }

  /** Appends the current smoothed loss (and validation loss when `withValid`) to the history. */
  recordPoint(withValid: boolean): void {
    if (this.smooth === undefined) return;
    const point: LossPoint = { step: this.step, train: this.smooth, elapsedMs: Math.round(this.elapsedMs) };
    if (withValid && this.validLoss !== undefined) point.valid = this.validLoss;
    const last = this.history[this.history.length - 1];
    if (last && last.step === point.step) this.history[this.history.length - 1] = { ...last, ...point };
    else this.history.push(point);
    if (this.history.length > MAX_HISTORY) {
      // Thin the older half, keeping every validation point.
      const half = this.history.length >> 1;
      this.history = [...this.history.slice(0, half).filter((p, i) => i % 2 === 0 || p.valid !== undefined), ...this.history.slice(half)];
    }
  }

  /** Picks up a saved model's record where it stood. */
  restore(sidecar: Pick<TextModelSidecar, 'step' | 'history'>): void {
    this.step = sidecar.step;
    this.history = sidecar.history;
    const last = sidecar.history[sidecar.history.length - 1];
    this.smooth = last?.train;
    // Resume the average where it stood: as if after many reads, so no debiasing applies.
    this.smoothAcc = last?.train ?? 0;
    this.smoothReads = last ? Infinity : 0;
    this.elapsedMs = last?.elapsedMs ?? 0;
    const lastValid = [...sidecar.history].reverse().find((p) => p.valid !== undefined);
    this.validLoss = lastValid?.valid;
    this.validStep = lastValid?.step;
  }
}

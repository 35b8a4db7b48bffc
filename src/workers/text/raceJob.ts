// The cell race: RNN, GRU and LSTM with the current model's hidden size, layers, input, corpus, seed and
// training settings, each trained from fresh weights for the same time budget, one after another, on the
// active backend. The current model is untouched (the race holds the foreground gate, so a `train` waits
// for it). Validation is measured every ~1/12 of the budget on a capped slice of held-out text, so every
// cell is judged on the same characters; its curve is posted as it grows. Bookkeeping is in
// src/core/text/inside/race.ts.
import type { CellType, TextEngine, TextModelSpec } from '../../core/text/engine';
import { createTextEngine } from '../../core/text/engineFactory';
import { RaceLog, RACE_SAMPLE_LENGTH, RACE_VALID_CHARS, raceBudgetProblem } from '../../core/text/inside/race';
import { generate, seededRandom } from '../../core/text/sampling';
import { decode, type Vocab } from '../../core/text/vocab';
import type { RaceRequest } from '../textProtocol';
import type { SessionContext } from './context';
import { SessionError } from './sessionUtil';

/** Steps per training burst between time checks. */
const RACE_BURST = 5;

export class RaceJob {
  constructor(private readonly ctx: SessionContext) {}

  async run(r: RaceRequest): Promise<void> {
    const ctx = this.ctx;
    const spec = ctx.requireModel();
    if (ctx.phase === 'training') throw new SessionError('busy', 'Pause training before starting a race.');
    if (ctx.kind() === 'scratch') throw new SessionError('unsupported', 'The cell race needs a TensorFlow.js backend (the from-scratch engine has only the vanilla RNN).');
    const problem = raceBudgetProblem(r.cells, r.secondsEach);
    if (problem) throw new SessionError('bad-request', problem);
    const train = ctx.trainSpec!;
    const trainTokens = ctx.trainTokens;
    if (!trainTokens) throw new SessionError('no-corpus', 'Set a corpus first.');
    const hasValid = (ctx.validTokens?.length ?? 0) > 1;
    const valid = (hasValid ? ctx.validTokens! : trainTokens).subarray(0, RACE_VALID_CHARS);
    const validNote = `${valid.length.toLocaleString('en-US')} ${hasValid ? 'validation' : 'training (no validation split)'} characters`;
    const vocab = ctx.vocab as Vocab;
    const log = new RaceLog(r.cells);
    await ctx.foreground.run(async () => {
      for (const cell of r.cells) {
        const cellSpec: TextModelSpec = { ...spec, cell };
        const engine = await createTextEngine('tfjs', cellSpec, { ...train }, trainTokens);
        try {
          engine.setLossReadEvery(RACE_BURST);
          const cancelled = await this.trainFor(r, cell, engine, valid, log);
          log.setParams(cell, engine.paramCount);
          if (cancelled) {
            ctx.post({ type: 'done', id: r.id, reason: 'cancelled' });
            return;
          }
          const stepper = await engine.stepper();
          const out = generate(stepper, [trainTokens[0]], RACE_SAMPLE_LENGTH, 0.8, seededRandom(train.seed));
          log.setSample(cell, decode(out, vocab));
        } finally {
          engine.dispose();
        }
      }
      ctx.cancelled.delete(r.id);
      ctx.post({ type: 'race-result', id: r.id, hidden: spec.hidden, layers: spec.layers, secondsEach: r.secondsEach, validNote, entries: log.entries() });
    });
  }

  /** Trains `engine` for the budget, posting validation points; true when cancelled. */
  private async trainFor(r: RaceRequest, cell: CellType, engine: TextEngine, valid: Int32Array, log: RaceLog): Promise<boolean> {
    const ctx = this.ctx;
    const budgetMs = r.secondsEach * 1000;
    const every = budgetMs / 12;
    const start = ctx.now();
    let trainedMs = 0; // time spent in train(), validation excluded, so the x-axis is training time
    let chars = 0;
    let steps = 0;
    let nextValid = 0;
    const record = async () => {
      const validLoss = await engine.evaluate(valid);
      const point = { elapsedMs: trainedMs, chars, step: steps, validLoss };
      log.add(cell, point);
      ctx.post({ type: 'race-progress', id: r.id, cell, point });
    };
    while (trainedMs < budgetMs) {
      if (ctx.cancelled.delete(r.id)) return true;
      if (trainedMs >= nextValid) {
        await record();
        nextValid += every;
      }
      const t0 = ctx.now();
      const burst = await engine.train(RACE_BURST);
      trainedMs += ctx.now() - t0;
      chars += burst.chars;
      steps += burst.steps;
      if (burst.loss !== undefined && !Number.isFinite(burst.loss)) break; // diverged: the curve ends here
      await ctx.yieldToEvents();
      if (ctx.now() - start > budgetMs * 4 + 60_000) break; // a runaway evaluation cost: stop anyway
    }
    await record();
    return false;
  }
}

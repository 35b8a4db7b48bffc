// The Text worker's training loop: runs of short bursts (`stepsPerBurst` steps, then a yield to the event
// loop, so pause / cancel / generate are seen promptly), loss smoothing and history (TrainingRecord), the
// validation schedule, periodic samples streamed while training, and recovery after divergence.
//
// A run is one train/resume request. A second train while one runs supersedes it (the loop carries on under
// the new id); pause, stop, cancel, init, reset and device loss end it through `run.stop`.
import * as tf from '../../core/tf';
import { DivergedError, type TextEngine, type TrainBurst } from '../../core/text/engine';
import { primeTokens } from '../../core/text/prime';
import { generate } from '../../core/text/sampling';
import { decode } from '../../core/text/vocab';
import type { DoneReason } from '../textProtocol';
import type { SessionContext } from './context';
import type { ModelLifecycle } from './modelLifecycle';
import { SessionError } from './sessionUtil';

interface Run {
  id: number;
  maxSteps?: number;
  stepsDone: number;
  stop?: DoneReason;
  finished: Promise<void>;
}

/** Runs `steps` training steps on `engine`; the debug wrapper (debugFaults.ts) may wrap it. */
export type BurstRunner = (engine: TextEngine, steps: number) => Promise<TrainBurst>;

/** Characters per `sample` event while training. */
const SAMPLE_CHUNK = 50;
/** Backends whose device can be lost, and how long a failed step waits at most for the loss report. */
const GPU_BACKENDS: ReadonlySet<string> = new Set(['webgpu', 'webgl']);
const DEVICE_LOSS_GRACE_MS = 2000;

/**
 * Resolves once the WebGPU device's `lost` promise has settled (backend.ts's handler, registered on it first,
 * has then begun the session's deviceLost: phase 'lost'), or after `ms` (WebGL reports its loss by an event).
 */
async function deviceLossReport(ms: number): Promise<void> {
  const lost = (tf.backend() as { device?: { lost?: Promise<unknown> } }).device?.lost;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((done) => (timer = setTimeout(done, ms)));
  await Promise.race(lost ? [lost, late] : [late]);
  clearTimeout(timer);
}

export class TrainingLoop {
  private run?: Run;
  private sampleId = 0;
  private runBurst: BurstRunner = (engine, steps) => engine.train(steps);

  constructor(
    private readonly ctx: SessionContext,
    private readonly model: ModelLifecycle,
  ) {}

  get running(): boolean {
    return this.run !== undefined;
  }

  /** Wraps how bursts run (used only by the debug wrapper, to inject faults). */
  wrapBursts(wrap: (inner: BurstRunner) => BurstRunner): void {
    this.runBurst = wrap(this.runBurst);
  }

  /** `train` / `resume`: starts a run, or moves the running one to the new id. */
  start(id: number, maxSteps?: number): void {
    this.ctx.requireModel();
    if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps > 0)) {
      throw new SessionError('bad-request', `maxSteps must be a positive whole number, got ${maxSteps}`);
    }
    if (this.run) {
      // Supersede: the running loop continues under the new id.
      this.ctx.post({ type: 'done', id: this.run.id, reason: 'superseded' });
      this.run.id = id;
      this.run.maxSteps = maxSteps === undefined ? undefined : this.run.stepsDone + maxSteps;
      return;
    }
    this.model.checkTrainable(this.ctx.trainSpec!);
    const run: Run = { id, maxSteps, stepsDone: 0, finished: Promise.resolve() };
    this.run = run;
    this.ctx.setPhase('training');
    run.finished = this.loop(run);
  }

  /** Ends the current run (if any) with `reason` and waits until its loop has exited. */
  async stopRun(reason: DoneReason): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.stop ??= reason;
    await run.finished;
  }

  /** `cancel` of a train request; false when `id` is not the running one. */
  cancel(id: number): boolean {
    if (!this.run || this.run.id !== id) return false;
    this.run.stop ??= 'cancelled';
    return true;
  }

  /** `stop`: ends the run, then evaluates the whole held-out part once. */
  async stop(id: number): Promise<void> {
    const ctx = this.ctx;
    ctx.requireModel();
    await this.stopRun('stopped');
    const valid = ctx.validTokens;
    const engine = ctx.engine;
    if (engine && valid && valid.length >= 2) {
      const loss = await ctx.lock.run(() => engine.evaluate(valid));
      if (Number.isFinite(loss)) {
        ctx.record.setValidation(loss);
        ctx.record.recordPoint(true);
        this.postProgress();
      }
    }
    ctx.setPhase('stopped');
    ctx.reply(id);
  }

  private async loop(run: Run): Promise<void> {
    const ctx = this.ctx;
    const record = ctx.record;
    let reason: DoneReason = 'paused';
    let lastEval = -Infinity;
    // Validation may be slow (a software GPU takes seconds): keep it under ~20% of the time by waiting at
    // least four times its last duration before the next one.
    let evalGap = ctx.options.evalEveryMs;
    let lastSample = ctx.now();
    let lastProgress = -Infinity;
    try {
      for (;;) {
        if (run.stop) break;
        if (run.maxSteps !== undefined && run.stepsDone >= run.maxSteps) {
          reason = 'limit';
          break;
        }
        await ctx.foreground.idle();
        if (run.stop) break;
        const engine = ctx.engine;
        if (!engine) throw new SessionError('no-model', 'the model went away during training');
        const steps = Math.max(1, Math.min(ctx.options.stepsPerBurst, (run.maxSteps ?? Infinity) - run.stepsDone));
        const t0 = ctx.now();
        const burst = await ctx.lock.run(() => this.runBurst(engine, steps));
        const dt = ctx.now() - t0;
        if (ctx.engine !== engine || ctx.phase === 'lost') break;
        record.elapsedMs += dt;
        ctx.meter.add(dt, burst.chars);
        run.stepsDone += burst.steps;
        record.step += burst.steps;
        const loss = burst.loss;
        if (loss !== undefined) {
          if (!Number.isFinite(loss)) throw new DivergedError(`The loss became ${loss} at step ${record.step}. Try a lower learning rate.`);
          record.addLoss(loss, ctx.options.smoothing);
        }
        const now = ctx.now();
        let evaluated = false;
        const valid = ctx.validTokens;
        if (ctx.options.evalEveryMs > 0 && valid && valid.length >= 2 && now - lastEval >= evalGap) {
          const slice = valid.subarray(0, Math.max(2, ctx.options.evalChars + 1));
          const v = await ctx.lock.run(() => engine.evaluate(slice));
          lastEval = ctx.now();
          evalGap = Math.max(ctx.options.evalEveryMs, 4 * (lastEval - now));
          if (Number.isFinite(v)) {
            record.setValidation(v);
            evaluated = true;
          }
        }
        if (evaluated || (loss !== undefined && now - lastProgress >= ctx.options.progressEveryMs)) {
          lastProgress = now;
          if (record.smooth !== undefined) record.recordPoint(evaluated);
          this.postProgress();
        }
        if (ctx.options.sampleEveryMs > 0 && now - lastSample >= ctx.options.sampleEveryMs) {
          await this.streamSample(run);
          lastSample = ctx.now();
        }
        await ctx.yieldToEvents();
      }
      reason = run.stop ?? reason;
    } catch (err) {
      if (err instanceof DivergedError) {
        reason = 'diverged';
        await this.recover(err);
      } else {
        // On a GPU backend a failed step can be the first sign of a lost device, whose own report (the
        // device's `lost` promise, backend.ts) comes a moment later: wait for it, so that a loss is handled
        // as a loss (the page recovers and resumes training), not as an error that ends the run.
        if (GPU_BACKENDS.has(ctx.report?.backend ?? '')) await deviceLossReport(DEVICE_LOSS_GRACE_MS);
        reason = 'error';
        if (ctx.phase !== 'lost') ctx.postError(err, undefined);
      }
    } finally {
      if (this.run === run) this.run = undefined;
      ctx.post({ type: 'done', id: run.id, reason });
      if (ctx.phase !== 'lost') {
        // 'stopped' is set by stop() after its final evaluation; everything else leaves the model paused.
        if (reason !== 'stopped' && ctx.engine) ctx.setPhase('paused');
        if (!ctx.engine) ctx.setPhase('empty');
      }
    }
  }

  /** After a divergence: the engine restores its last good weights (or fresh ones) and the page is told. */
  private async recover(err: DivergedError): Promise<void> {
    const ctx = this.ctx;
    const engine = ctx.engine;
    let note = '';
    if (engine) {
      const recovery = engine.recoverFromDivergence();
      note = recovery.note;
      await ctx.replaceEngine(recovery.engine);
    }
    ctx.post({ type: 'error', code: 'diverged', message: note ? `${err.message} ${note}` : err.message });
  }

  postProgress(): void {
    const ctx = this.ctx;
    const r = ctx.record;
    const mem = tf.memory();
    ctx.post({
      type: 'progress',
      step: r.step,
      loss: r.smooth ?? NaN,
      rawLoss: r.rawLoss ?? NaN,
      validLoss: r.validLoss,
      validStep: r.validStep,
      charsPerSec: ctx.meter.perSecond(),
      elapsedMs: r.elapsedMs,
      tensors: mem.numTensors,
      bytes: mem.numBytes,
      learningRate: ctx.trainSpec?.learningRate ?? NaN,
    });
  }

  /** A periodic sample while training, streamed in pieces (the run's stop request cuts it short). */
  private async streamSample(run: Run): Promise<void> {
    const ctx = this.ctx;
    const engine = ctx.engine;
    const vocab = ctx.vocab;
    if (!engine || !vocab) return;
    const sampleId = ++this.sampleId;
    const step = ctx.record.step;
    const stepper = await ctx.lock.run(() => engine.stepper());
    let prime: ArrayLike<number> = primeTokens(ctx.options.samplePrime, vocab, { corpus: ctx.trainTokens, rng: ctx.rng });
    let left = ctx.options.sampleLength;
    while (left > 0 && !run.stop) {
      const n = Math.min(SAMPLE_CHUNK, left);
      const out = generate(stepper, prime, n, ctx.options.sampleTemperature, ctx.rng);
      left -= n;
      prime = [out[out.length - 1]];
      ctx.post({ type: 'sample', sampleId, step, text: decode(out, vocab), done: left === 0 });
      if (left > 0) await ctx.yieldToEvents();
    }
    if (left > 0) ctx.post({ type: 'sample', sampleId, step, text: '', done: true });
  }
}

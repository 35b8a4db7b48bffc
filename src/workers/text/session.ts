// The Text worker's session, free of worker globals so it runs in Node tests: give it a `post` callback and
// feed it requests with `handle`. The protocol is documented in ../textProtocol.ts.
//
// This file dispatches requests and owns the backend: `init` (with a TensorFlow.js model carried across a
// backend switch) and device loss. The jobs live next to it:
//   context.ts         the state they share (model slot, record, options) and the event plumbing
//   modelLifecycle.ts  corpus, build, reset, export, import, restore
//   trainingLoop.ts    training runs: bursts, smoothing, validation schedule, samples, divergence recovery
//   foregroundJobs.ts  generate and score
//   autoJob.ts         Auto that measures: times the model on each hardware backend, moves to the fastest
//   debugFaults.ts     fault injection, created on the first `debug` request
//
// Concurrency (one JS thread): `handle` never blocks on training. Training is a loop of short bursts that
// yields to the event loop between them; foreground jobs make it wait before its next burst; every use of
// the engine goes through one mutex (see context.ts).
import type { TextModelBundle } from '../../core/text/tfjs/bundle';
import type { BackendName, BackendReport, EngineChoice, TextRequest } from '../textProtocol';
import { AutoJob } from './autoJob';
import { SessionContext, type PostFn, type TextSessionDeps } from './context';
import { FaultInjector } from './debugFaults';
import { ForegroundJobs } from './foregroundJobs';
import { InsideJobs } from './insideJobs';
import { mergeLoopOptions } from './loopOptions';
import { ModelLifecycle } from './modelLifecycle';
import { RaceJob } from './raceJob';
import { SessionError } from './sessionUtil';
import { TrainingLoop } from './trainingLoop';

export type { PostFn, TextSessionDeps } from './context';

export interface TextSessionOptions {
  /** Auto's candidates from an 'auto' start's report (default backend.ts's hardwareCandidates). */
  autoCandidates?: (report: BackendReport) => BackendName[];
}

const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu', 'scratch'];

export class TextWorkerSession {
  private readonly ctx: SessionContext;
  private readonly model: ModelLifecycle;
  private readonly training: TrainingLoop;
  private readonly jobs: ForegroundJobs;
  private readonly inside: InsideJobs;
  private readonly race: RaceJob;
  private readonly auto: AutoJob;
  private faults?: FaultInjector;

  constructor(post: PostFn, deps: TextSessionDeps & TextSessionOptions) {
    this.ctx = new SessionContext(post, deps);
    this.model = new ModelLifecycle(this.ctx, () => this.training.running);
    this.training = new TrainingLoop(this.ctx, this.model);
    this.jobs = new ForegroundJobs(this.ctx);
    this.inside = new InsideJobs(this.ctx);
    this.race = new RaceJob(this.ctx);
    this.auto = new AutoJob(this.ctx, this.model, () => this.training.running, (message) => void this.deviceLost(message), deps.autoCandidates);
  }

  /** Handles one request; never rejects (failures become `error` events). */
  async handle(request: TextRequest): Promise<void> {
    try {
      await this.dispatch(request);
    } catch (err) {
      this.ctx.postError(err, request.type === 'cancel' ? undefined : request.id);
    }
  }

  private async dispatch(r: TextRequest): Promise<void> {
    const ctx = this.ctx;
    if (!r || typeof r !== 'object' || typeof r.type !== 'string') throw new SessionError('bad-request', 'malformed request');
    if (r.type !== 'cancel' && !Number.isFinite(r.id)) throw new SessionError('bad-request', `request ${r.type} has no id`);
    switch (r.type) {
      case 'init':
        return this.init(r.id, r.engine, r.wasmThreads);
      case 'cancel':
        if (!this.training.cancel(r.id)) this.jobs.cancel(r.id);
        return;
      case 'debug':
        this.faults ??= new FaultInjector(ctx, this.training, (message) => this.deviceLost(message), this.auto);
        return this.faults.handle(r);
    }
    if (!ctx.report) throw new SessionError('not-initialised', 'Send init first.');
    if (ctx.phase === 'lost' && r.type !== 'set-corpus' && r.type !== 'set-options') {
      throw new SessionError('device-lost', 'The GPU device was lost: choose a backend again (init).');
    }
    // While Auto measures, the model is away (exported, to come back on the winner): what needs it waits.
    if (this.auto.running && r.type !== 'set-options' && r.type !== 'pause') {
      throw new SessionError('busy', 'Auto is measuring the backends: wait a moment.');
    }
    switch (r.type) {
      case 'set-corpus':
        return this.model.setCorpus(r.id, r.text, r.vocab, r.validFraction, r.fit);
      case 'build':
        return this.model.build(r.id, r.model, r.train);
      case 'train':
      case 'resume':
        return this.training.start(r.id, r.maxSteps);
      case 'pause':
        await this.training.stopRun('paused');
        return ctx.reply(r.id);
      case 'stop':
        return this.training.stop(r.id);
      case 'reset':
        ctx.requireModel();
        await this.training.stopRun('cancelled');
        return this.model.reset(r.id);
      case 'set-lr':
        return this.setLearningRate(r.id, r.learningRate);
      case 'set-options':
        ctx.options = mergeLoopOptions(ctx.options, r.options);
        ctx.engine?.setLossReadEvery(ctx.options.lossReadEvery);
        return ctx.reply(r.id);
      case 'generate':
        return this.jobs.generate(r.id, r.prime, r.length, r.temperature, r.seed);
      case 'score':
        return this.jobs.score(r.id, r.lines);
      case 'export':
        return this.model.exportModel(r.id);
      case 'import':
        return this.model.importModel(r.id, r.bundle);
      case 'inspect':
        return this.inside.inspect(r);
      case 'time-gradients':
        return this.inside.timeGradients(r);
      case 'race':
        return this.race.run(r);
      case 'auto-backend':
        return this.auto.run(r);
      default:
        throw new SessionError('bad-request', `unknown request type ${String((r as { type: unknown }).type)}`);
    }
  }

  /** `init`: (re)starts a backend. A TensorFlow.js model survives a switch between TensorFlow.js backends. */
  private async init(id: number, choice: EngineChoice, wasmThreads?: number): Promise<void> {
    const ctx = this.ctx;
    if (!ENGINE_CHOICES.includes(choice)) throw new SessionError('bad-request', `unknown engine ${String(choice)}`);
    await this.training.stopRun('cancelled');
    // Carry a TensorFlow.js model across a backend switch: save it, switch, load it back.
    let carry: TextModelBundle | undefined;
    const nextKind = choice === 'scratch' ? 'scratch' : 'tfjs';
    if (ctx.engine && ctx.phase !== 'lost' && ctx.kind() === nextKind && nextKind === 'tfjs') {
      carry = await ctx.lock.run(() => this.model.exportBundle());
    }
    await ctx.dropModel();
    try {
      ctx.wasmThreads = wasmThreads;
      ctx.report = await ctx.selectBackend(choice, (message) => this.deviceLost(message), false, wasmThreads);
    } catch (err) {
      ctx.report = undefined;
      ctx.setPhase('uninitialised');
      throw new SessionError('backend-failed', (err as Error).message);
    }
    this.auto.started(ctx.report);
    ctx.setPhase('empty');
    if (carry) {
      try {
        await this.model.restore(carry);
      } catch {
        // The model could not move (e.g. a backend limit); the page still has its saved copies.
      }
    }
    ctx.post({ type: 'ready', id, report: ctx.report });
    if (ctx.engine) ctx.setPhase('ready');
  }

  private setLearningRate(id: number, lr: number): void {
    const ctx = this.ctx;
    ctx.requireModel();
    if (!(lr > 0 && Number.isFinite(lr))) throw new SessionError('bad-request', `learning rate must be a positive number, got ${lr}`);
    ctx.engine!.setLearningRate(lr);
    ctx.trainSpec!.learningRate = lr;
    ctx.reply(id);
    ctx.postState();
  }

  /** The GPU device (or WebGL context) is gone: end training, drop the model, phase 'lost' until `init`. */
  private async deviceLost(message: string): Promise<void> {
    const ctx = this.ctx;
    if (ctx.phase === 'lost') return;
    ctx.setPhase('lost');
    await this.training.stopRun('error');
    await ctx.dropModel();
    ctx.post({ type: 'error', code: 'device-lost', message: `${message.replace(/\.+$/, '')}.` });
  }
}

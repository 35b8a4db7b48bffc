// Auto that measures (the `auto-backend` request, textAutoProtocol.ts): when training starts on Auto, the
// page asks this job to time the visitor's model on each hardware backend and to move to the fastest. The
// chooser is the core's (core/text/autoBackend.ts); this file supplies its timing function and does the
// switching, as `init` does: a model already built is exported, dropped, and restored on the winner.
//
// The timing of one candidate (timeCandidate):
//   1. activate the backend strictly (an explicit backend that cannot start fails — a failed measurement; so
//      does one that turns out to be a software adapter or renderer);
//   2. refuse it when the resource check says the model cannot fit it there (the same check as `build`);
//   3. build a throw-away engine of the same shape (fresh weights, the corpus held), train ONE step to warm
//      up (WebGPU compiles its shaders, every backend allocates), then time bursts that each end in a loss
//      read (the only sync point: without it a GPU backend would only have queued the work) until the
//      candidate's share of the ~3 s budget is spent; chars/s = predicted characters / time in train();
//   4. dispose the engine in `finally` (tensor count flat; tests/unit/text-auto-worker.test.ts checks it).
// Cancellation (the protocol's `cancel` naming this request) is checked before every burst; the backend that
// ran before comes back with the model.
//
// Candidates come from the report of the 'auto' start (backend.ts's hardwareCandidates: software adapters
// and renderers stay out). A single candidate is not timed; a kept choice made among the same candidates is
// reused. A debug request may inject the figures instead (debugFaults.ts; the e2e tests use it).
import { AutoCancelled, autoShapeKey, chooseFastest, sameCandidates, type AutoChoice } from '../../core/text/autoBackend';
import type { TextModelSpec, TextTrainSpec } from '../../core/text/engine';
import { createTextEngine } from '../../core/text/engineFactory';
import { preflightResources } from '../../core/text/preflight';
import type { TextModelBundle } from '../../core/text/tfjs/bundle';
import { checkModelSpec, checkTrainSpec } from '../../core/text/tfjs/spec';
import { hardwareCandidates, HARDWARE_ORDER, softwareReason } from '../backend';
import type { AutoBackendRequest, AutoTimings, BackendName, BackendReport } from '../textProtocol';
import type { SessionContext } from './context';
import type { ModelLifecycle } from './modelLifecycle';
import { SessionError } from './sessionUtil';

type Tfjs = Exclude<BackendName, 'scratch'>;

export class AutoJob {
  /** The report of the last 'auto' start: which backends it passed over. */
  private base?: BackendReport;
  private injected?: AutoTimings;
  /** True while measuring (the session refuses train, build, import and reset meanwhile). */
  running = false;

  constructor(
    private readonly ctx: SessionContext,
    private readonly model: ModelLifecycle,
    private readonly isTraining: () => boolean,
    private readonly onDeviceLost: (message: string) => void,
    /** The candidates of an 'auto' start (hardwareCandidates; injectable for Node tests). */
    private readonly candidatesOf: (report: BackendReport, includeSoftware?: boolean) => BackendName[] = hardwareCandidates,
  ) {}

  /** Called after every `init`: an 'auto' start is the base Auto measures from. */
  started(report: BackendReport): void {
    this.base = report.requested === 'auto' ? report : undefined;
  }

  /** Debug hook: use these figures and candidates instead of timing. */
  injectTimings(timings: AutoTimings): void {
    this.injected = timings;
  }

  async run(r: AutoBackendRequest): Promise<void> {
    const ctx = this.ctx;
    const base = this.base;
    if (!base) throw new SessionError('bad-request', 'Auto measures only when the engine was started on Auto.');
    if (this.isTraining() || this.running) throw new SessionError('busy', 'Pause training before measuring the backends.');
    const { spec, train } = this.modelToTime(r);
    const tokens = ctx.trainTokens as Int32Array;
    const key = autoShapeKey({ ...spec, ...train });
    const figures = this.injected?.timings;
    const candidates: BackendName[] = figures ? HARDWARE_ORDER.filter((b) => b in figures) : this.candidatesOf(base, this.injected?.includeSoftware);
    const cached = r.cached;
    const reuse = cached !== undefined && cached.key === key && sameCandidates(cached.candidates, candidates) && candidates.includes(cached.winner as BackendName);
    const cancelled = () => ctx.cancelled.has(r.id);
    this.running = true;
    let carry: TextModelBundle | undefined;
    let switched = false; // the measuring activated other backends
    try {
      let choice: AutoChoice;
      if (reuse) {
        choice = cached;
      } else {
        if (candidates.length > 1 && !figures) {
          carry = await this.takeModel();
          switched = true;
        }
        choice = await chooseFastest(key, candidates, (b, budget) => this.timeCandidate(b as Tfjs, budget, spec, train, tokens, cancelled), {
          cancelled,
          onProgress: (backend, index, count) => ctx.post({ type: 'auto-progress', id: r.id, backend: backend as BackendName, index, count }),
        });
      }
      if (switched || (choice.winner !== undefined && choice.winner !== ctx.report?.backend)) {
        carry ??= await this.takeModel();
        await this.activate(choice.winner as Tfjs | undefined, base);
      }
      await this.restore(carry);
      ctx.cancelled.delete(r.id);
      ctx.post({ type: 'auto-chosen', id: r.id, choice, reused: reuse, report: ctx.report as BackendReport });
    } catch (err) {
      // Failed or cancelled: the backend that ran before comes back, with the model.
      if (switched || carry) {
        try {
          await this.activate(base.backend as Tfjs, base);
        } catch {
          // Nothing starts any more: the session reports it on the next request.
        }
      }
      await this.restore(carry);
      if (!(err instanceof AutoCancelled)) throw err;
      ctx.cancelled.delete(r.id);
      ctx.post({ type: 'done', id: r.id, reason: 'cancelled' });
    } finally {
      this.running = false;
    }
  }

  /** Exports and drops the current model (if any) before backends change under it, as `init` does. */
  private async takeModel(): Promise<TextModelBundle | undefined> {
    const ctx = this.ctx;
    if (!ctx.engine) return undefined;
    const bundle = await ctx.lock.run(() => this.model.exportBundle());
    await ctx.dropModel();
    return bundle;
  }

  /** The built model's shape (the request's settings before the first build), checked as `build` checks it. */
  private modelToTime(r: AutoBackendRequest): { spec: TextModelSpec; train: TextTrainSpec } {
    const ctx = this.ctx;
    if (!ctx.corpus || !ctx.trainTokens || !ctx.vocab) throw new SessionError('no-corpus', 'Set a corpus first.');
    const spec: TextModelSpec = ctx.modelSpec ?? { ...r.model, vocabSize: ctx.vocab.chars.length };
    const train: TextTrainSpec = ctx.trainSpec && ctx.modelSpec ? ctx.trainSpec : r.train;
    const problem = checkModelSpec(spec) ?? checkTrainSpec(train);
    if (problem) throw new SessionError('bad-request', problem);
    this.model.checkTrainable(train);
    return { spec, train };
  }

  /** Trains a throw-away copy of the model on `backend` for about `budgetMs`; resolves with chars/s. */
  private async timeCandidate(backend: Tfjs, budgetMs: number, spec: TextModelSpec, train: TextTrainSpec, tokens: Int32Array, cancelled: () => boolean): Promise<number> {
    const ctx = this.ctx;
    const injected = this.injected;
    if (injected?.timings) {
      if (injected.delayMs) await new Promise((resolve) => setTimeout(resolve, injected.delayMs));
      if (cancelled()) throw new AutoCancelled();
      const figure = injected.timings[backend];
      if (typeof figure === 'string') throw new Error(figure);
      return figure;
    }
    const report = await ctx.selectBackend(backend, this.onDeviceLost, true, ctx.wasmThreads);
    // A backend the 'auto' start never reached may still turn out to be software: it stays out.
    const software = injected?.includeSoftware ? undefined : softwareReason(report);
    if (software) throw new Error(`${software}: left out of Auto`);
    const verdict = preflightResources({ model: spec, train, trainTokens: tokens.length, validTokens: ctx.validTokens?.length ?? 0 }, backend, report.limits);
    if (verdict.level === 'refuse') throw new Error(verdict.message ?? 'the model does not fit this backend');
    const engine = await createTextEngine('tfjs', spec, train, tokens);
    try {
      engine.setLossReadEvery(1);
      await engine.train(1); // warm-up, not timed
      const readEvery = Math.max(1, ctx.options.lossReadEvery);
      let trainMs = 0;
      let chars = 0;
      let steps = 0;
      while (steps === 0 || trainMs < budgetMs) {
        if (cancelled()) throw new AutoCancelled();
        // As many steps as fit what is left of the budget, at most one loss read's worth; each burst ends
        // in a read, so the time covers the work and not just its queueing.
        const n = steps === 0 ? 1 : Math.max(1, Math.min(readEvery, Math.floor((budgetMs - trainMs) / (trainMs / steps))));
        engine.setLossReadEvery(n);
        const t0 = ctx.now();
        const burst = await engine.train(n);
        trainMs += ctx.now() - t0;
        chars += burst.chars;
        steps += burst.steps;
        await ctx.yieldToEvents(); // lets a `cancel` in
      }
      return trainMs > 0 ? (chars * 1000) / trainMs : Infinity;
    } finally {
      engine.dispose();
    }
  }

  /** Makes `winner` the running backend (the plain 'auto' order when there is none, or it will not start). */
  private async activate(winner: Tfjs | undefined, base: BackendReport): Promise<void> {
    const ctx = this.ctx;
    let next: BackendReport | undefined;
    if (winner) next = await ctx.selectBackend(winner, this.onDeviceLost, true, ctx.wasmThreads).catch(() => undefined);
    next ??= await ctx.selectBackend('auto', this.onDeviceLost, false, ctx.wasmThreads);
    // Keep the start's record of what was passed over (the status line's "… unavailable" chain).
    const adapter = next.adapter ?? base.adapter;
    ctx.report = { ...next, requested: 'auto', adapter, isFallbackAdapter: adapter?.isFallbackAdapter ?? false, tried: [...base.tried.filter((t) => !t.ok), ...next.tried] };
  }

  /** Restores the model carried across the measuring (if any). */
  private async restore(carry: TextModelBundle | undefined): Promise<void> {
    const ctx = this.ctx;
    if (!carry || ctx.engine) return;
    try {
      await this.model.restore(carry);
    } catch {
      // It could not move (a backend limit): the page still holds its checkpoint.
      ctx.setPhase('empty');
    }
  }
}

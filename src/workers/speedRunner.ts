// Runs a speed plan (src/core/bench/plan.ts) for the Speed worker: for each engine, activate its backend,
// measure every task it supports within the time budgets, and stream rows back. All the measuring lives in
// src/core/bench; this file sequences it, handles cancellation and turns outcomes into rows.
// Node tests drive it directly with the CPU backend.
import { measureBaselineGeneration, measureBaselineTraining } from '../core/bench/baselineBench';
import { measureHeatmap, measureScratchClassify } from '../core/bench/classifyBench';
import { measureTfjsClassify } from '../core/bench/classifyTfjsBench';
import { CostModel, unitCost } from '../core/bench/costModel';
import { liveTensors } from '../core/bench/memory';
import { type EngineInfo, type SpeedReport, type SpeedRow } from '../core/bench/results';
import { isSoftwareAdapter, isSoftwareRenderer } from '../core/softwareGpu';
import { engineBackend, isWebGpuEngine, taskUnit, unsupportedReason, type SpeedEngine, type SpeedTask, type TextTaskModel } from '../core/bench/tasks';
import { measureDeviceGeneration, measureGeneration, measureTextTraining } from '../core/bench/textBench';
import { createTaskEngine, tokenizeBenchCorpus, trainSpec, type BenchCorpus } from '../core/bench/textTasks';
import { CancelledError, now, type MeasureOptions } from '../core/bench/timing';
import type { TextEngine } from '../core/text/engine';
import { primeTokens } from '../core/text/prime';
import { TfjsTextEngine } from '../core/text/tfjs/engine';
import type { BackendReport, EngineChoice } from './textProtocol';
import type { CorpusSource, RunRequest, SpeedEvent, SpeedRequest } from './speedProtocol';

export interface SpeedRunnerDeps {
  post(event: SpeedEvent): void;
  /** Lets the worker's message queue run (a MessageChannel round trip in the worker). */
  yieldToEvents(): Promise<void>;
  /** backend.ts's selectBackend with the page's WASM paths bound. */
  selectBackend(choice: EngineChoice): Promise<BackendReport>;
  /** fetch(url).text() in the browser. */
  fetchText?(url: string): Promise<string>;
  userAgent?: string;
  clock?: () => number;
  /** GPU compute dispatches so far in this realm (dispatchCounter.ts), for the WebGPU engines' rows. */
  dispatchCount?: () => number;
}

/** Minimum time between progress events, ms. */
const PROGRESS_EVERY_MS = 150;
/** Text fed before generating (the Text lab's kind of prime). */
const PRIME = 'The state of the Union is ';

type Outcome = Omit<SpeedRow, 'task' | 'kind' | 'label' | 'engine' | 'unit' | 'status'> & { value: number };

class SkipTask extends Error {}

const modelKey = (m: TextTaskModel) => `${m.cell}/${m.hidden}/${m.input}/${m.embedding}/${m.layers ?? 1}`;

/** The text engine's kind and options for a speed engine ('webgpu-ops': the same backend, no fused kernels). */
const textEngineOf = (engine: SpeedEngine) => ({ kind: engine === 'scratch' ? ('scratch' as const) : ('tfjs' as const), options: { fusedKernels: engine !== 'webgpu-ops' } });

/** A text engine kept after its training task, so the generation task that follows streams from it. */
interface HeldEngine {
  engine: SpeedEngine;
  key: string;
  textEngine: TextEngine;
}

export class SpeedRunner {
  private readonly deps: SpeedRunnerDeps;
  private readonly clock: () => number;
  private active: { id: number; controller: AbortController } | null = null;
  private held: HeldEngine | null = null;

  constructor(deps: SpeedRunnerDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? now;
  }

  async handle(request: SpeedRequest): Promise<void> {
    if (request.type === 'cancel') {
      if (this.active?.id === request.id) this.active.controller.abort();
      return;
    }
    if (this.active) {
      this.deps.post({ type: 'error', id: request.id, message: `run ${this.active.id} is still going: cancel it first` });
      return;
    }
    const controller = new AbortController();
    this.active = { id: request.id, controller };
    try {
      await this.run(request, controller.signal);
    } catch (err) {
      this.deps.post({ type: 'error', id: request.id, message: (err as Error).message || String(err) });
    } finally {
      this.release();
      this.active = null;
    }
  }

  /** Disposes the engine kept for generation, if any. */
  private release(): void {
    this.held?.textEngine.dispose();
    this.held = null;
  }

  private async run(request: RunRequest, signal: AbortSignal): Promise<void> {
    const { id, plan } = request;
    const post = this.deps.post;
    const t0 = this.clock();
    const report: SpeedReport = {
      userAgent: this.deps.userAgent ?? '',
      startedAt: new Date().toISOString(),
      budgetMs: plan.budgetMs,
      engineBudgetMs: plan.engineBudgetMs,
      engines: [],
      rows: [],
    };
    const total = plan.engines.length * plan.tasks.length;
    post({ type: 'started', id, total, userAgent: report.userAgent });

    const needsCorpus = plan.tasks.some((t) => t.kind !== 'classify' && t.kind !== 'heatmap');
    let corpus: BenchCorpus | undefined;
    if (needsCorpus) {
      corpus = tokenizeBenchCorpus(await this.loadCorpus(request.corpus));
      report.vocabSize = corpus.vocab.chars.length;
    }

    const costs = new CostModel();
    let done = 0;
    let lastProgress = -Infinity;
    const finish = (reason: 'finished' | 'cancelled') => {
      report.totalMs = this.clock() - t0;
      report.cancelled = reason === 'cancelled';
      post({ type: 'done', id, reason, report });
    };

    try {
      for (const engine of plan.engines) {
        if (signal.aborted) throw new CancelledError();
        const info = await this.setUpEngine(engine);
        report.engines.push(info);
        post({ type: 'engine', id, info });
        const engineStart = this.clock();
        for (const task of plan.tasks) {
          if (signal.aborted) throw new CancelledError();
          const progress = () => {
            const t = this.clock();
            if (t - lastProgress < PROGRESS_EVERY_MS) return;
            lastProgress = t;
            post({ type: 'progress', id, done, total, engine, task: task.label });
          };
          progress();
          const options: MeasureOptions = {
            budgetMs: plan.budgetMs,
            signal,
            clock: this.clock,
            yieldToEvents: this.deps.yieldToEvents,
            onBurst: progress,
          };
          const row = await this.measureRow(engine, info, task, options, corpus, costs, () => {
            if (plan.engineBudgetMs === undefined) return Infinity;
            return plan.engineBudgetMs - (this.clock() - engineStart);
          }, report.rows);
          report.rows.push(row);
          done++;
          post({ type: 'row', id, row });
        }
        this.release();
      }
    } catch (err) {
      if (err instanceof CancelledError) {
        finish('cancelled');
        return;
      }
      throw err;
    }
    finish('finished');
  }

  private async loadCorpus(source: CorpusSource | undefined): Promise<string> {
    if (!source) throw new Error('the plan has text tasks but no corpus was given');
    if ('text' in source) return source.text;
    if (!this.deps.fetchText) throw new Error('this runner cannot fetch a corpus URL');
    return this.deps.fetchText(source.url);
  }

  /** Activates the engine's backend and says what it is. */
  private async setUpEngine(engine: SpeedEngine): Promise<EngineInfo> {
    if (engine === 'scratch') return { engine, available: true, backend: 'scratch', software: false };
    const backend = engineBackend(engine);
    let report: BackendReport;
    try {
      report = await this.deps.selectBackend(backend);
    } catch (err) {
      return { engine, available: false, software: false, reason: (err as Error).message };
    }
    if (report.backend !== backend) {
      const attempt = report.tried.find((t) => t.backend === backend);
      return { engine, available: false, software: false, reason: attempt?.reason ?? `${backend} could not start` };
    }
    const renderer = report.tried.find((t) => t.backend === 'webgl' && t.ok)?.reason?.replace(/^renderer:\s*/, '');
    const adapter = backend === 'webgpu' ? report.adapter : undefined;
    const software =
      backend === 'webgpu'
        ? Boolean(adapter && isSoftwareAdapter(adapter))
        : backend === 'webgl'
          ? isSoftwareRenderer(renderer ?? '')
          : false;
    return { engine, available: true, backend: report.backend, adapter, software, renderer, tfjsVersion: report.tfjsVersion };
  }

  private async measureRow(
    engine: SpeedEngine,
    info: EngineInfo,
    task: SpeedTask,
    options: MeasureOptions,
    corpus: BenchCorpus | undefined,
    costs: CostModel,
    remainingMs: () => number,
    earlier: readonly SpeedRow[],
  ): Promise<SpeedRow> {
    const base = { task: task.id, kind: task.kind, label: task.label, engine, unit: taskUnit(task) };
    if (!info.available) return { ...base, status: 'skipped', reason: `${engine} is unavailable: ${info.reason ?? 'it could not start'}`, value: null };
    const unsupported = unsupportedReason(engine, task);
    if (unsupported) return { ...base, status: 'n/a', reason: unsupported, value: null };
    if (task.kind === 'text-generate' || task.kind === 'text-generate-device') {
      // Generation streams from the model its training task trained; if that training did not run here
      // (too slow for the time cap, or failed), neither does generation.
      const trainRow = earlier.find((r) => r.engine === engine && r.kind === 'text-train' && r.task === `train-${task.model.cell}-${task.model.hidden}`);
      if (trainRow && trainRow.status !== 'ok') return { ...base, status: 'skipped', reason: `needs the model trained by "${trainRow.label}", which did not run here`, value: null };
    }

    if (task.kind === 'baseline-generate') {
      // Its first prediction compiles kernels much like the training's warm-up did: use that as the estimate.
      const trainRow = earlier.find((r) => r.engine === engine && r.kind === 'baseline-train');
      if (trainRow && trainRow.status !== 'ok') return { ...base, status: 'skipped', reason: 'with the baseline\'s training (its first prediction compiles the same slow kernels)', value: null };
      const warmup = trainRow?.warmupMs ?? 0;
      if (warmup > remainingMs()) {
        return { ...base, status: 'skipped', reason: `to keep the run short: its first prediction may take about ${Math.ceil(warmup / 1000)} s, ${Math.max(0, Math.floor(remainingMs() / 1000))} s left for this engine`, value: null };
      }
    }

    const unit = corpus ? unitCost(task, corpus.vocab.chars.length) : null;
    const predicted = unit ? costs.predict(engine, unit) : null;
    // Warm-up (with shader compilation) plus one timed unit is the least a measurement costs.
    if (predicted !== null && predicted.minimumMs > remainingMs()) {
      const share = remainingMs();
      return {
        ...base,
        status: 'skipped',
        reason: `to keep the run short: about ${Math.ceil(predicted.minimumMs / 1000)} s needed (warm-up + one step), ${Math.max(0, Math.floor(share / 1000))} s left for this engine`,
        value: null,
      };
    }
    try {
      const outcome = await this.measure(engine, task, options, corpus);
      if (unit && outcome.units && outcome.ms) costs.observe(engine, unit, outcome.ms / outcome.units, outcome.warmupMs);
      return { ...base, status: 'ok', ...outcome };
    } catch (err) {
      if (err instanceof CancelledError) throw err;
      if (err instanceof SkipTask) return { ...base, status: 'skipped', reason: err.message, value: null };
      return { ...base, status: 'failed', reason: (err as Error).message || String(err), value: null };
    }
  }

  /**
   * The engine the previous training task left for this model, or a fresh one trained for one step — so
   * the weights live where training put them (on the GPU for GPU backends) and the first character pays
   * for copying them off, as it does in the Text lab. The caller disposes it.
   */
  private async trainedEngine(engine: SpeedEngine, model: TextTaskModel, corpus: BenchCorpus): Promise<TextEngine> {
    const held = this.held;
    if (held && held.engine === engine && held.key === modelKey(model)) {
      this.held = null;
      return held.textEngine;
    }
    this.release();
    const { kind, options } = textEngineOf(engine);
    const fresh = await createTaskEngine(kind, model, trainSpec(32, 4), corpus, options);
    try {
      await fresh.train(1);
      await flush(fresh);
    } catch (err) {
      fresh.dispose();
      throw err;
    }
    return fresh;
  }

  private async measure(engine: SpeedEngine, task: SpeedTask, options: MeasureOptions, corpus: BenchCorpus | undefined): Promise<Outcome> {
    switch (task.kind) {
      case 'classify': {
        if (engine === 'scratch') {
          const r = await measureScratchClassify(task.hidden, options);
          return { value: r.perSecond, units: r.units, ms: r.ms, warmupMs: r.warmupMs };
        }
        const start = liveTensors();
        const r = await measureTfjsClassify(task.hidden, options);
        return { value: r.perSecond, units: r.units, ms: r.ms, warmupMs: r.warmupMs, tensorsStart: start, tensorsEnd: liveTensors() };
      }
      case 'heatmap': {
        const r = await measureHeatmap(task.hidden, task.resolution, options);
        return { value: r.msPerFrame, units: r.frames, ms: r.msPerFrame * r.frames };
      }
      case 'text-train': {
        const c = requireCorpus(corpus);
        const train = trainSpec(task.seqLength, task.batchSize);
        const { kind, options: engineOptions } = textEngineOf(engine);
        const textEngine = await createTaskEngine(kind, task.model, train, c, engineOptions);
        const dispatchCount = isWebGpuEngine(engine) ? this.deps.dispatchCount : undefined;
        let keep = false;
        try {
          const r = await measureTextTraining(textEngine, task.seqLength * task.batchSize, { ...options, dispatchCount });
          this.release();
          this.held = { engine, key: modelKey(task.model), textEngine };
          keep = true;
          return {
            value: r.charsPerSecond,
            units: r.steps,
            ms: r.ms,
            warmupMs: r.warmupMs,
            loss: r.loss,
            ...(engine === 'scratch' ? {} : { tensorsStart: r.tensorsAfterWarmup, tensorsEnd: r.tensorsAfter }),
            heapBytes: r.heapBytes,
            ...(r.dispatchesPerStep !== undefined ? { dispatchesPerStep: r.dispatchesPerStep } : {}),
          };
        } finally {
          if (!keep) textEngine.dispose();
        }
      }
      case 'text-generate': {
        const c = requireCorpus(corpus);
        const textEngine = await this.trainedEngine(engine, task.model, c);
        try {
          const r = await measureGeneration(textEngine, benchPrime(c), { ...options, maxChars: task.maxChars });
          return {
            value: r.charsPerSecond,
            units: r.chars,
            ms: r.ms,
            firstCharMs: r.firstCharMs,
            syncMs: r.syncMs,
            ...(engine === 'scratch' ? {} : { tensorsStart: r.tensorsBefore, tensorsEnd: r.tensorsAfter }),
          };
        } finally {
          textEngine.dispose();
        }
      }
      case 'text-generate-device': {
        const c = requireCorpus(corpus);
        const textEngine = await this.trainedEngine(engine, task.model, c);
        const sampler = textEngine instanceof TfjsTextEngine ? textEngine.deviceSampler() : null;
        try {
          if (!sampler) throw new Error('on-device generation needs a TensorFlow.js engine');
          const r = await measureDeviceGeneration(sampler, benchPrime(c), { ...options, maxChars: task.maxChars });
          return { value: r.charsPerSecond, units: r.chars, ms: r.ms, firstCharMs: r.firstCharMs, tensorsStart: r.tensorsBefore, tensorsEnd: r.tensorsAfter };
        } finally {
          sampler?.dispose();
          textEngine.dispose();
        }
      }
      case 'baseline-train': {
        const c = requireCorpus(corpus);
        const r = await measureBaselineTraining(c.vocab.chars.length, task.hidden, c.tokens, options);
        return { value: r.charsPerSecond, units: r.fits, ms: r.ms, warmupMs: r.warmupMs, loss: r.loss, note: '1 unit = model.fit on 128 examples' };
      }
      case 'baseline-generate': {
        const c = requireCorpus(corpus);
        const r = await measureBaselineGeneration(c.vocab.chars.length, task.hidden, benchPrime(c), { ...options, maxChars: task.maxChars });
        return {
          value: r.charsPerSecond,
          units: r.chars,
          ms: r.ms,
          firstCharMs: r.firstCharMs,
          tensorsStart: r.tensorsBefore,
          tensorsEnd: r.tensorsAfter,
        };
      }
    }
  }
}

/** Waits for the steps a TensorFlow.js engine has queued (its loss read-back); the scratch engine queues none. */
async function flush(engine: TextEngine): Promise<void> {
  const flushable = engine as TextEngine & { flushLoss?: () => Promise<number | undefined> };
  if (flushable.flushLoss) await flushable.flushLoss();
}

function requireCorpus(corpus: BenchCorpus | undefined): BenchCorpus {
  if (!corpus) throw new SkipTask('no corpus');
  return corpus;
}

/** PRIME as tokens (core/text/prime.ts: missing characters dropped; never empty). */
function benchPrime(corpus: BenchCorpus): Int32Array {
  return primeTokens(PRIME, corpus.vocab, { corpus: corpus.tokens });
}

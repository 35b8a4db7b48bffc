// Worker-side logic of the Classify lab, kept free of worker globals so Node tests can drive it: it owns
// the runs, trains the running ones in short bursts (yielding between bursts so pause and new data are
// handled at once), records the loss history and posts snapshots at most ~30 times a second per run.
// Each request is answered once (classifyProtocol.ts): `ok` or `error` when applied, `done` when a play ends.
import { cloneParams, tutorialInit } from '../core/mlp/params';
import { createRng } from '../core/rng';
import type { MlpParams } from '../core/mlp/types';
import { createEngine, type RunEngine } from './classifyEngines';
import type { ClassifyEvent, ClassifyRequest, HistoryRow, LabelledData, PlayEnd, RunSetup } from './classifyProtocol';

const SNAPSHOT_INTERVAL_MS = 33;
/** Time slice for all running runs together before yielding to the message queue. */
const BURST_MS = 12;

/**
 * Iterations between history rows. Every iteration early on, so the tutorial's chaotic phase (~1200–2000)
 * and its period-2 oscillation are drawn as they are; later an ODD stride, so an oscillation between even
 * and odd iterations still shows as a band instead of being sampled on one phase only.
 */
export function historyStride(iteration: number): number {
  if (iteration < 5000) return 1;
  if (iteration < 50_000) return 11;
  return 101;
}

interface Run {
  id: string;
  setup: RunSetup;
  engine: RunEngine;
  running: boolean;
  /** The `play` request training this run (answered when it stops); null while paused. */
  play: number | null;
  untilIteration: number;
  /** Rate limit (updates per second) and where it was counted from. */
  rate: number;
  rateStart: { time: number; iteration: number };
  nextRecord: number;
  pendingHistory: HistoryRow[];
  lastGood: MlpParams;
  lastSnapshotAt: number;
}

const EMPTY: LabelledData = { X: new Float64Array(0), y: new Int32Array(0) };

export class ClassifyRunner {
  private readonly runs = new Map<string, Run>();
  private train = EMPTY;
  private test = EMPTY;
  private looping = false;
  /** Serialises requests so a 'setup' finishes before the 'play' that follows it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: (event: ClassifyEvent) => void,
    private readonly yieldToEvents: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(req: ClassifyRequest): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        await this.apply(req);
        // A play is answered when it ends (see halt); a cancel is never answered.
        if (req.type !== 'play' && req.type !== 'cancel') this.post({ type: 'ok', id: req.id });
      })
      .catch((err: unknown) => {
        const run = 'run' in req ? req.run : '*';
        const id = req.type === 'cancel' ? undefined : req.id;
        this.post({ type: 'error', id, run, message: err instanceof Error ? err.message : String(err) });
      });
    return this.queue;
  }

  /** Stops a run's training and answers the play request that started it. */
  private halt(run: Run, reason: PlayEnd): void {
    run.running = false;
    if (run.play === null) return;
    this.post({ type: 'done', id: run.play, run: run.id, reason, iteration: run.engine.iteration });
    run.play = null;
  }

  private async apply(req: ClassifyRequest): Promise<void> {
    switch (req.type) {
      case 'setData': {
        this.train = req.train;
        this.test = req.test;
        for (const run of this.runs.values()) {
          await run.engine.setData(this.train, this.test);
          await this.snapshot(run, true);
        }
        return;
      }
      case 'setup':
        return this.setup(req.run, req.setup, req.params, req.iteration);
      case 'settings': {
        const run = this.get(req.run);
        run.engine.setSettings(req.settings);
        run.setup = { ...run.setup, settings: req.settings };
        return;
      }
      case 'play': {
        const run = this.get(req.run);
        if (run.play !== null) this.halt(run, 'superseded');
        run.running = true;
        run.play = req.id;
        run.untilIteration = req.untilIteration ?? Infinity;
        run.rate = req.rate !== undefined && req.rate > 0 ? req.rate : Infinity;
        run.rateStart = { time: this.now(), iteration: run.engine.iteration };
        void this.loop();
        return;
      }
      case 'pause': {
        const run = this.runs.get(req.run);
        if (run && run.running) {
          this.halt(run, 'paused');
          await this.snapshot(run, true);
        }
        return;
      }
      case 'cancel': {
        const run = [...this.runs.values()].find((r) => r.play === req.id);
        if (run) {
          this.halt(run, 'cancelled');
          await this.snapshot(run, true);
        }
        return;
      }
      case 'step': {
        const run = this.get(req.run);
        this.halt(run, 'paused');
        await this.advance(run, Math.max(1, Math.floor(req.count)));
        await this.snapshot(run, true);
        return;
      }
      case 'dispose': {
        const run = this.runs.get(req.run);
        if (run) {
          this.halt(run, 'disposed');
          run.engine.dispose();
          this.runs.delete(req.run);
        }
        return;
      }
    }
  }

  private get(id: string): Run {
    const run = this.runs.get(id);
    if (!run) throw new Error(`no run named ${id}`);
    return run;
  }

  private async setup(id: string, setup: RunSetup, params?: MlpParams, iteration?: number): Promise<void> {
    const old = this.runs.get(id);
    if (old) {
      this.halt(old, 'disposed');
      old.engine.dispose();
      this.runs.delete(id);
    }
    const init = params ?? tutorialInit(setup.hidden, setup.classes, createRng(setup.seed));
    const { engine, note } = await createEngine(setup.engine, init, setup.activation, setup.settings);
    if (params && iteration !== undefined && Number.isInteger(iteration) && iteration > 0) engine.startAt(iteration);
    await engine.setData(this.train, this.test);
    const run: Run = {
      id,
      setup,
      engine,
      running: false,
      play: null,
      untilIteration: Infinity,
      rate: Infinity,
      rateStart: { time: 0, iteration: 0 },
      nextRecord: 0,
      pendingHistory: [],
      lastGood: cloneParams(init),
      lastSnapshotAt: -Infinity,
    };
    this.runs.set(id, run);
    this.post({ type: 'engine', run: id, engine: setup.engine, backend: engine.backend, note });
    await this.record(run);
    await this.snapshot(run, true);
  }

  /** Trains every running run in turns of one short burst until none is running. */
  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      for (;;) {
        const active = [...this.runs.values()].filter((r) => r.running);
        if (active.length === 0) break;
        const budget = BURST_MS / active.length;
        let advanced = false;
        for (const run of active) {
          const deadline = this.now() + budget;
          while (run.running && this.now() < deadline) {
            const remaining = run.untilIteration - run.engine.iteration;
            if (remaining <= 0) {
              this.halt(run, 'finished');
              break;
            }
            const allowed = this.allowedByRate(run);
            if (allowed <= 0) break;
            await this.advance(run, Math.min(remaining, allowed, this.burstSize(run)));
            advanced = true;
          }
          await this.snapshot(run, !run.running);
        }
        // Rate-limited runs that are ahead of schedule: sleep instead of spinning.
        if (advanced) await this.yieldToEvents();
        else await new Promise((r) => setTimeout(r, 8));
      }
    } catch (err) {
      for (const run of this.runs.values()) this.halt(run, 'error');
      this.post({ type: 'error', run: '*', message: err instanceof Error ? err.message : String(err) });
    } finally {
      this.looping = false;
    }
  }

  /** Updates the rate limit allows now (Infinity without a limit). */
  private allowedByRate(run: Run): number {
    if (!Number.isFinite(run.rate)) return Infinity;
    const due = run.rateStart.iteration + Math.floor(((this.now() - run.rateStart.time) * run.rate) / 1000);
    return due - run.engine.iteration;
  }

  /** Updates per engine call: up to the next history row (the scratch engine is fast, tfjs pays per call). */
  private burstSize(run: Run): number {
    return Math.max(1, run.nextRecord - run.engine.iteration);
  }

  /** `count` updates, recording history rows at the stride and checking for divergence at each. */
  private async advance(run: Run, count: number): Promise<void> {
    const target = run.engine.iteration + count;
    while (run.engine.iteration < target) {
      const chunk = Math.min(target, run.nextRecord) - run.engine.iteration;
      if (chunk > 0) await run.engine.train(chunk);
      if (run.engine.iteration >= run.nextRecord) {
        const finite = await this.record(run);
        if (!finite) {
          await this.rollBack(run);
          return;
        }
      }
    }
  }

  /** Appends a history row; false when the loss is no longer finite. */
  private async record(run: Run): Promise<boolean> {
    const m = await run.engine.metrics();
    const iteration = run.engine.iteration;
    run.nextRecord = iteration + Math.max(historyStride(iteration), run.engine.minRecordStride ?? 1);
    if (!Number.isFinite(m.trainLoss)) return false;
    run.pendingHistory.push({ iteration, ...m });
    run.lastGood = await run.engine.params();
    return true;
  }

  private async rollBack(run: Run): Promise<void> {
    const iteration = run.engine.iteration;
    run.running = false;
    await run.engine.setParams(run.lastGood);
    this.post({ type: 'diverged', run: run.id, iteration });
    this.halt(run, 'diverged');
    await this.snapshot(run, true);
  }

  private async snapshot(run: Run, force: boolean): Promise<void> {
    const t = this.now();
    if (!force && t - run.lastSnapshotAt < SNAPSHOT_INTERVAL_MS) return;
    run.lastSnapshotAt = t;
    const metrics = await run.engine.metrics();
    const history = run.pendingHistory;
    run.pendingHistory = [];
    this.post({
      type: 'snapshot',
      run: run.id,
      iteration: run.engine.iteration,
      params: await run.engine.params(),
      metrics,
      history,
      running: run.running,
    });
  }
}

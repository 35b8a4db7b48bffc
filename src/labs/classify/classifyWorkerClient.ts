// The page's side of the Classify worker protocol (src/workers/classifyProtocol.ts), on the generic
// WorkerClient: one typed method per request, each returning its id and a promise of its reply (`ok`, or
// `done` with the reason for a play; an `error` reply rejects with ClassifyRequestError). Events about runs
// (snapshot, engine, diverged, loop errors) go to one listener. A play is cancelled with cancel(id) or its
// AbortSignal: its run pauses.
import type { MlpParams, TrainSettings } from '../../core/mlp/types';
import type { ClassifyEvent, ClassifyRequest, LabelledData, RunSetup } from '../../workers/classifyProtocol';
import { WorkerClient, type PendingRequest, type WorkerLike, type WorkerProtocol } from '../../workers/workerClient';

export type OkReply = Extract<ClassifyEvent, { type: 'ok' }>;
export type PlayDone = Extract<ClassifyEvent, { type: 'done' }>;
/** Events that describe runs rather than answer requests. */
export type RunEvent = Extract<ClassifyEvent, { type: 'snapshot' | 'engine' | 'diverged' | 'error' }>;

/** The worker answered a request with `error`. */
export class ClassifyRequestError extends Error {
  /** The run the request concerned ('*' for data). */
  readonly run: string;
  constructor(run: string, message: string) {
    super(message);
    this.name = 'ClassifyRequestError';
    this.run = run;
  }
}

/** Replies carry the request's id; run events (and an id-less error) carry none. */
export const CLASSIFY_PROTOCOL: WorkerProtocol<ClassifyRequest, ClassifyEvent> = {
  requestOf: (event) => (event.type === 'ok' || event.type === 'done' || event.type === 'error' ? event.id : undefined),
  isTerminal: () => true,
  failureOf: (event) => (event.type === 'error' ? new ClassifyRequestError(event.run, event.message) : null),
  cancelMessage: (id) => ({ type: 'cancel', id }),
};

export interface ClassifyClientOptions {
  /** Snapshots, engine reports, divergences and training-loop errors. */
  onRunEvent: (event: RunEvent) => void;
  /** The worker crashed; `detail` is its error message ('' when it gave none). */
  onCrash: (detail: string) => void;
}

export interface PlayOptions {
  /** Stop (paused, reply 'finished') once the run reaches this update count. */
  untilIteration?: number;
  /** Updates per second; absent or 0: as fast as the engine goes. */
  rate?: number;
  signal?: AbortSignal;
}

export class ClassifyWorkerClient {
  private readonly client: WorkerClient<ClassifyRequest, ClassifyEvent>;

  constructor(worker: WorkerLike, options: ClassifyClientOptions) {
    this.client = new WorkerClient(worker, CLASSIFY_PROTOCOL, {
      onEvent: (event) => {
        // Late replies of requests nobody waits for any more are dropped.
        if (event.type === 'ok' || event.type === 'done' || (event.type === 'error' && event.id !== undefined)) return;
        options.onRunEvent(event);
      },
      onCrash: options.onCrash,
    });
  }

  get alive(): boolean {
    return this.client.alive;
  }

  /** Replaces every run's data. */
  setData(train: LabelledData, test: LabelledData): PendingRequest<OkReply> {
    return this.client.request<OkReply>({ type: 'setData', train, test });
  }

  /** (Re)creates `run`, paused: fresh weights from `setup`, or `resume`'s weights at its update count. */
  setup(run: string, setup: RunSetup, resume?: { params: MlpParams; iteration: number }): PendingRequest<OkReply> {
    return this.client.request<OkReply>({ type: 'setup', run, setup, ...resume });
  }

  /** New training settings for `run`; its weights stay. */
  settings(run: string, settings: TrainSettings): PendingRequest<OkReply> {
    return this.client.request<OkReply>({ type: 'settings', run, settings });
  }

  /** Trains `run`; the reply comes when this training ends. */
  play(run: string, options: PlayOptions = {}): PendingRequest<PlayDone> {
    const { untilIteration, rate, signal } = options;
    return this.client.request<PlayDone>({ type: 'play', run, untilIteration, rate }, { signal });
  }

  pause(run: string): PendingRequest<OkReply> {
    return this.client.request<OkReply>({ type: 'pause', run });
  }

  /** Exactly `count` updates of `run` (paused afterwards). */
  step(run: string, count: number): PendingRequest<OkReply> {
    return this.client.request<OkReply>({ type: 'step', run, count });
  }

  dispose(run: string): PendingRequest<OkReply> {
    return this.client.request<OkReply>({ type: 'dispose', run });
  }

  /** Stops play request `id` (its run pauses; the play ends with done 'cancelled'). */
  cancel(id: number): void {
    this.client.cancel(id);
  }

  terminate(): void {
    this.client.terminate();
  }
}

/**
 * Spawns a real Classify worker. One worker trains any number of runs: the lab's network has one, and the
 * gallery's seven networks share another, taking turns in short bursts.
 */
export function spawnClassifyWorker(options: ClassifyClientOptions): ClassifyWorkerClient {
  const worker = new Worker(new URL('../../workers/classify.worker.ts', import.meta.url), { type: 'module', name: 'classify-training' });
  return new ClassifyWorkerClient(worker, options);
}

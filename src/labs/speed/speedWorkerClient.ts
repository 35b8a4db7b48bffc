// The page's side of the Speed worker protocol (src/workers/speedProtocol.ts), on the generic WorkerClient:
// `run` starts a race and resolves with its `done` event (finished, or cancelled with the rows so far);
// `started`, `engine`, `progress` and `row` events stream to the run's listener; an `error` event rejects
// with SpeedRunError. Cancelling (cancel(id) or the run's AbortSignal) asks the worker to stop between
// measurement bursts.
import type { DoneEvent, SpeedEvent, SpeedPlan, SpeedRequest, CorpusSource } from '../../workers/speedProtocol';
import { WorkerClient, type PendingRequest, type WorkerLike, type WorkerProtocol } from '../../workers/workerClient';

/** The worker could not run the race (e.g. the corpus could not be fetched, or a race is still going). */
export class SpeedRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpeedRunError';
  }
}

/** Every Speed event names its run; `done` and `error` end it. */
export const SPEED_PROTOCOL: WorkerProtocol<SpeedRequest, SpeedEvent> = {
  requestOf: (event) => event.id,
  isTerminal: (event) => event.type === 'done' || event.type === 'error',
  failureOf: (event) => (event.type === 'error' ? new SpeedRunError(event.message) : null),
  cancelMessage: (id) => ({ type: 'cancel', id }),
};

/** The events of a run before its end. */
export type SpeedProgressEvent = Exclude<SpeedEvent, { type: 'done' | 'error' }>;

export interface SpeedRunOptions {
  onEvent?: (event: SpeedProgressEvent) => void;
  signal?: AbortSignal;
}

export class SpeedWorkerClient {
  private readonly client: WorkerClient<SpeedRequest, SpeedEvent>;

  /** `onCrash` gets the worker's error message ('' when it gave none). */
  constructor(worker: WorkerLike, onCrash: (detail: string) => void) {
    this.client = new WorkerClient(worker, SPEED_PROTOCOL, { onCrash });
  }

  get alive(): boolean {
    return this.client.alive;
  }

  /** Races `plan`; `corpus` is needed only when the plan has text tasks. */
  run(plan: SpeedPlan, corpus: CorpusSource | undefined, options: SpeedRunOptions = {}): PendingRequest<DoneEvent> {
    const { onEvent, signal } = options;
    return this.client.request<DoneEvent>(
      { type: 'run', plan, corpus },
      { signal, onEvent: onEvent && ((event) => onEvent(event as SpeedProgressEvent)) },
    );
  }

  /** Asks the worker to stop run `id`; it then resolves with done 'cancelled'. */
  cancel(id: number): void {
    this.client.cancel(id);
  }

  terminate(): void {
    this.client.terminate();
  }
}

/** Spawns the real Speed worker. */
export function spawnSpeedWorker(onCrash: (detail: string) => void): SpeedWorkerClient {
  const worker = new Worker(new URL('../../workers/speed.worker.ts', import.meta.url), { type: 'module', name: 'speed-race' });
  return new SpeedWorkerClient(worker, onCrash);
}

// The page's side of the Text worker protocol (src/workers/textProtocol.ts): numbers requests, routes each
// reply to the promise of the request it answers, streams `chunk` events to the request's listener, and hands
// unsolicited events (state, progress, sample, errors during training) to one listener. A crash of the
// worker (onerror / messageerror) rejects everything pending and is reported once.
import {
  isTerminal,
  type AutoChosenEvent,
  transferablesOf,
  type BuiltEvent,
  type ChunkEvent,
  type CorpusEvent,
  type DoneEvent,
  type ExportedEvent,
  type ImportedEvent,
  type InspectedEvent,
  type OkEvent,
  type RaceProgressEvent,
  type RaceResultEvent,
  type TimeGradientsEvent,
  type ReadyEvent,
  type ScoresEvent,
  type TextErrorCode,
  type TextEvent,
  type TextRequest,
} from '../../../workers/textProtocol';

/** The terminal reply each request type gets on success (non-terminal events with an id other than `chunk`
 *  and `race-progress`, such as `auto-progress`, go to the unsolicited listener). */
export interface ReplyMap {
  init: ReadyEvent;
  'set-corpus': CorpusEvent;
  build: BuiltEvent;
  train: DoneEvent;
  resume: DoneEvent;
  pause: OkEvent;
  stop: OkEvent;
  reset: OkEvent;
  'set-lr': OkEvent;
  'set-options': OkEvent;
  generate: DoneEvent;
  score: ScoresEvent | DoneEvent;
  export: ExportedEvent;
  import: ImportedEvent;
  debug: OkEvent;
  inspect: InspectedEvent;
  'time-gradients': TimeGradientsEvent;
  race: RaceResultEvent | DoneEvent;
  'auto-backend': AutoChosenEvent | DoneEvent;
}

export type RequestType = keyof ReplyMap;
/** A request as the caller writes it: the client adds the id. */
export type RequestBody<K extends RequestType> = Omit<Extract<TextRequest, { type: K }>, 'id'>;

/** The worker answered a request with `error`, or the worker died while the request was pending. */
export class TextWorkerError extends Error {
  readonly code: TextErrorCode | 'crashed';
  constructor(code: TextErrorCode | 'crashed', message: string) {
    super(message);
    this.name = 'TextWorkerError';
    this.code = code;
  }
}

/** What the client needs of a Worker (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface PendingRequest<K extends RequestType> {
  id: number;
  reply: Promise<ReplyMap[K]>;
}

interface Pending {
  resolve: (event: TextEvent) => void;
  reject: (error: Error) => void;
  onChunk?: (event: ChunkEvent) => void;
  onRace?: (event: RaceProgressEvent) => void;
}

export interface TextWorkerClientOptions {
  /** State, progress, sample and id-less error events. */
  onEvent: (event: TextEvent) => void;
  /** The worker crashed (uncaught error, unreadable message). Called once; the client is dead afterwards. */
  onCrash: (message: string) => void;
}

export class TextWorkerClient {
  private readonly worker: WorkerLike;
  private readonly options: TextWorkerClientOptions;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead = false;

  constructor(worker: WorkerLike, options: TextWorkerClientOptions) {
    this.worker = worker;
    this.options = options;
    worker.onmessage = (e) => this.receive(e.data as TextEvent);
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.crash(e.message ? `The training worker crashed: ${e.message}` : 'The training worker crashed.');
    };
    worker.onmessageerror = () => this.crash('The training worker sent a message the page could not read.');
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Sends a request; `reply` settles with its terminal event (rejects with TextWorkerError on `error`). */
  request<K extends RequestType>(body: RequestBody<K>, onChunk?: (event: ChunkEvent) => void, onRace?: (event: RaceProgressEvent) => void): PendingRequest<K> {
    const id = this.nextId++;
    const reply = new Promise<ReplyMap[K]>((resolve, reject) => {
      if (this.dead) {
        reject(new TextWorkerError('crashed', 'The training worker is not running.'));
        return;
      }
      // The worker replies to a request of type K with ReplyMap[K] (or an error, which rejects).
      this.pending.set(id, { resolve: resolve as (event: TextEvent) => void, reject, onChunk, onRace });
      const message = { ...body, id } as TextRequest;
      this.worker.postMessage(message, transferablesOf(message));
    });
    return { id, reply };
  }

  /** Asks the worker to stop request `id` at its next check; its reply then arrives as done 'cancelled'. */
  cancel(id: number): void {
    if (this.dead || !this.pending.has(id)) return;
    const message: TextRequest = { type: 'cancel', id };
    this.worker.postMessage(message, []);
  }

  /** Stops the worker; pending requests reject. */
  terminate(): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    this.rejectAll('The training worker was stopped.');
  }

  private receive(event: TextEvent): void {
    if (this.dead) return;
    if (event.type === 'chunk') {
      this.pending.get(event.id)?.onChunk?.(event);
      return;
    }
    if (event.type === 'race-progress') {
      this.pending.get(event.id)?.onRace?.(event);
      return;
    }
    if (isTerminal(event)) {
      const pending = this.pending.get(event.id);
      if (!pending) return;
      this.pending.delete(event.id);
      if (event.type === 'error') pending.reject(new TextWorkerError(event.code, event.message));
      else pending.resolve(event);
      return;
    }
    this.options.onEvent(event);
  }

  private crash(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    this.rejectAll(message);
    this.options.onCrash(message);
  }

  private rejectAll(message: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new TextWorkerError('crashed', message));
  }
}

/** Spawns the real training worker. */
export function spawnTextWorker(options: TextWorkerClientOptions): TextWorkerClient {
  const worker = new Worker(new URL('../../../workers/text.worker.ts', import.meta.url), { type: 'module', name: 'text-training' });
  return new TextWorkerClient(worker, options);
}

// The page's side of a request/reply worker protocol, whatever the protocol: numbers requests, routes each
// event that names a request to that request (intermediate events to its listener, the terminal one settles
// its promise), hands events that name no request to one listener, and cancels a request on demand or when
// its AbortSignal fires. A crash of the worker (onerror / messageerror) terminates it, rejects everything
// pending and is reported once. Used by the Classify and Speed clients (src/labs/*/…WorkerClient.ts).
//
// The protocol supplies the rules (`WorkerProtocol`): which request an event belongs to, whether it ends it,
// whether it is a failure, and how to ask the worker to cancel. Requests are structured-clone data with an
// `id` the client fills in.

/** What a client needs of a Worker (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** The client's own failures: the worker crashed, or was stopped, while the request was pending. */
export class WorkerClientError extends Error {
  readonly code: 'crashed' | 'stopped';
  constructor(code: 'crashed' | 'stopped', message: string) {
    super(message);
    this.name = 'WorkerClientError';
    this.code = code;
  }
}

/** Omit over each member of a union (a request as the caller writes it, without the id). */
export type RequestBody<Req> = Req extends unknown ? Omit<Req, 'id'> : never;

/** How one protocol's events relate to its requests. */
export interface WorkerProtocol<Req extends { id: number }, Ev> {
  /** The request an event belongs to, or undefined for an event that names none. */
  requestOf(event: Ev): number | undefined;
  /** True for the one event that ends its request. */
  isTerminal(event: Ev): boolean;
  /** The error a terminal event reports, or null when it is a success. */
  failureOf(event: Ev): Error | null;
  /** The message that asks the worker to stop request `id`. */
  cancelMessage(id: number): Req | { type: 'cancel'; id: number };
}

export interface WorkerClientOptions<Ev> {
  /** Events that name no request (or a request this client no longer waits for). */
  onEvent?: (event: Ev) => void;
  /**
   * The worker crashed. `detail` is the worker's error message ('' when it gave none); called once, the
   * client is dead afterwards.
   */
  onCrash: (detail: string) => void;
}

export interface RequestOptions<Ev> {
  /** Intermediate events of this request (progress, rows, …). */
  onEvent?: (event: Ev) => void;
  /** Aborting it cancels the request (the worker then ends it the way its protocol says). */
  signal?: AbortSignal;
}

export interface PendingRequest<R> {
  id: number;
  reply: Promise<R>;
}

interface Pending<Ev> {
  resolve: (event: Ev) => void;
  reject: (error: Error) => void;
  onEvent?: (event: Ev) => void;
  unlisten?: () => void;
}

export class WorkerClient<Req extends { id: number }, Ev> {
  private readonly pending = new Map<number, Pending<Ev>>();
  private nextId = 1;
  private dead = false;

  constructor(
    private readonly worker: WorkerLike,
    private readonly protocol: WorkerProtocol<Req, Ev>,
    private readonly options: WorkerClientOptions<Ev>,
  ) {
    worker.onmessage = (e) => this.receive(e.data as Ev);
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.crash(e.message ?? '');
    };
    worker.onmessageerror = () => this.crash('a message from the worker could not be read');
  }

  get alive(): boolean {
    return !this.dead;
  }

  /**
   * Sends a request; `reply` settles with its terminal event, or rejects with the protocol's failure or a
   * WorkerClientError. The caller names the reply type R its protocol promises for this request.
   */
  request<R extends Ev>(body: RequestBody<Req>, options: RequestOptions<Ev> = {}, transfer: Transferable[] = []): PendingRequest<R> {
    const id = this.nextId++;
    const reply = new Promise<R>((resolve, reject) => {
      if (this.dead) {
        reject(new WorkerClientError('stopped', 'The worker is not running.'));
        return;
      }
      const { signal } = options;
      const entry: Pending<Ev> = { resolve: resolve as (event: Ev) => void, reject, onEvent: options.onEvent };
      if (signal) {
        const onAbort = () => this.cancel(id);
        signal.addEventListener('abort', onAbort, { once: true });
        entry.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      this.pending.set(id, entry);
      this.worker.postMessage({ ...body, id }, transfer);
      if (signal?.aborted) this.cancel(id);
    });
    return { id, reply };
  }

  /** Asks the worker to stop request `id`; a no-op once it has ended. */
  cancel(id: number): void {
    if (this.dead || !this.pending.has(id)) return;
    this.worker.postMessage(this.protocol.cancelMessage(id), []);
  }

  /** Stops the worker; pending requests reject with WorkerClientError 'stopped'. */
  terminate(): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    this.rejectAll(new WorkerClientError('stopped', 'The worker was stopped.'));
  }

  private receive(event: Ev): void {
    if (this.dead) return;
    const id = this.protocol.requestOf(event);
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (!pending || id === undefined) {
      this.options.onEvent?.(event);
      return;
    }
    if (!this.protocol.isTerminal(event)) {
      pending.onEvent?.(event);
      return;
    }
    this.pending.delete(id);
    pending.unlisten?.();
    const failure = this.protocol.failureOf(event);
    if (failure) pending.reject(failure);
    else pending.resolve(event);
  }

  private crash(detail: string): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    this.rejectAll(new WorkerClientError('crashed', detail ? `The worker crashed: ${detail}` : 'The worker crashed.'));
    this.options.onCrash(detail);
  }

  private rejectAll(error: WorkerClientError): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      p.unlisten?.();
      p.reject(error);
    }
  }
}

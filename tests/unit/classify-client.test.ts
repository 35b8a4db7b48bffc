// The Classify worker's page-side client, driven by a fake Worker: reply routing by id, run events, play
// cancellation (by id and by AbortSignal), refused requests, crashes.
import { describe, expect, it } from 'vitest';
import { TUTORIAL_SETTINGS } from '../../src/core/mlp/types';
import { ClassifyRequestError, ClassifyWorkerClient, type RunEvent } from '../../src/labs/classify/classifyWorkerClient';
import type { ClassifyEvent, ClassifyRequest, RunSetup } from '../../src/workers/classifyProtocol';
import { WorkerClientError } from '../../src/workers/workerClient';
import { FakeWorker } from './fakeWorker';

const SETUP: RunSetup = { engine: 'scratch', hidden: 3, classes: 2, activation: 'tanh', settings: { ...TUTORIAL_SETTINGS }, seed: 0 };
const EMPTY = { X: new Float64Array(0), y: new Int32Array(0) };

function setup() {
  const worker = new FakeWorker<ClassifyRequest, ClassifyEvent>();
  const events: RunEvent[] = [];
  const crashes: string[] = [];
  const client = new ClassifyWorkerClient(worker, { onRunEvent: (e) => events.push(e), onCrash: (m) => crashes.push(m) });
  return { worker, events, crashes, client };
}

describe('ClassifyWorkerClient', () => {
  it('numbers requests and resolves each with its own reply, in any order', async () => {
    const { worker, client } = setup();
    const data = client.setData(EMPTY, EMPTY);
    const built = client.setup('main', SETUP, { params: { hidden: 0 } as never, iteration: 12 });
    const play = client.play('main', { rate: 30 });
    expect(worker.sent).toEqual([
      { type: 'setData', id: data.id, train: EMPTY, test: EMPTY },
      { type: 'setup', id: built.id, run: 'main', setup: SETUP, params: { hidden: 0 }, iteration: 12 },
      { type: 'play', id: play.id, run: 'main', rate: 30, untilIteration: undefined },
    ]);
    expect(new Set([data.id, built.id, play.id]).size).toBe(3);
    worker.emit({ type: 'ok', id: built.id });
    worker.emit({ type: 'ok', id: data.id });
    worker.emit({ type: 'done', id: play.id, run: 'main', reason: 'finished', iteration: 40 });
    await expect(built.reply).resolves.toEqual({ type: 'ok', id: built.id });
    await expect(data.reply).resolves.toEqual({ type: 'ok', id: data.id });
    await expect(play.reply).resolves.toMatchObject({ reason: 'finished', iteration: 40 });
  });

  it('hands run events to the listener and drops replies nobody waits for', () => {
    const { worker, events, client } = setup();
    const snapshot: ClassifyEvent = { type: 'snapshot', run: 'main', iteration: 3, params: {} as never, metrics: {} as never, history: [], running: true };
    worker.emit(snapshot);
    worker.emit({ type: 'diverged', run: 'main', iteration: 9 });
    worker.emit({ type: 'error', run: '*', message: 'loop failed' });
    worker.emit({ type: 'ok', id: 999 });
    worker.emit({ type: 'done', id: 998, run: 'main', reason: 'paused', iteration: 1 });
    expect(events).toEqual([snapshot, { type: 'diverged', run: 'main', iteration: 9 }, { type: 'error', run: '*', message: 'loop failed' }]);
    expect(client.alive).toBe(true);
  });

  it('cancels a play by id and by AbortSignal, and not once it has ended', async () => {
    const { worker, client } = setup();
    const a = client.play('main');
    client.cancel(a.id);
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: a.id });
    worker.emit({ type: 'done', id: a.id, run: 'main', reason: 'cancelled', iteration: 5 });
    await expect(a.reply).resolves.toMatchObject({ reason: 'cancelled' });
    client.cancel(a.id); // ended: nothing sent
    expect(worker.sent).toHaveLength(2);

    const controller = new AbortController();
    const b = client.play('h1', { untilIteration: 100, signal: controller.signal });
    controller.abort();
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: b.id });
    worker.emit({ type: 'done', id: b.id, run: 'h1', reason: 'cancelled', iteration: 7 });
    await expect(b.reply).resolves.toMatchObject({ run: 'h1', reason: 'cancelled' });

    // Already aborted: the cancel follows the request at once.
    const c = client.play('h2', { signal: AbortSignal.abort() });
    expect(worker.sent.slice(-2)).toEqual([
      { type: 'play', id: c.id, run: 'h2', untilIteration: undefined, rate: undefined },
      { type: 'cancel', id: c.id },
    ]);
  });

  it('rejects a refused request with the run and message', async () => {
    const { worker, events, client } = setup();
    const r = client.step('nope', 1);
    worker.emit({ type: 'error', id: r.id, run: 'nope', message: 'no run named nope' });
    const error = await r.reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifyRequestError);
    expect(error).toMatchObject({ run: 'nope', message: 'no run named nope' });
    expect(events).toEqual([]);
  });

  it('on a crash rejects everything pending, reports once with the worker’s message, and refuses new requests', async () => {
    const { worker, crashes, client } = setup();
    const play = client.play('main');
    const pause = client.pause('main');
    worker.crash('boom');
    worker.crash('again');
    await expect(play.reply).rejects.toBeInstanceOf(WorkerClientError);
    await expect(pause.reply).rejects.toMatchObject({ code: 'crashed' });
    expect(crashes).toEqual(['boom']);
    expect(worker.terminated).toBe(true);
    expect(client.alive).toBe(false);
    await expect(client.settings('main', SETUP.settings).reply).rejects.toMatchObject({ code: 'stopped' });
    worker.emit({ type: 'ok', id: play.id }); // a dead client ignores stragglers
  });

  it('an unreadable message is a crash too; terminate rejects pending requests as stopped', async () => {
    const a = setup();
    a.worker.onmessageerror?.({} as MessageEvent);
    expect(a.crashes).toHaveLength(1);

    const b = setup();
    const pending = b.client.dispose('main');
    b.client.terminate();
    await expect(pending.reply).rejects.toMatchObject({ code: 'stopped' });
    expect(b.worker.terminated).toBe(true);
    expect(b.crashes).toEqual([]);
  });
});

// The Speed worker's page-side client, driven by a fake Worker: a run's events stream to its listener, its
// done event resolves it, an error event rejects it, cancel (by id or AbortSignal), crashes.
import { describe, expect, it } from 'vitest';
import { SpeedRunError, SpeedWorkerClient, type SpeedProgressEvent } from '../../src/labs/speed/speedWorkerClient';
import type { SpeedEvent, SpeedPlan, SpeedReport, SpeedRequest } from '../../src/workers/speedProtocol';
import { WorkerClientError } from '../../src/workers/workerClient';
import { FakeWorker } from './fakeWorker';

const PLAN: SpeedPlan = { engines: ['scratch'], tasks: [], budgetMs: 10 };
const REPORT: SpeedReport = { userAgent: 'test', startedAt: '', budgetMs: 10, engines: [], rows: [] };

function setup() {
  const worker = new FakeWorker<SpeedRequest, SpeedEvent>();
  const crashes: string[] = [];
  const client = new SpeedWorkerClient(worker, (m) => crashes.push(m));
  return { worker, crashes, client };
}

describe('SpeedWorkerClient', () => {
  it('streams a run’s events to its listener and resolves with its done event', async () => {
    const { worker, client } = setup();
    const seen: SpeedProgressEvent[] = [];
    const run = client.run(PLAN, { text: 'abc' }, { onEvent: (e) => seen.push(e) });
    expect(worker.sent).toEqual([{ type: 'run', id: run.id, plan: PLAN, corpus: { text: 'abc' } }]);
    worker.emit({ type: 'started', id: run.id, total: 1, userAgent: 'test' });
    worker.emit({ type: 'progress', id: run.id + 100, done: 0, total: 1, engine: 'scratch', task: 'x' }); // another run's: dropped
    worker.emit({ type: 'progress', id: run.id, done: 0, total: 1, engine: 'scratch', task: 'x' });
    worker.emit({ type: 'done', id: run.id, reason: 'finished', report: REPORT });
    await expect(run.reply).resolves.toEqual({ type: 'done', id: run.id, reason: 'finished', report: REPORT });
    expect(seen.map((e) => e.type)).toEqual(['started', 'progress']);
    worker.emit({ type: 'row', id: run.id, row: {} as never }); // after the end: not delivered
    expect(seen).toHaveLength(2);
  });

  it('rejects with the worker’s error', async () => {
    const { worker, client } = setup();
    const run = client.run(PLAN, undefined);
    worker.emit({ type: 'error', id: run.id, message: 'could not fetch the corpus' });
    const error = await run.reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeedRunError);
    expect((error as Error).message).toBe('could not fetch the corpus');
  });

  it('cancels by id and by AbortSignal; the run then resolves as cancelled', async () => {
    const { worker, client } = setup();
    const a = client.run(PLAN, undefined);
    client.cancel(a.id);
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: a.id });
    worker.emit({ type: 'done', id: a.id, reason: 'cancelled', report: REPORT });
    await expect(a.reply).resolves.toMatchObject({ reason: 'cancelled' });
    client.cancel(a.id);
    expect(worker.sent).toHaveLength(2);

    const controller = new AbortController();
    const b = client.run(PLAN, undefined, { signal: controller.signal });
    controller.abort();
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: b.id });
  });

  it('on a crash rejects the run, reports the worker’s message once; terminate rejects as stopped', async () => {
    const { worker, crashes, client } = setup();
    const run = client.run(PLAN, undefined);
    worker.crash('');
    worker.crash('later');
    await expect(run.reply).rejects.toMatchObject({ code: 'crashed' });
    expect(crashes).toEqual(['']);
    expect(worker.terminated).toBe(true);

    const other = setup();
    const pending = other.client.run(PLAN, undefined);
    other.client.terminate();
    const error = await pending.reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerClientError);
    expect(error).toMatchObject({ code: 'stopped' });
    expect(other.client.alive).toBe(false);
  });
});

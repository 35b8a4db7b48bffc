// The page's worker client, driven by a fake Worker: reply routing, streaming, errors, cancel, crashes.
import { describe, expect, it } from 'vitest';
import { TextWorkerClient, TextWorkerError, type WorkerLike } from '../../src/labs/text/session/textWorkerClient';
import type { TextEvent, TextRequest } from '../../src/workers/textProtocol';

class FakeWorker implements WorkerLike {
  sent: { message: TextRequest; transfer: Transferable[] }[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown, transfer: Transferable[]) {
    this.sent.push({ message: message as TextRequest, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  emit(event: TextEvent) {
    this.onmessage?.({ data: event } as MessageEvent);
  }
}

function setup() {
  const worker = new FakeWorker();
  const events: TextEvent[] = [];
  const crashes: string[] = [];
  const client = new TextWorkerClient(worker, { onEvent: (e) => events.push(e), onCrash: (m) => crashes.push(m) });
  return { worker, events, crashes, client };
}

describe('TextWorkerClient', () => {
  it('numbers requests and resolves each with its own terminal reply', async () => {
    const { worker, client } = setup();
    const a = client.request<'pause'>({ type: 'pause' });
    const b = client.request<'stop'>({ type: 'stop' });
    expect(worker.sent.map((s) => s.message)).toEqual([
      { type: 'pause', id: a.id },
      { type: 'stop', id: b.id },
    ]);
    worker.emit({ type: 'ok', id: b.id });
    worker.emit({ type: 'ok', id: a.id });
    await expect(a.reply).resolves.toEqual({ type: 'ok', id: a.id });
    await expect(b.reply).resolves.toEqual({ type: 'ok', id: b.id });
  });

  it('streams chunks to the request, routes unsolicited events, and cancels', async () => {
    const { worker, events, client } = setup();
    const text: string[] = [];
    const g = client.request<'generate'>({ type: 'generate', prime: '', length: 5, temperature: 1 }, (c) => text.push(c.text));
    worker.emit({ type: 'chunk', id: g.id, text: 'ab' });
    worker.emit({ type: 'state', phase: 'training', step: 3 });
    worker.emit({ type: 'chunk', id: g.id, text: 'c' });
    client.cancel(g.id);
    expect(worker.sent[1].message).toEqual({ type: 'cancel', id: g.id });
    worker.emit({ type: 'done', id: g.id, reason: 'cancelled' });
    await expect(g.reply).resolves.toMatchObject({ reason: 'cancelled' });
    expect(text.join('')).toBe('abc');
    expect(events).toEqual([{ type: 'state', phase: 'training', step: 3 }]);
    client.cancel(g.id); // finished: no message
    expect(worker.sent).toHaveLength(2);
  });

  it('rejects with the error code, and passes id-less errors to the event listener', async () => {
    const { worker, events, client } = setup();
    const r = client.request<'build'>({ type: 'build', model: { cell: 'rnn', layers: 1, hidden: 16, input: 'onehot', embedding: 8, dropout: 0 }, train: { seqLength: 8, batchSize: 1, optimizer: 'sgd', learningRate: 0.1, clipNorm: 0, seed: 1 } });
    worker.emit({ type: 'error', id: r.id, code: 'no-corpus', message: 'set a corpus first' });
    await expect(r.reply).rejects.toMatchObject({ code: 'no-corpus', message: 'set a corpus first' });
    worker.emit({ type: 'error', code: 'diverged', message: 'NaN' });
    expect(events).toEqual([{ type: 'error', code: 'diverged', message: 'NaN' }]);
  });

  it('transfers the weights of an import', () => {
    const { worker, client } = setup();
    const weights = new ArrayBuffer(16);
    void client.request<'import'>({ type: 'import', bundle: { format: 'backprop-playground/text-model', version: 1, modelJson: '', weights, sidecar: {} as never } }).reply.catch(() => undefined);
    expect(worker.sent[0].transfer).toEqual([weights]);
  });

  it('on a crash rejects everything pending, reports once, and refuses new requests', async () => {
    const { worker, crashes, client } = setup();
    const t = client.request<'train'>({ type: 'train' });
    worker.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    worker.onerror?.({ message: 'again', preventDefault() {} } as ErrorEvent);
    await expect(t.reply).rejects.toBeInstanceOf(TextWorkerError);
    expect(crashes).toEqual(['The training worker crashed: boom']);
    expect(worker.terminated).toBe(true);
    expect(client.alive).toBe(false);
    await expect(client.request<'pause'>({ type: 'pause' }).reply).rejects.toMatchObject({ code: 'crashed' });
  });
});

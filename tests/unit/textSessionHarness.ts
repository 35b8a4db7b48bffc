// A Text worker session (TextWorkerSession) in Node on the CPU backend, with an event log and helpers to await
// replies: shared by the worker-session tests.
import { expect } from 'vitest';
import { DEFAULT_TRAIN_SPEC } from '../../src/core/text/defaults';
import { selectBackend } from '../../src/workers/backend';
import { isTerminal, type TextEvent, type TextModelSettings, type TextRequest } from '../../src/workers/textProtocol';
import { TextWorkerSession, type TextSessionOptions } from '../../src/workers/text/session';

export const TEST_TRAIN = { ...DEFAULT_TRAIN_SPEC, seqLength: 16, batchSize: 4, learningRate: 0.03 };

/** A session with an event log; `send` resolves with a request's terminal reply within `replyTimeoutMs`. */
export function harness(replyTimeoutMs = 15_000, options: TextSessionOptions = {}) {
  const events: TextEvent[] = [];
  const listeners: (() => void)[] = [];
  const session = new TextWorkerSession(
    (e) => {
      events.push(e);
      listeners.splice(0).forEach((l) => l());
    },
    { selectBackend: (choice, onLost, strict) => selectBackend(choice, { gpu: null, onDeviceLost: onLost, strict }), ...options },
  );
  let nextId = 1;
  const waitFor = async <E extends TextEvent>(pred: (e: TextEvent) => e is E, timeoutMs = 15000, from = 0): Promise<E> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = events.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`timed out; last events: ${JSON.stringify(events.slice(-5)).slice(0, 800)}`);
      await new Promise<void>((resolve) => {
        listeners.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  /** Sends a request and resolves with its terminal reply. */
  const send = async (body: Record<string, unknown> & { type: TextRequest['type'] }): Promise<TextEvent & { id: number }> => {
    const id = nextId++;
    const from = events.length;
    void session.handle({ ...body, id } as TextRequest);
    return waitFor((e): e is TextEvent & { id: number } => isTerminal(e) && e.id === id, replyTimeoutMs, from);
  };
  const start = (body: Record<string, unknown> & { type: TextRequest['type'] }) => {
    const id = nextId++;
    void session.handle({ ...body, id } as TextRequest);
    return id;
  };
  return { session, events, send, start, waitFor };
}

/** A session on `engine` with `corpus` applied and `model` built, and fast loop settings for tests. */
export async function readySession(corpus: string, model: TextModelSettings, engine: 'cpu' | 'scratch' = 'cpu', replyTimeoutMs?: number) {
  const h = harness(replyTimeoutMs);
  expect((await h.send({ type: 'init', engine })).type).toBe('ready');
  expect((await h.send({ type: 'set-corpus', text: corpus, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 })).type).toBe('corpus');
  const built = await h.send({ type: 'build', model, train: TEST_TRAIN });
  expect(built.type).toBe('built');
  await h.send({ type: 'set-options', options: { progressEveryMs: 0, evalEveryMs: 0, sampleEveryMs: 0, lossReadEvery: 2, stepsPerBurst: 2 } });
  return h;
}

/** A type guard for one event type. */
export const isType =
  <T extends TextEvent['type']>(type: T) =>
  (e: TextEvent): e is Extract<TextEvent, { type: T }> =>
    e.type === type;

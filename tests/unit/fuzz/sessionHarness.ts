// A Text worker session (TextWorkerSession) driven in Node on the CPU backend, awaiting each request's terminal
// reply: enough to check that a hostile request leaves the session as it was.
import { selectBackend } from '../../../src/workers/backend';
import type { TextEvent, TextRequest } from '../../../src/workers/textProtocol';
import { TextWorkerSession } from '../../../src/workers/text/session';

const TERMINAL = new Set(['ready', 'corpus', 'built', 'ok', 'done', 'scores', 'exported', 'imported', 'error']);

export type Reply = TextEvent & { id: number };

export function sessionHarness() {
  const events: TextEvent[] = [];
  let wake: (() => void) | undefined;
  const session = new TextWorkerSession(
    (e) => {
      events.push(e);
      wake?.();
    },
    { selectBackend: (choice, onLost) => selectBackend(choice, { gpu: null, onDeviceLost: onLost }) },
  );
  let nextId = 1;

  /** Sends a request and resolves with its terminal reply (rejects after `timeoutMs`: a hang is a failure). */
  async function send(body: Record<string, unknown> & { type: TextRequest['type'] }, timeoutMs = 20_000): Promise<Reply> {
    const id = nextId++;
    const from = events.length;
    void session.handle({ ...body, id } as TextRequest);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = events.slice(from).find((e): e is Reply => 'id' in e && e.id === id && TERMINAL.has(e.type));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`request ${body.type} got no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 25);
      });
    }
  }
  return { session, events, send };
}

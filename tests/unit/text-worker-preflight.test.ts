// The Text worker refuses before it allocates: a setting too large for the backend (build, reset, import) with
// 'too-large' and the verdict's plain words; a corpus that cannot train the page's window and batch with
// 'bad-corpus' (set-corpus), keeping the model and corpus it had; remarks come back as notes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_SPEC } from '../../src/core/text/defaults';
import { describeTextError, looksLikeLibraryText } from '../../src/workers/text/errorMessages';
import { selectBackend } from '../../src/workers/backend';
import { TextWorkerSession } from '../../src/workers/text/session';
import type { TextEvent, TextModelSettings, TextRequest } from '../../src/workers/textProtocol';

const CORPUS = 'the cat sat on the mat.\nthe dog sat on the log.\n'.repeat(40);
const SMALL: TextModelSettings = { cell: 'lstm', layers: 1, hidden: 16, input: 'onehot', embedding: 8, dropout: 0 };
const HUGE: TextModelSettings = { cell: 'gru', layers: 3, hidden: 1024, input: 'onehot', embedding: 8, dropout: 0 };
const TRAIN = { ...DEFAULT_TRAIN_SPEC, seqLength: 16, batchSize: 4 };

function harness() {
  const events: TextEvent[] = [];
  const session = new TextWorkerSession((e) => events.push(e), { selectBackend: (c, lost) => selectBackend(c, { gpu: null, onDeviceLost: lost }) });
  let id = 1;
  const send = async (body: Record<string, unknown> & { type: TextRequest['type'] }) => {
    const mine = id++;
    await session.handle({ ...body, id: mine } as TextRequest);
    for (let i = 0; i < 200; i++) {
      const hit = events.find((e) => 'id' in e && e.id === mine);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no reply to ${body.type}`);
  };
  return { send, events };
}

describe('worker preflight', () => {
  it('build refuses a setting past the backend limit and keeps the model it had', async () => {
    const h = harness();
    await h.send({ type: 'init', engine: 'cpu' });
    await h.send({ type: 'set-corpus', text: CORPUS, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 });
    expect((await h.send({ type: 'build', model: SMALL, train: TRAIN })).type).toBe('built');
    const refused = await h.send({ type: 'build', model: HUGE, train: { ...TRAIN, seqLength: 256, batchSize: 256 } });
    expect(refused).toMatchObject({ type: 'error', code: 'too-large' });
    const message = (refused as { message: string }).message;
    expect(message).toMatch(/needs about [\d.]+ GB/);
    expect(message).toMatch(/fits?\./);
    const shown = describeTextError('too-large', message);
    expect(shown.message).toBe(message);
    expect(looksLikeLibraryText(shown.message)).toBe(false);
    // The small model is still there: it trains.
    expect((await h.send({ type: 'train', maxSteps: 1 })).type).toBe('done');
  });

  it('set-corpus refuses a corpus shorter than the window, keeps the old one, and returns remarks', async () => {
    const h = harness();
    await h.send({ type: 'init', engine: 'cpu' });
    await h.send({ type: 'set-corpus', text: CORPUS, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 });
    const short = await h.send({ type: 'set-corpus', text: 'abc', vocab: { lowercase: false, minCount: 1 }, validFraction: 0, fit: { seqLength: 16, batchSize: 4 } });
    expect(short).toMatchObject({ type: 'error', code: 'bad-corpus' });
    expect((short as { message: string }).message).toMatch(/window of 16 needs at least 17/);
    expect((await h.send({ type: 'build', model: SMALL, train: TRAIN })).type).toBe('built');
    const one = await h.send({ type: 'set-corpus', text: 'a'.repeat(100), vocab: { lowercase: false, minCount: 1 }, validFraction: 0, fit: { seqLength: 16, batchSize: 4 } });
    expect(one.type).toBe('corpus');
    expect((one as { notes?: string[] }).notes?.join(' ')).toMatch(/single character/);
  });
});

// The Text worker's foreground jobs: generate (streamed in chunks) and score. Both work while training:
// they hold the foreground gate (the training loop waits before its next burst) and sample from a stepper,
// a copy of the weights taken under the engine lock when the job starts.
import { primeTokens } from '../../core/text/prime';
import { generate, seededRandom } from '../../core/text/sampling';
import { scoreText } from '../../core/text/scoring';
import type { TextEngine } from '../../core/text/engine';
import { decode, encode, type Vocab } from '../../core/text/vocab';
import type { LineScore } from '../textProtocol';
import type { SessionContext } from './context';
import { SessionError } from './sessionUtil';

/** Characters per `chunk` event (cancel is checked between chunks). */
const GENERATE_CHUNK = 32;
export const MAX_GENERATE = 10000;
const MAX_SCORE_LINES = 2000;

export class ForegroundJobs {
  constructor(private readonly ctx: SessionContext) {}

  /** `generate`: `chunk` events, then `done` complete (or cancelled). */
  async generate(id: number, prime: string, length: number, temperature: number, seed?: number): Promise<void> {
    const ctx = this.ctx;
    ctx.requireModel();
    if (!(Number.isInteger(length) && length >= 1 && length <= MAX_GENERATE)) {
      throw new SessionError('bad-request', `length must be a whole number in 1–${MAX_GENERATE}, got ${length}`);
    }
    if (!(temperature >= 0 && temperature <= 2)) throw new SessionError('bad-request', `temperature must be in [0, 2], got ${temperature}`);
    if (typeof prime !== 'string') throw new SessionError('bad-request', 'prime must be a string');
    const engine = ctx.engine as TextEngine;
    const vocab = ctx.vocab as Vocab;
    await ctx.foreground.run(async () => {
      const stepper = await ctx.lock.run(() => engine.stepper());
      const rng = seed === undefined ? ctx.rng : seededRandom(seed);
      let tokens: ArrayLike<number> = primeTokens(prime, vocab, { corpus: ctx.trainTokens, rng });
      let left = length;
      while (left > 0) {
        if (ctx.cancelled.delete(id)) {
          ctx.post({ type: 'done', id, reason: 'cancelled' });
          return;
        }
        const n = Math.min(GENERATE_CHUNK, left);
        const out = generate(stepper, tokens, n, temperature, rng);
        tokens = [out[out.length - 1]];
        left -= n;
        ctx.post({ type: 'chunk', id, text: decode(out, vocab) });
        await ctx.yieldToEvents();
      }
      ctx.cancelled.delete(id);
      ctx.post({ type: 'done', id, reason: 'complete' });
    });
  }

  /** `score`: one LineScore per line (state reset per line, see LineScore), reply `scores`. */
  async score(id: number, lines: string[]): Promise<void> {
    const ctx = this.ctx;
    ctx.requireModel();
    if (!Array.isArray(lines) || lines.length > MAX_SCORE_LINES || !lines.every((l) => typeof l === 'string')) {
      throw new SessionError('bad-request', `lines must be an array of at most ${MAX_SCORE_LINES} strings`);
    }
    const engine = ctx.engine as TextEngine;
    const vocab = ctx.vocab as Vocab;
    await ctx.foreground.run(async () => {
      const stepper = await ctx.lock.run(() => engine.stepper());
      const newline = vocab.index.get('\n');
      const results: LineScore[] = [];
      let sinceYield = 0;
      for (const line of lines) {
        if (ctx.cancelled.delete(id)) {
          ctx.post({ type: 'done', id, reason: 'cancelled' });
          return;
        }
        const body = encode(line, vocab, { missing: 'skip' });
        const tokens = newline === undefined ? body : Int32Array.of(newline, ...body);
        const s = scoreText(stepper, tokens, vocab);
        const nats = -s.totalLogLik;
        const perChar = s.scored > 0 ? nats / s.scored : NaN;
        const missing = [...new Set([...(vocab.lowercase ? line.toLowerCase() : line)].filter((ch) => !vocab.index.has(ch)))];
        results.push({
          line,
          chars: s.scored,
          nats,
          natsPerChar: perChar,
          bitsPerChar: perChar / Math.LN2,
          perplexity: Math.exp(perChar),
          missing,
          perChar: s.perChar.map((c) => ({ char: c.char, surprise: c.surprise, top: c.top.slice(0, 3) })),
        });
        sinceYield += tokens.length;
        if (sinceYield > 2000) {
          sinceYield = 0;
          await ctx.yieldToEvents();
        }
      }
      ctx.cancelled.delete(id);
      ctx.post({ type: 'scores', id, results });
    });
  }

  /** Marks a generate / score request as cancelled (unknown ids are forgotten after a while). */
  cancel(id: number): void {
    const cancelled = this.ctx.cancelled;
    cancelled.add(id);
    if (cancelled.size > 100) cancelled.delete(cancelled.values().next().value as number);
  }
}

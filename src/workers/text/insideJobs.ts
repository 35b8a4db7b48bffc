// The Text worker's "Inside the network" jobs: `inspect` (units over text, with an optional probe ranking)
// and `time-gradients` (‖∂L_t/∂h_{t−k}‖ against k). Like generate and score they are foreground jobs on a
// copy of the weights taken under the engine lock, so they run between training bursts; the math is the
// core's (src/core/text/inside/). The cell race is raceJob.ts.
import type { TextEngine } from '../../core/text/engine';
import { rankUnits, patternTarget, PROBE_PATTERNS } from '../../core/text/inside/probe';
import { timeGradients, spreadWindows } from '../../core/text/inside/timeGradients';
import { CELL_CHANNELS, MAX_TRACE_CHARS, traceText } from '../../core/text/inside/trace';
import { stepperWeightsOf } from '../../core/text/inside/weights';
import { decode, encode, type Vocab } from '../../core/text/vocab';
import type { InspectRequest, TimeGradientsRequest } from '../textProtocol';
import type { SessionContext } from './context';
import { SessionError } from './sessionUtil';

/** Characters run forward before each gradient window, so the state is a typical one. */
const GRADIENT_WARMUP = 20;

export class InsideJobs {
  constructor(private readonly ctx: SessionContext) {}

  /** The held-out tokens (the training tokens when there is no validation split), and what they are. */
  private heldOutTokens(limit: number): { tokens: Int32Array; note: string } {
    const ctx = this.ctx;
    const valid = ctx.validTokens && ctx.validTokens.length > 1;
    const all = (valid ? ctx.validTokens : ctx.trainTokens) ?? new Int32Array(0);
    const tokens = all.subarray(0, limit);
    const n = tokens.length.toLocaleString('en-US');
    return { tokens, note: valid ? `the first ${n} validation characters` : `the first ${n} training characters (there is no validation split)` };
  }

  /** `inspect`: one channel of one layer for every unit over the text, reply `inspected`. */
  async inspect(r: InspectRequest): Promise<void> {
    const ctx = this.ctx;
    const spec = ctx.requireModel();
    if (!(Number.isInteger(r.layer) && r.layer >= 0 && r.layer < spec.layers)) throw new SessionError('bad-request', `layer must be in 0–${spec.layers - 1}, got ${r.layer}`);
    if (!CELL_CHANNELS[spec.cell].includes(r.channel)) throw new SessionError('bad-request', `a ${spec.cell} layer has no channel ${String(r.channel)}`);
    const probe = r.probe;
    if (probe && 'pattern' in probe && !PROBE_PATTERNS.some((p) => p.id === probe.pattern)) throw new SessionError('bad-request', `unknown probe pattern ${String(probe.pattern)}`);
    const vocab = ctx.vocab as Vocab;
    let tokens: Int32Array;
    let sourceNote: string;
    if (r.source?.kind === 'text') {
      if (typeof r.source.text !== 'string') throw new SessionError('bad-request', 'source text must be a string');
      const all = encode(r.source.text, vocab, { missing: 'skip' });
      tokens = all.subarray(0, MAX_TRACE_CHARS);
      sourceNote = all.length > MAX_TRACE_CHARS ? `the first ${MAX_TRACE_CHARS.toLocaleString('en-US')} characters of your text` : 'your text';
    } else {
      ({ tokens, note: sourceNote } = this.heldOutTokens(MAX_TRACE_CHARS));
    }
    if (tokens.length === 0) throw new SessionError('bad-request', 'There is no text to look at (none of its characters are in the vocabulary).');
    const engine = ctx.engine as TextEngine;
    await ctx.foreground.run(async () => {
      const stepper = await ctx.lock.run(() => engine.stepper());
      const start = ctx.now();
      const step = ctx.record.step;
      const trace = traceText(stepperWeightsOf(stepper), tokens, r.layer, [r.channel]);
      const values = trace.values[r.channel] as Float32Array;
      const text = decode(tokens, vocab);
      let ranking;
      if (probe) {
        const target = 'pattern' in probe ? patternTarget(text, probe.pattern) : probe.values;
        if (!(target instanceof Float32Array) || target.length !== tokens.length) {
          throw new SessionError('bad-request', `the probe target must hold one number per character (${tokens.length})`);
        }
        ranking = rankUnits(values, trace.hidden, target);
      }
      ctx.post(
        { type: 'inspected', id: r.id, step, cell: trace.cell, layers: spec.layers, layer: r.layer, channel: r.channel, hidden: trace.hidden, text, sourceNote, values, ranking, elapsedMs: ctx.now() - start },
        [values.buffer as ArrayBuffer],
      );
    });
  }

  /** `time-gradients`: mean ‖∂L_t/∂h^l_{t−k}‖ over windows of the held-out text, reply `time-gradients-result`. */
  async timeGradients(r: TimeGradientsRequest): Promise<void> {
    const ctx = this.ctx;
    ctx.requireModel();
    if (!(Number.isInteger(r.maxLag) && r.maxLag >= 1 && r.maxLag <= 100)) throw new SessionError('bad-request', `maxLag must be a whole number in 1–100, got ${r.maxLag}`);
    if (!(Number.isInteger(r.windows) && r.windows >= 1 && r.windows <= 64)) throw new SessionError('bad-request', `windows must be a whole number in 1–64, got ${r.windows}`);
    const length = GRADIENT_WARMUP + r.maxLag + 2;
    const { tokens } = this.heldOutTokens(Math.max(MAX_TRACE_CHARS, length));
    const windows = spreadWindows(tokens, r.windows, length);
    if (windows.length === 0) throw new SessionError('bad-request', `The text is shorter than one window (${length} characters).`);
    const engine = ctx.engine as TextEngine;
    await ctx.foreground.run(async () => {
      const stepper = await ctx.lock.run(() => engine.stepper());
      const start = ctx.now();
      const step = ctx.record.step;
      const g = timeGradients(stepperWeightsOf(stepper), windows, { maxLag: r.maxLag, warmup: GRADIENT_WARMUP });
      ctx.post({
        type: 'time-gradients-result',
        id: r.id,
        step,
        norms: g.norms.map((row) => Array.from(row)),
        paramNorms: Array.from(g.paramNorms),
        windows: g.windows,
        elapsedMs: ctx.now() - start,
      });
    });
  }
}

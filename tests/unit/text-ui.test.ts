// Pure logic of the Text lab page: file reading, settings, the session reducer, scoring helpers, model files.
import { describe, expect, it } from 'vitest';
import { equationsFor } from '../../src/labs/text/howItWorks/cellEquations';
import { checkCorpusText, pasteTooLarge, trainingBlocker } from '../../src/labs/text/corpus/corpusLimits';
import { convertLoss, rescaleX } from '../../src/labs/text/training/lossSeries';
import { assembleBundle, bundleToFiles, describeBundle, ModelFileError } from '../../src/labs/text/persistence/modelFiles';
import { alignPerChar, linesToScore, rankScores } from '../../src/labs/text/score/rankScores';
import { readTextFile, TextFileError } from '../../src/labs/text/corpus/readTextFile';
import { INITIAL_SESSION, MAX_SAMPLES, sessionReducer } from '../../src/labs/text/session/sessionState';
import { DEFAULT_LAB_SETTINGS, engineSwitchNeedsReset, resetRequiringChanges, sanitizeSettings, scratchCompatible } from '../../src/labs/text/settings/labSettings';
import { surpriseAlpha } from '../../src/labs/text/score/surpriseColor';
import type { LineScore, ProgressEvent, TextModelBundle, TextModelSidecar } from '../../src/workers/textProtocol';

/** A Blob that streams in small chunks, so multi-chunk decoding is exercised. */
function chunkedBlob(bytes: Uint8Array, chunk = 3): Blob {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.slice(i, i + chunk));
  return {
    size: bytes.length,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const p of parts) controller.enqueue(p);
          controller.close();
        },
      }),
  } as unknown as Blob;
}

describe('readTextFile', () => {
  it('decodes UTF-8 split mid-character across chunks and reports progress', async () => {
    const text = 'héllo wörld — 你好 🙂\n'.repeat(20);
    const bytes = new TextEncoder().encode(text);
    const seen: number[] = [];
    const out = await readTextFile(chunkedBlob(bytes, 5), { onProgress: (done) => seen.push(done) });
    expect(out).toBe(text);
    expect(seen[seen.length - 1]).toBe(bytes.length);
    expect(seen.length).toBeGreaterThan(10);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const out = await readTextFile(new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x62])]));
    expect(out).toBe('ab');
  });

  it('rejects invalid UTF-8, binary and UTF-16 files, empty and oversized files', async () => {
    const problem = async (blob: Blob, max?: number) => {
      try {
        await readTextFile(blob, { maxBytes: max });
        return 'ok';
      } catch (err) {
        return err instanceof TextFileError ? err.problem : 'other';
      }
    };
    expect(await problem(new Blob([new Uint8Array([0x61, 0xff, 0xfe, 0x62])]))).toBe('not-utf8');
    expect(await problem(new Blob([new Uint8Array([0x61, 0xc3])]))).toBe('not-utf8'); // truncated sequence
    const utf16 = new Uint8Array(200);
    for (let i = 0; i < 100; i++) utf16[2 * i] = 0x61; // "aaaa" in UTF-16LE: every other byte NUL
    expect(await problem(new Blob([utf16]))).toBe('binary');
    expect(await problem(new Blob([]))).toBe('empty');
    expect(await problem(new Blob(['abcdef']), 3)).toBe('too-large');
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(readTextFile(new Blob(['abc']), { signal: abort.signal })).rejects.toMatchObject({ problem: 'aborted' });
  });
});

describe('settings', () => {
  it('clamps and rounds typed values', () => {
    const s = sanitizeSettings({
      ...DEFAULT_LAB_SETTINGS,
      model: { ...DEFAULT_LAB_SETTINGS.model, hidden: 5000, layers: 2.6 },
      train: { ...DEFAULT_LAB_SETTINGS.train, seqLength: 3, batchSize: Number.NaN },
    });
    expect(s.model.hidden).toBe(1024);
    expect(s.model.layers).toBe(3);
    expect(s.train.seqLength).toBe(8);
    expect(s.train.batchSize).toBe(1);
  });

  it('needs a reset for architecture and training-spec changes, not for the learning rate', () => {
    const a = DEFAULT_LAB_SETTINGS;
    expect(resetRequiringChanges(a, { ...a, train: { ...a.train, learningRate: 0.5 } })).toEqual([]);
    const changes = resetRequiringChanges(a, { ...a, model: { ...a.model, cell: 'gru', hidden: 64 }, train: { ...a.train, seqLength: 32 } });
    expect(changes.map((c) => c.label)).toEqual(['cell: LSTM → GRU', 'hidden: 256 → 64', 'window: 16 → 32']);
  });

  it('forces the scratch engine to a one-layer one-hot vanilla RNN', () => {
    const s = scratchCompatible({ ...DEFAULT_LAB_SETTINGS, engine: 'scratch', model: { ...DEFAULT_LAB_SETTINGS.model, layers: 3, dropout: 0.2 } });
    expect(s.model).toMatchObject({ cell: 'rnn', layers: 1, input: 'onehot', dropout: 0 });
    expect(engineSwitchNeedsReset('webgpu', 'wasm')).toBe(false);
    expect(engineSwitchNeedsReset('wasm', 'scratch')).toBe(true);
  });
});

describe('corpus checks', () => {
  it('rejects empty text, oversized pastes and corpora shorter than a window', () => {
    expect(checkCorpusText('  \n ').ok).toBe(false);
    expect(checkCorpusText('abc').ok).toBe(true);
    expect(pasteTooLarge(10, 0, 95, 100)).toBe(true);
    expect(pasteTooLarge(10, 10, 95, 100)).toBe(false);
    expect(trainingBlocker(undefined, 16)).toMatch(/corpus/);
    expect(trainingBlocker(16, 16)).toMatch(/shorter than one training window \(17\)/);
    expect(trainingBlocker(17, 16)).toBeUndefined();
  });
});

const progress = (step: number, loss: number, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({
  type: 'progress',
  step,
  loss,
  rawLoss: loss,
  charsPerSec: 100,
  elapsedMs: step * 10,
  tensors: 5,
  bytes: 100,
  learningRate: 0.01,
  ...extra,
});

describe('sessionReducer', () => {
  it('builds loss curves from progress events, skipping non-finite values', () => {
    let s = INITIAL_SESSION;
    s = sessionReducer(s, { type: 'progress', event: progress(1, 4) });
    s = sessionReducer(s, { type: 'progress', event: progress(2, Number.NaN) });
    s = sessionReducer(s, { type: 'progress', event: progress(3, 3, { validLoss: 3.5, validStep: 3 }) });
    s = sessionReducer(s, { type: 'progress', event: progress(4, 2.5, { validLoss: 3.5, validStep: 3 }) });
    expect(s.trainCurve).toEqual([
      [1, 4],
      [3, 3],
      [4, 2.5],
    ]);
    expect(s.validCurve).toEqual([[3, 3.5]]);
    expect(s.step).toBe(4);
    // The worker's clock at every event (elapsedMs = 10 ms per step above), for the time axis.
    expect(s.clock).toEqual([
      [1, 0.01],
      [2, 0.02],
      [3, 0.03],
      [4, 0.04],
    ]);
  });

  it('draws a curve against seconds of training: steps mapped through the clock, linear between its points', () => {
    const clock = [
      [0, 0],
      [10, 2],
      [20, 10],
    ] as const;
    expect(rescaleX([[0, 5], [5, 4], [10, 3], [15, 2], [20, 1], [30, 0.5]], clock)).toEqual([
      [0, 5],
      [1, 4],
      [2, 3],
      [6, 2],
      [10, 1],
      [10, 0.5],
    ]);
    expect(rescaleX([[3, 1]], [])).toEqual([]);
  });

  it('streams samples newest first and keeps the last few', () => {
    let s = INITIAL_SESSION;
    for (let id = 1; id <= MAX_SAMPLES + 2; id++) {
      s = sessionReducer(s, { type: 'sample', event: { type: 'sample', sampleId: id, step: id, text: 'ab', done: false } });
      s = sessionReducer(s, { type: 'sample', event: { type: 'sample', sampleId: id, step: id, text: 'c', done: true } });
    }
    expect(s.samples).toHaveLength(MAX_SAMPLES);
    expect(s.samples[0]).toEqual({ id: MAX_SAMPLES + 2, step: MAX_SAMPLES + 2, text: 'abc', done: true });
  });

  it('drops the model and its curves when a new corpus did not keep it', () => {
    let s = sessionReducer(INITIAL_SESSION, { type: 'progress', event: progress(1, 4) });
    const stats = { chars: 10, lines: 1, vocabSize: 3, trainChars: 9, validChars: 1, topChars: [], unknownChars: 0 };
    const vocab = { symbols: ['a', 'b', 'c'], unknown: -1, lowercase: false, minCount: 1 };
    s = sessionReducer(s, { type: 'corpus', stats, vocab, modelKept: true });
    expect(s.trainCurve).toHaveLength(1);
    s = sessionReducer(s, { type: 'corpus', stats, vocab, modelKept: false });
    expect(s.trainCurve).toHaveLength(0);
    expect(s.model).toBeUndefined();
  });
});

const lineScore = (line: string, bits: number): LineScore => ({
  line,
  chars: line.length,
  nats: bits * Math.LN2 * line.length,
  natsPerChar: bits * Math.LN2,
  bitsPerChar: bits,
  perplexity: 2 ** bits,
  missing: [],
  perChar: [],
});

describe('scoring helpers', () => {
  it('ranks by bits per character, unscorable lines last', () => {
    const ranked = rankScores([lineScore('a', 3), lineScore('b', Number.NaN), lineScore('c', 1)]);
    expect(ranked.map((r) => r.line)).toEqual(['c', 'a', 'b']);
  });

  it('splits lines and aligns per-character scores to the end of the line', () => {
    expect(linesToScore('one\r\n\n  \ntwo')).toEqual(['one', 'two']);
    expect(alignPerChar('a🙂c', [1, 2]).map((c) => [c.char, c.score])).toEqual([
      ['a', undefined],
      ['🙂', 1],
      ['c', 2],
    ]);
  });

  it('maps surprise to a bounded alpha', () => {
    expect(surpriseAlpha(0)).toBe(0);
    expect(surpriseAlpha(100)).toBe(1);
    expect(surpriseAlpha(Number.POSITIVE_INFINITY)).toBe(1);
    expect(convertLoss(Math.LN2, 'bits')).toBeCloseTo(1);
  });
});

describe('model files', () => {
  const sidecar: TextModelSidecar = {
    format: 'backprop-playground/text-model-sidecar',
    version: 1,
    engine: 'tfjs',
    model: { cell: 'lstm', layers: 2, hidden: 64, input: 'embedding', embedding: 16, dropout: 0, vocabSize: 40 },
    train: DEFAULT_LAB_SETTINGS.train,
    vocab: { symbols: [], unknown: -1, lowercase: false, minCount: 1 },
    step: 1200,
    history: [{ step: 1200, train: 2 * Math.LN2, valid: 2.5 * Math.LN2, elapsedMs: 1 }],
    savedAt: '2026-01-01T00:00:00.000Z',
  };
  const bundle: TextModelBundle = { format: 'backprop-playground/text-model', version: 1, modelJson: '{"modelTopology":{}}', weights: new ArrayBuffer(8), sidecar };

  it('round-trips through the three files, in any order', async () => {
    const files = bundleToFiles(bundle);
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'text-model.json']);
    const parts = await Promise.all(
      files.reverse().map(async (f) => (f.name.endsWith('.json') ? { name: f.name, text: await f.blob.text() } : { name: f.name, bytes: await f.blob.arrayBuffer() })),
    );
    const back = assembleBundle(parts);
    expect(back.sidecar).toEqual(sidecar);
    expect(back.modelJson).toBe(bundle.modelJson);
    expect(back.weights.byteLength).toBe(8);
  });

  it('explains what is missing or wrong', () => {
    expect(() => assembleBundle([{ name: 'weights.bin', bytes: new ArrayBuffer(4) }])).toThrow(ModelFileError);
    expect(() => assembleBundle([{ name: 'x.json', text: '{' }])).toThrow(/not valid JSON/);
    expect(() => assembleBundle([{ name: 'text-model.json', text: JSON.stringify(sidecar) }, { name: 'w.bin', bytes: new ArrayBuffer(4) }])).toThrow(/model\.json/);
  });

  it('describes a bundle in one line', () => {
    expect(describeBundle(bundle)).toBe('LSTM 2×64 · 1,200 steps · 2.50 bits/char');
  });
});

describe('equations', () => {
  it('fill in the current sizes', () => {
    const eqs = equationsFor({ cell: 'gru', layers: 2, hidden: 64, input: 'onehot', embedding: 16, vocabSize: 80, seqLength: 32 });
    const tex = eqs.map((e) => e.tex).join('\n');
    expect(tex).toContain('\\{0,1\\}^{80}');
    expect(tex).toContain('\\mathbb{R}^{64\\times 80}');
    expect(tex).toContain('\\frac{1}{32}');
    expect(tex).toContain('\\ell = 2, \\dots, 2');
  });
});

describe('streamed text pacing', async () => {
  const { codePointBoundary, revealCount } = await import('../../src/labs/text/generate/reveal');
  it('reveals at least a few characters a frame and catches up within about a second', () => {
    expect(revealCount(0)).toBe(0);
    expect(revealCount(2)).toBe(2);
    expect(revealCount(10)).toBe(4);
    let backlog = 3000;
    let frames = 0;
    while (backlog > 0) {
      backlog -= revealCount(backlog);
      frames++;
    }
    expect(frames).toBeLessThanOrEqual(60);
  });
  it('never cuts a surrogate pair', () => {
    const s = 'a🙂b';
    expect(codePointBoundary(s, 2)).toBe(3);
    expect(codePointBoundary(s, 1)).toBe(1);
    expect(codePointBoundary(s, 10)).toBe(4);
  });
});

// The page's side of issue 13: the draft's resource verdict (over the form's whole range, on every backend the
// worker can report), the work line's words, and how anything caught becomes plain words.
import { describe, expect, it } from 'vitest';
import { draftVerdict, suggestionLabel, withSuggestion } from '../../src/labs/text/preflight/draftVerdict';
import { INITIAL_SESSION } from '../../src/labs/text/session/sessionState';
import { workWords } from '../../src/labs/text/session/workWords';
import { DEFAULT_LAB_SETTINGS, TEXT_UI_RANGES, type LabSettings } from '../../src/labs/text/settings/labSettings';
import { userMessageOf } from '../../src/labs/userMessage';
import { describeTextError, looksLikeLibraryText } from '../../src/workers/text/errorMessages';
import type { BackendName, BackendReport, CorpusStats } from '../../src/workers/textProtocol';

const report = (backend: BackendName, limits?: BackendReport['limits']): BackendReport => ({
  requested: 'auto',
  engine: backend === 'scratch' ? 'scratch' : 'tfjs',
  backend,
  isFallbackAdapter: false,
  tried: [],
  limits,
});
const stats = (vocabSize: number, chars = 1_000_000): CorpusStats => ({
  chars,
  lines: 1,
  vocabSize,
  trainChars: Math.floor(chars * 0.95),
  validChars: Math.ceil(chars * 0.05),
  topChars: [],
  unknownChars: 0,
});
const setting = (p: { cell: 'rnn' | 'gru' | 'lstm'; layers: number; hidden: number; window: number; batch: number; input?: 'onehot' | 'embedding' }): LabSettings => ({
  ...DEFAULT_LAB_SETTINGS,
  model: { ...DEFAULT_LAB_SETTINGS.model, cell: p.cell, layers: p.layers, hidden: p.hidden, input: p.input ?? 'onehot', embedding: 64 },
  train: { ...DEFAULT_LAB_SETTINGS.train, seqLength: p.window, batchSize: p.batch },
});

describe('the draft verdict over the form’s range', () => {
  const backends: BackendReport[] = [
    report('wasm'),
    report('webgpu', { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 }),
    report('webgl', { maxTextureSize: 4096 }),
    report('cpu'),
  ];
  const R = TEXT_UI_RANGES;
  it('refuses in plain words with a suggestion inside the form’s ranges that fits', () => {
    let refusals = 0;
    for (const r of backends)
      for (const cell of ['rnn', 'gru', 'lstm'] as const)
        for (const layers of [R.layers.min, R.layers.max])
          for (const hidden of [R.hidden.min, 256, R.hidden.max])
            for (const window of [R.seqLength.min, 64, R.seqLength.max])
              for (const batch of [R.batchSize.min, 32, R.batchSize.max])
                for (const [vocab, input] of [[1, 'onehot'], [100, 'embedding'], [5000, 'onehot'], [5000, 'embedding']] as const) {
                  const draft = setting({ cell, layers, hidden, window, batch, input });
                  const v = draftVerdict(draft, r, stats(vocab));
                  expect(v).toBeDefined();
                  if (!v || v.level === 'fits') continue;
                  expect(v.message).toBeTruthy();
                  // The worker sends the same words with 'too-large': they reach the page unchanged.
                  expect(looksLikeLibraryText(v.message!), v.message!).toBe(false);
                  expect(describeTextError('too-large', v.message!).message).toBe(v.message);
                  if (v.level !== 'refuse') continue;
                  refusals++;
                  if (!v.suggestion) continue;
                  const s = v.suggestion;
                  expect(s.batchSize).toBeGreaterThanOrEqual(R.batchSize.min);
                  expect(s.seqLength).toBeGreaterThanOrEqual(R.seqLength.min);
                  expect(s.hidden).toBeGreaterThanOrEqual(R.hidden.min);
                  expect(suggestionLabel(draft, s)).not.toBe('');
                  expect(draftVerdict(withSuggestion(draft, s), r, stats(vocab))?.level).toBe('fits');
                }
    expect(refusals).toBeGreaterThan(10);
  });

  it('LSTM 1024, window and batch at their maximum, is refused on WASM; the defaults fit', () => {
    const big = draftVerdict(setting({ cell: 'lstm', layers: 1, hidden: 1024, window: 256, batch: 256 }), report('wasm'), stats(100));
    expect(big?.level).toBe('refuse');
    expect(big?.message).toMatch(/WebAssembly heap holds at most/);
    expect(draftVerdict(DEFAULT_LAB_SETTINGS, report('wasm'), stats(100))?.level).toBe('fits');
  });

  it('judges the backend the draft names, and waits for a corpus', () => {
    expect(draftVerdict(DEFAULT_LAB_SETTINGS, report('wasm'), undefined)).toBeUndefined();
    const scratch = draftVerdict({ ...DEFAULT_LAB_SETTINGS, engine: 'scratch' }, report('wasm'), stats(50));
    expect(scratch?.estimate.engine).toBe('scratch');
  });
});

describe('the work line', () => {
  const settings = { applied: setting({ cell: 'lstm', layers: 2, hidden: 1024, window: 64, batch: 32 }), draft: DEFAULT_LAB_SETTINGS };
  it('names the model being built, a load, and the first step', () => {
    expect(workWords('train', INITIAL_SESSION, settings)).toBe('Building the model (LSTM 1024 × 2 layers)…');
    expect(workWords('load', INITIAL_SESSION, settings)).toBe('Loading the saved model…');
    expect(workWords(undefined, { ...INITIAL_SESSION, phase: 'training', report: report('webgpu') }, settings)).toMatch(/compiling the GPU shaders/);
    expect(workWords(undefined, INITIAL_SESSION, settings)).toBeUndefined();
  });
});

describe('userMessageOf', () => {
  it('keeps the app’s sentences, maps worker codes, and folds library text into details', () => {
    expect(userMessageOf('Type or paste at least one line to score.')).toMatchObject({ title: '', message: 'Type or paste at least one line to score.', detail: '' });
    const coded = Object.assign(new Error('Pause training before changing the corpus.'), { code: 'busy' });
    expect(userMessageOf(coded)).toMatchObject({ title: 'Training is running', message: 'Pause training before changing the corpus.' });
    const library = userMessageOf(new TypeError("Cannot read properties of undefined (reading 'shape')"));
    expect(library.message).not.toMatch(/Cannot read/);
    expect(library.detail).toMatch(/Cannot read properties/);
    const crashed = userMessageOf(Object.assign(new Error('Uncaught RangeError: Array buffer allocation failed'), { code: 'crashed' }));
    expect(crashed.title).toBe('The training worker stopped');
    expect(crashed.detail).toMatch(/RangeError/);
  });
});

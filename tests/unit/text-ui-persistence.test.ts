// The Text lab's autosave records (what is kept, and validation of what comes back from storage), the
// crash-recovery policy, and the cross-tab save announcements.
import { describe, expect, it } from 'vitest';
import {
  corpusRecord,
  DEFAULT_SAVED_SETTINGS,
  MAX_AUTOSAVE_CORPUS_CHARS,
  parseSavedCheckpoint,
  parseSavedCorpus,
  parseSavedSettings,
  unwrap,
  type SavedSettings,
} from '../../src/labs/text/persistence/autosaveRecords';
import { describeStorageError, isQuotaError } from '../../src/storage/indexedDb';
import { MAX_RECOVERIES, RECOVERY_WINDOW_MS, RecoveryBudget, recoveryEngine } from '../../src/labs/text/session/recovery';
import { openTabChannel, type TextSavedMessage } from '../../src/storage/tabChannel';
import type { BackendReport } from '../../src/workers/textProtocol';
import { DEFAULT_LR_SCHEDULE } from '../../src/core/text/defaults';

describe('autosave records', () => {
  it('keeps a corpus up to the size limit, only its name past it, and nothing of the built-in one', () => {
    expect(corpusRecord('abc', 'Pasted text', false)).toEqual({ source: 'text', label: 'Pasted text', text: 'abc' });
    expect(corpusRecord('x'.repeat(11), 'big.txt', false, 10)).toEqual({ source: 'too-large', label: 'big.txt', chars: 11 });
    expect(corpusRecord('x'.repeat(10), 'ok.txt', false, 10).source).toBe('text');
    expect(corpusRecord('lots of text', 'SOTU', true)).toEqual({ source: 'builtin', label: 'SOTU' });
  });

  it('round-trips valid settings unchanged', () => {
    const settings: SavedSettings = {
      lab: {
        engine: 'wasm',
        model: { cell: 'gru', layers: 2, hidden: 64, input: 'onehot', embedding: 16, dropout: 0.1 },
        // The schedule is not a control of the page: a saved one is always the default's.
        train: { seqLength: 32, batchSize: 8, optimizer: 'rmsprop', learningRate: 0.003, clipNorm: 1, seed: 7, lrSchedule: DEFAULT_LR_SCHEDULE },
      },
      corpusOptions: { vocab: { lowercase: true, minCount: 3 }, validFraction: 0.2 },
      temperature: 1.2,
      unit: 'nats',
      generate: { prime: 'The ', length: 120 },
      scoreText: 'one\ntwo',
    };
    expect(parseSavedSettings(structuredClone(settings))).toEqual(settings);
  });

  it('replaces unusable fields by defaults and clamps numbers to their ranges', () => {
    expect(parseSavedSettings(null)).toBeUndefined();
    expect(parseSavedSettings('nope')).toBeUndefined();
    expect(parseSavedSettings({})).toEqual(DEFAULT_SAVED_SETTINGS);
    const parsed = parseSavedSettings({
      lab: { engine: 'quantum', model: { cell: 'transformer', hidden: 1e9, layers: -4 }, train: { learningRate: Number.NaN, batchSize: '8', optimizer: 'adam' } },
      corpusOptions: { vocab: { lowercase: 'yes', minCount: 0 }, validFraction: 0.33 },
      temperature: 99,
      unit: 'furlongs',
      generate: { prime: 42, length: 1e9 },
      scoreText: { evil: true },
    });
    expect(parsed?.lab.engine).toBe('auto');
    expect(parsed?.lab.model.cell).toBe(DEFAULT_SAVED_SETTINGS.lab.model.cell);
    expect(parsed?.lab.model.hidden).toBe(1024);
    expect(parsed?.lab.model.layers).toBe(1);
    expect(parsed?.lab.train.learningRate).toBe(DEFAULT_SAVED_SETTINGS.lab.train.learningRate);
    expect(parsed?.lab.train.batchSize).toBe(DEFAULT_SAVED_SETTINGS.lab.train.batchSize);
    expect(parsed?.corpusOptions).toEqual({ vocab: { lowercase: false, minCount: 1 }, validFraction: DEFAULT_SAVED_SETTINGS.corpusOptions.validFraction });
    expect(parsed?.temperature).toBe(2);
    expect(parsed?.unit).toBe('bits');
    expect(parsed?.generate).toEqual({ prime: '', length: 10_000 });
    expect(parsed?.scoreText).toBe('');
  });

  it('makes restored scratch-engine settings fit the from-scratch RNN', () => {
    const parsed = parseSavedSettings({ lab: { engine: 'scratch', model: { cell: 'lstm', layers: 2, input: 'embedding' } } });
    expect(parsed?.lab.model).toMatchObject({ cell: 'rnn', layers: 1, input: 'onehot' });
  });

  it('accepts only well-formed corpus records', () => {
    expect(parseSavedCorpus({ source: 'text', label: 'a', text: 'hello' })).toEqual({ source: 'text', label: 'a', text: 'hello' });
    expect(parseSavedCorpus({ source: 'text', label: 'a', text: '' })).toBeUndefined();
    expect(parseSavedCorpus({ source: 'text', label: 'a', text: 'x'.repeat(MAX_AUTOSAVE_CORPUS_CHARS + 1) })).toBeUndefined();
    expect(parseSavedCorpus({ source: 'too-large', label: 'big.txt', chars: 5 })).toEqual({ source: 'too-large', label: 'big.txt', chars: 5 });
    expect(parseSavedCorpus({ source: 'builtin', label: 'SOTU' })).toEqual({ source: 'builtin', label: 'SOTU' });
    expect(parseSavedCorpus({ source: 'url', label: 'x' })).toBeUndefined();
    expect(parseSavedCorpus({ source: 'text', text: 'no label' })).toBeUndefined();
  });

  it('accepts a checkpoint only with the shape of a model bundle', () => {
    const bundle = { format: 'x', version: 1, modelJson: '{}', weights: new ArrayBuffer(8), sidecar: { step: 12 } };
    expect(parseSavedCheckpoint({ step: 12, bundle, training: true, engine: 'wasm' })).toMatchObject({ step: 12, training: true, engine: 'wasm' });
    // The step comes from the bundle itself; an unknown engine becomes 'auto'.
    expect(parseSavedCheckpoint({ step: 99, bundle, engine: 'warp' })).toMatchObject({ step: 12, training: false, engine: 'auto' });
    expect(parseSavedCheckpoint({ bundle: { ...bundle, weights: [1, 2] } })).toBeUndefined();
    expect(parseSavedCheckpoint({ bundle: { ...bundle, sidecar: { step: -1 } } })).toBeUndefined();
    expect(parseSavedCheckpoint({ bundle: { ...bundle, modelJson: 3 } })).toBeUndefined();
    expect(parseSavedCheckpoint(undefined)).toBeUndefined();
  });

  it('unwraps the writer envelope and drops records whose value is unusable', () => {
    expect(unwrap({ value: { source: 'builtin', label: 'S' }, savedAt: 5, tabId: 't' }, parseSavedCorpus)).toEqual({ value: { source: 'builtin', label: 'S' }, savedAt: 5, tabId: 't' });
    expect(unwrap({ value: { source: 'nope' }, savedAt: 5, tabId: 't' }, parseSavedCorpus)).toBeUndefined();
    expect(unwrap(undefined, parseSavedCorpus)).toBeUndefined();
  });
});

describe('storage errors', () => {
  it('tells a full quota from other failures', () => {
    const quota = new DOMException('too big', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(describeStorageError(quota)).toContain('full');
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(describeStorageError(new Error('blocked'))).toBe('blocked');
  });
});

describe('recovery policy', () => {
  it(`allows ${MAX_RECOVERIES} automatic restarts per window, then again once the window has passed`, () => {
    const budget = new RecoveryBudget();
    for (let i = 0; i < MAX_RECOVERIES; i++) expect(budget.take(1000 + i)).toBe(true);
    expect(budget.take(2000)).toBe(false);
    expect(budget.take(1000 + RECOVERY_WINDOW_MS)).toBe(true);
  });

  it('restarts on the backend that was running, or on what was asked for when none was', () => {
    const report = (backend: BackendReport['backend'], engine: BackendReport['engine'] = 'tfjs'): BackendReport => ({
      requested: 'auto',
      engine,
      backend,
      isFallbackAdapter: false,
      tried: [],
    });
    expect(recoveryEngine(report('webgpu'), 'auto')).toBe('webgpu');
    expect(recoveryEngine(report('wasm'), 'webgpu')).toBe('wasm');
    expect(recoveryEngine(report('scratch', 'scratch'), 'scratch')).toBe('scratch');
    expect(recoveryEngine(undefined, 'webgl')).toBe('webgl');
  });
});

describe('tab channel', () => {
  it("announces saves to other tabs, never to the tab that saved", async () => {
    const seenByA: TextSavedMessage[] = [];
    const seenByB: TextSavedMessage[] = [];
    const a = openTabChannel('tab-a', (m) => seenByA.push(m));
    const b = openTabChannel('tab-b', (m) => seenByB.push(m));
    try {
      a.announce('checkpoint');
      await expect.poll(() => seenByB.length).toBe(1);
      expect(seenByB[0]).toMatchObject({ lab: 'text', kind: 'autosave', tabId: 'tab-a', what: 'checkpoint' });
      await new Promise((r) => setTimeout(r, 20));
      expect(seenByA).toEqual([]);
    } finally {
      a.close();
      b.close();
    }
  });
});

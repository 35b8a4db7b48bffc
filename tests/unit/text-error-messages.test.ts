// The Text lab's error catalogue (src/workers/text/errorMessages.ts): every worker error code has plain words
// and a next step, and no library's text is ever the message a person reads (it goes to `detail`).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { checkCorpus } from '../../src/core/text/corpusFitness';
import { assessResources } from '../../src/core/text/resourceVerdict';
import { jsLimits, wasmLimits, webglLimits, webgpuLimits } from '../../src/core/text/resourceLimits';
import { ModelBundleError } from '../../src/core/text/tfjs/bundle';
import { DivergedError } from '../../src/core/text/engine';
import {
  describeTextError,
  describeThrown,
  looksLikeLibraryText,
  OUT_OF_MEMORY,
  TEXT_ERROR_CODES,
  TEXT_ERROR_MESSAGES,
} from '../../src/workers/text/errorMessages';
import type { TextErrorCode } from '../../src/workers/textProtocol';
import { SessionError } from '../../src/workers/text/sessionUtil';

// Written out so a code added to TextErrorCode without a message fails to compile here (and in the catalogue).
const EVERY_CODE = {
  'bad-request': true,
  'bad-corpus': true,
  'too-large': true,
  'no-corpus': true,
  'no-model': true,
  'not-initialised': true,
  busy: true,
  diverged: true,
  'device-lost': true,
  'backend-failed': true,
  'bad-model-file': true,
  unsupported: true,
  internal: true,
} satisfies Record<TextErrorCode, true>;

/** Texts real libraries produce (tfjs ops, WebGL, WebGPU, the WASM heap, the JS engine). */
function libraryTexts(): string[] {
  const texts: string[] = [];
  try {
    tf.oneHot(tf.tensor1d([0], 'int32'), 1);
  } catch (e) {
    texts.push((e as Error).message);
  }
  try {
    tf.reshape(tf.tensor1d([1, 2, 3]), [2, 2]);
  } catch (e) {
    texts.push((e as Error).message);
  }
  try {
    (null as unknown as { shape: number[] }).shape.push(1);
  } catch (e) {
    texts.push((e as Error).message);
  }
  texts.push(
    'Requested texture size [65536x16384] greater than WebGL maximum on this browser / GPU [16384x16384].',
    'Binding size (536870912) is larger than the maximum storage buffer binding size (134217728).',
    'Aborted(OOM). Build with -sASSERTIONS for more info.',
    'RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded',
    'Array buffer allocation failed',
    'Invalid typed array length: 4294967296',
    'Cannot read properties of undefined (reading \'dataId\')',
  );
  return texts;
}

describe('the error catalogue', () => {
  it('has exactly one entry per worker error code', () => {
    expect([...TEXT_ERROR_CODES].sort()).toEqual(Object.keys(EVERY_CODE).sort());
  });

  it.each(TEXT_ERROR_CODES)('%s: a title, what happened and what to do next, in plain words', (code) => {
    const copy = TEXT_ERROR_MESSAGES[code];
    expect(copy.title.length).toBeGreaterThan(5);
    expect(copy.title).not.toMatch(/[.!]$/);
    for (const sentence of [copy.what, copy.next]) {
      expect(sentence).toMatch(/^[A-Z].*[.)]$/s);
      expect(looksLikeLibraryText(sentence), sentence).toBe(false);
    }
    expect(looksLikeLibraryText(copy.title)).toBe(false);
  });

  it.each(TEXT_ERROR_CODES)('%s: library text never becomes the message; it goes to the details', (code) => {
    const texts = libraryTexts();
    expect(texts.length).toBeGreaterThan(8);
    for (const raw of texts) {
      expect(looksLikeLibraryText(raw), raw).toBe(true);
      const m = describeTextError(code, raw);
      expect(m.message).not.toContain(raw);
      expect(looksLikeLibraryText(m.message), m.message).toBe(false);
      expect(m.detail).toBe(raw);
      expect(m.next.length).toBeGreaterThan(10);
    }
  });

  it("shows the worker's own plain words, with nothing behind the details", () => {
    const m = describeTextError('busy', 'Pause training before changing the corpus.');
    expect(m).toMatchObject({ code: 'busy', title: 'Training is running', message: 'Pause training before changing the corpus.', detail: '' });
    // An 'internal' error is a bug: its text is never shown, whatever it says.
    expect(describeTextError('internal', 'a plain sentence').message).toBe(TEXT_ERROR_MESSAGES.internal.what);
    expect(describeTextError('internal', 'a plain sentence').detail).toBe('a plain sentence');
  });

  it('recognises running out of memory and GPU size limits', () => {
    expect(describeTextError('internal', 'Aborted(OOM). Build with -sASSERTIONS').title).toBe(OUT_OF_MEMORY.title);
    expect(describeTextError('internal', 'Requested texture size [65536x16384] greater than WebGL maximum').title).toBe('Too large for this GPU');
  });

  it('describes anything thrown, keeping a carried code and the technical detail', () => {
    const lib = describeThrown(new Error('Error in oneHot: depth must be >=2, but it is 1'));
    expect(lib.code).toBe('internal');
    expect(lib.message).toBe(TEXT_ERROR_MESSAGES.internal.what);
    expect(lib.detail).toContain('Error: Error in oneHot: depth must be >=2');
    expect(describeThrown(new SessionError('no-model', 'Build or load a model first.'))).toMatchObject({ code: 'no-model', message: 'Build or load a model first.', detail: '' });
    expect(describeThrown(new ModelBundleError('the weights contain NaN or Infinity')).code).toBe('bad-model-file');
    expect(describeThrown(new DivergedError('The loss became NaN at step 3.')).code).toBe('diverged');
    for (const odd of [undefined, null, 42, { a: 1 }, 'plain words', Symbol('x')]) {
      const m = describeThrown(odd);
      expect(m.code).toBe('internal');
      expect(m.title.length).toBeGreaterThan(0);
      expect(typeof m.detail).toBe('string');
    }
    expect(describeThrown(new Error('x'.repeat(5000))).detail.length).toBeLessThanOrEqual(2001);
  });

  it("the app's own refusals (corpus fitness, resource verdicts) read as plain words, not library text", () => {
    const messages: string[] = [];
    for (const text of ['', 'ab', 'a'.repeat(100), ' \n'.repeat(50), 'hi\n'.repeat(30), 'abcdefghij']) {
      for (const engine of ['tfjs', 'scratch'] as const) {
        const m = checkCorpus(text, { lowercase: false, minCount: 1, validFraction: 0.5 }, { seqLength: 8, batchSize: 16, engine }).message;
        if (m) messages.push(m);
      }
    }
    const model = { cell: 'lstm', layers: 3, hidden: 1024, input: 'onehot', embedding: 32, dropout: 0, vocabSize: 20_000 } as const;
    const train = { seqLength: 256, batchSize: 256, optimizer: 'adam' } as const;
    for (const limits of [wasmLimits(), webgpuLimits(), webglLimits(4096), jsLimits('cpu'), jsLimits('scratch')]) {
      const m = assessResources({ model, train, validTokens: 100_000 }, limits).message;
      if (m) messages.push(m);
    }
    expect(messages.length).toBeGreaterThan(10);
    for (const m of messages) expect(looksLikeLibraryText(m), m).toBe(false);
  });
});

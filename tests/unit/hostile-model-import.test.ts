// Hostile saved models against the Text lab's importer: every case ends in a usable model or a
// ModelBundleError with a clear message — never another exception, never a leaked tensor, never a change to
// the files passed in. An accepted model must be within the app's limits and its sidecar well-typed.
// In the worker, a refused import leaves the current model exactly as it was.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits';
import { ModelBundleError, type TextModelBundle } from '../../src/core/text/tfjs/bundle';
import { importTextModel } from '../../src/core/text/tfjs/export';
import { checkModelSpec, checkTrainSpec } from '../../src/core/text/tfjs/spec';
import { assembleBundle, ModelFileError, type ImportPart } from '../../src/labs/text/persistence/modelFiles';
import { modelCases, type SeedBundles } from './fuzz/modelCases';
import { acceptedProblem, buildSeedBundles, SEED_TRAIN } from './fuzz/modelChecks';
import { CaseLog, clip, fromThrowing, fromThrowingSync } from './fuzz/outcome';
import { sessionHarness } from './fuzz/sessionHarness';
import { HOSTILE_FLOORS, HOSTILE_SEED, recordCaseCount } from './fuzz/suite';

const log = new CaseLog();
const cases = modelCases(HOSTILE_SEED);
let seeds: SeedBundles;
let snapshot: string;
let partCases = 0;

/** Everything about a bundle, as text: a change anywhere changes it. */
function fingerprint(b: TextModelBundle): string {
  return `${b.modelJson}|${JSON.stringify(b.sidecar)}|${Array.from(new Uint8Array(b.weights)).join(',')}`;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  seeds = await buildSeedBundles();
  snapshot = fingerprint(seeds.gru) + fingerprint(seeds.rnn);
});

describe('hostile model imports', () => {
  it(`every bundle ends in a usable model or a ModelBundleError with a clear message (${cases.length} cases, seed ${HOSTILE_SEED})`, async () => {
    const mark = log.mark();
    for (const c of cases) {
      const tensors = tf.memory().numTensors;
      let bundle: unknown;
      try {
        bundle = c.make(seeds);
      } catch (err) {
        throw new Error(`building case "${c.name}" failed (a bug in the generator): ${(err as Error).message}`, { cause: err });
      }
      const outcome = await fromThrowing(() => importTextModel(bundle), (e) => e instanceof ModelBundleError);
      let problem: string | null = null;
      if (outcome.kind === 'accepted') problem = await acceptedProblem(outcome.value);
      log.judge(c.name, outcome, c, () => problem);
      const leaked = tf.memory().numTensors - tensors;
      log.note(c.name, leaked === 0 ? null : `${leaked} tensor(s) leaked`);
    }
    log.note('the seed exports', fingerprint(seeds.gru) + fingerprint(seeds.rnn) === snapshot ? null : 'a case modified the files it was given');
    log.note('Object.prototype', ({} as Record<string, unknown>).polluted === undefined ? null : 'polluted by a "__proto__" key');
    expect(log.since(mark), log.report('model import', mark)).toEqual([]);
  });

  it('the files a user picks are recognised or refused with a clear message (assembleBundle)', () => {
    const mark = log.mark();
    const sidecarText = JSON.stringify(seeds.gru.sidecar);
    const part = (name: string, text?: string, bytes?: ArrayBuffer): ImportPart => ({ name, text, bytes });
    const sets: [string, ImportPart[], 'accepted' | 'refused'][] = [
      ['the three files', [part('model.json', seeds.gru.modelJson), part('weights.bin', undefined, seeds.gru.weights), part('text-model.json', sidecarText)], 'accepted'],
      ['the three files in another order, renamed', [part('b.json', sidecarText), part('c.bin', undefined, seeds.gru.weights), part('a.json', seeds.gru.modelJson)], 'accepted'],
      ['no files', [], 'refused'],
      ['only the weights', [part('weights.bin', undefined, seeds.gru.weights)], 'refused'],
      ['no sidecar', [part('model.json', seeds.gru.modelJson), part('weights.bin', undefined, seeds.gru.weights)], 'refused'],
      ['no weights', [part('model.json', seeds.gru.modelJson), part('text-model.json', sidecarText)], 'refused'],
      ['no model.json', [part('weights.bin', undefined, seeds.gru.weights), part('text-model.json', sidecarText)], 'refused'],
      ['two weight files', [part('model.json', seeds.gru.modelJson), part('a.bin', undefined, seeds.gru.weights), part('b.bin', undefined, seeds.gru.weights), part('text-model.json', sidecarText)], 'refused'],
      ['a JSON file that is neither', [part('model.json', seeds.gru.modelJson), part('weights.bin', undefined, seeds.gru.weights), part('text-model.json', sidecarText), part('package.json', '{"name": "x"}')], 'refused'],
      ['a file that is not JSON', [part('model.json', '{'), part('weights.bin', undefined, seeds.gru.weights), part('text-model.json', sidecarText)], 'refused'],
      ['JSON null', [part('model.json', 'null'), part('weights.bin', undefined, seeds.gru.weights), part('text-model.json', sidecarText)], 'refused'],
      ['a text part with no text', [part('model.json'), part('weights.bin', undefined, seeds.gru.weights), part('text-model.json', sidecarText)], 'refused'],
      ['a sidecar as an array', [part('model.json', seeds.gru.modelJson), part('weights.bin', undefined, seeds.gru.weights), part('text-model.json', `[${sidecarText}]`)], 'refused'],
      ['a 255-character file name', [part(`${'x'.repeat(250)}.json`, '{}')], 'refused'],
    ];
    for (const [name, parts, expect] of sets) {
      log.judge(`assembleBundle: ${name}`, fromThrowingSync(() => assembleBundle(parts), (e) => e instanceof ModelFileError), { expect });
      partCases++;
    }
    expect(log.since(mark), log.report('assembleBundle', mark)).toEqual([]);
  });

  describe('in the worker', () => {
    const h = sessionHarness();
    afterAll(() => h.send({ type: 'reset' }));

    it('a refused import leaves the current model exactly as it was (weights, settings, step)', async () => {
      const mark = log.mark();
      const corpus = 'hello world, hello word, low world. '.repeat(20);
      expect((await h.send({ type: 'init', engine: 'cpu' })).type).toBe('ready');
      expect((await h.send({ type: 'set-corpus', text: corpus, vocab: { lowercase: false, minCount: 1 }, validFraction: 0.1 })).type).toBe('corpus');
      const built = await h.send({ type: 'build', model: { cell: 'gru', layers: 1, hidden: 8, input: 'embedding', embedding: 4, dropout: 0 }, train: { ...SEED_TRAIN } });
      expect(built.type).toBe('built');
      await h.send({ type: 'set-options', options: { progressEveryMs: 0, evalEveryMs: 0, sampleEveryMs: 0 } });
      expect((await h.send({ type: 'train', maxSteps: 3 })).type).toBe('done');
      const exportNow = async () => {
        const r = await h.send({ type: 'export' });
        if (r.type !== 'exported') throw new Error(`export failed: ${JSON.stringify(r).slice(0, 300)}`);
        return r.bundle;
      };
      // The weights and the sidecar (settings, vocabulary, step, history). Not model.json's text: TensorFlow.js
      // names layers from global counters, so a re-imported model's names differ.
      const state = (b: TextModelBundle) => `${JSON.stringify({ ...b.sidecar, savedAt: '' })}|${Array.from(new Uint8Array(b.weights)).join(',')}`;
      const original = await exportNow();
      const before = state(original);

      // Every case that must be refused, sent as the page would (structured-clone data). After each refusal the
      // model must be exactly the one before; a wrongly accepted file is reported and the original restored.
      const refused = cases.filter((c) => c.expect === 'refused');
      for (const c of refused) {
        const name = `worker import: ${c.name}`;
        const reply = await h.send({ type: 'import', bundle: c.make(seeds) as TextModelBundle });
        log.judge(name, reply.type === 'error' ? { kind: 'refused', message: reply.message } : { kind: 'accepted', value: reply }, { expect: 'refused' });
        if (reply.type === 'error') {
          // 'internal' would mean the worker hit a bug rather than recognising a bad file.
          log.note(name, reply.code === 'bad-model-file' || reply.code === 'unsupported' ? null : `error code ${reply.code}: ${clip(reply.message)}`);
          log.note(name, state(await exportNow()) === before ? null : 'the refused import changed the current model');
        } else {
          const restored = await h.send({ type: 'import', bundle: structuredClone(original) });
          if (restored.type !== 'imported') throw new Error(`could not restore the original model: ${JSON.stringify(restored).slice(0, 300)}`);
        }
      }
      const g = await h.send({ type: 'generate', prime: 'hel', length: 20, temperature: 0.5, seed: 1 });
      expect(g.type, 'generate after the hostile imports').toBe('done');
      expect(log.since(mark), log.report('worker import', mark)).toEqual([]);
    });
  });

  it('the model settings check enforces the limits in src/core/limits.ts', () => {
    const m = LIMITS.textModel;
    const spec = { cell: 'lstm', layers: m.maxLayers, hidden: m.maxHidden, input: 'embedding', embedding: m.maxEmbedding, dropout: 0, vocabSize: m.maxVocab } as const;
    expect(checkModelSpec(spec)).toBeNull();
    for (const over of [{ layers: m.maxLayers + 1 }, { hidden: m.maxHidden + 1 }, { embedding: m.maxEmbedding + 1 }, { vocabSize: m.maxVocab + 1 }]) {
      expect(checkModelSpec({ ...spec, ...over }), JSON.stringify(over)).not.toBeNull();
    }
    const train = { ...SEED_TRAIN, seqLength: m.maxSeqLength, batchSize: m.maxBatchSize };
    expect(checkTrainSpec(train)).toBeNull();
    expect(checkTrainSpec({ ...train, seqLength: m.maxSeqLength + 1 })).not.toBeNull();
    expect(checkTrainSpec({ ...train, batchSize: m.maxBatchSize + 1 })).not.toBeNull();
  });

  it('messages that quote the input show it safely: no raw control characters or bidi overrides', () => {
    expect(log.display, `${log.display.length} message(s) would display wrongly:\n  ${log.display.slice(0, 20).join('\n  ')}`).toEqual([]);
  });

  it(`reports the number of cases run (at least ${HOSTILE_FLOORS.model})`, () => {
    recordCaseCount('model', log);
    const workerCases = cases.filter((c) => c.expect === 'refused').length;
    expect(log.ran).toBe(cases.length + partCases + workerCases);
    expect(log.ran).toBeGreaterThanOrEqual(HOSTILE_FLOORS.model);
  });
});

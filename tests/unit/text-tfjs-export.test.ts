// Saving and loading text models: standard model.json + weights.bin (+ sidecar), validated on import.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelBundleError, type TextModelBundle } from '../../src/core/text/tfjs/bundle';
import { createTfjsTextEngine, TfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { exportTextModel, importTextModel } from '../../src/core/text/tfjs/export';
import { loadBundleFromDirectory, saveToDirectory } from '../../src/node/modelDirectory';
import { JsCharStepper, readStepperWeights } from '../../src/core/text/tfjs/stepper';
import { vocabToJson } from '../../src/core/text/tfjs/vocabJson';
import { buildVocab, encode } from '../../src/core/text/vocab';

const TEXT = 'abracadabra, said the cat. '.repeat(10);
const vocab = buildVocab(TEXT);
const tokens = encode(TEXT, vocab);
const V = vocab.chars.length;
const TRAIN = { seqLength: 8, batchSize: 4, optimizer: 'adam', learningRate: 0.02, clipNorm: 5, seed: 3 } as const;

let dir = '';
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'text-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function weightsOf(net: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(net.getWeights().map((w) => w.data() as Promise<Float32Array>));
}

async function trainedBundle(cell: 'rnn' | 'gru' | 'lstm', input: 'embedding' | 'onehot' = 'embedding') {
  const engine = await createTfjsTextEngine(
    { cell, layers: 2, hidden: 8, input, embedding: 5, dropout: 0.1, vocabSize: V },
    { ...TRAIN },
    tokens,
  );
  await engine.train(4);
  const history = [{ step: 4, train: 2.5, elapsedMs: 10 }];
  const bundle = await exportTextModel(engine.net, { train: engine.trainSpec, vocab: vocabToJson(vocab, 1), step: engine.steps, history });
  return { engine, bundle };
}

describe('export / import', () => {
  for (const [cell, input] of [['rnn', 'onehot'], ['gru', 'embedding'], ['lstm', 'embedding']] as const) {
    it(`${cell} (${input}): weights identical after the round trip; tf.loadLayersModel reads model.json`, async () => {
      const { engine, bundle } = await trainedBundle(cell, input);
      const modelJson = JSON.parse(bundle.modelJson) as tf.io.ModelJSON;
      expect(modelJson.format).toBe('layers-model');
      expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
      expect(bundle.sidecar.vocab.symbols).toEqual(vocab.chars);
      expect(bundle.sidecar.step).toBe(4);
      expect(bundle.sidecar.model.cell).toBe(cell);

      // Plain TensorFlow.js, as any other app would load it.
      const plain = await tf.loadLayersModel(
        tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: bundle.weights }),
      );
      const original = await weightsOf(engine.net);
      expect(await weightsOf(plain)).toEqual(original);
      plain.dispose();

      const imported = await importTextModel(structuredClone(bundle));
      expect(imported.spec).toEqual({ ...engine.model });
      expect(await weightsOf(imported.net)).toEqual(original);
      // Same predictions, and training continues from the imported weights.
      const a = new JsCharStepper(await readStepperWeights(engine.net));
      const b = new JsCharStepper(await readStepperWeights(imported.net));
      for (const t of tokens.subarray(0, 20)) expect(Array.from(b.next(t))).toEqual(Array.from(a.next(t)));
      const resumed = new TfjsTextEngine(imported.net, imported.sidecar.train, tokens);
      expect(Number.isFinite((await resumed.train(4)).loss)).toBe(true);
      resumed.dispose();
      engine.dispose();
    });
  }

  it('writes and reads the three files (CLI --save DIR)', async () => {
    const { engine } = await trainedBundle('lstm');
    const files = await saveToDirectory(engine, vocab, { minCount: 1, history: [] }, join(dir, 'm'));
    expect(files.map((f) => f.split('/').pop())).toEqual(['model.json', 'weights.bin', 'text-model.json']);
    const bundle = await loadBundleFromDirectory(join(dir, 'm'));
    const imported = await importTextModel(bundle);
    expect(await weightsOf(imported.net)).toEqual(await weightsOf(engine.net));
    imported.net.dispose();
    engine.dispose();
  });

  describe('rejects broken files with a clear error', () => {
    let good: TextModelBundle;
    let engine: TfjsTextEngine;
    beforeAll(async () => {
      ({ engine, bundle: good } = await trainedBundle('gru'));
    });
    afterAll(() => engine.dispose());
    const expectBad = async (bundle: unknown, pattern: RegExp) => {
      const before = tf.memory().numTensors;
      const err = await importTextModel(bundle).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ModelBundleError);
      expect((err as Error).message).toMatch(pattern);
      expect(tf.memory().numTensors).toBe(before);
    };

    it('not a bundle', () => expectBad({ hello: 1 }, /not a Backprop Playground text model/));
    it('malformed model.json', () => expectBad({ ...good, modelJson: '{"modelTopology": ' }, /not valid JSON/));
    it('truncated weights', () => expectBad({ ...good, weights: good.weights.slice(0, 100) }, /bytes but model.json describes/));
    it('vocabulary size mismatch', () =>
      expectBad(
        { ...good, sidecar: { ...good.sidecar, vocab: { ...good.sidecar.vocab, symbols: good.sidecar.vocab.symbols.slice(1) } } },
        /vocabulary has \d+ characters but the model settings say/,
      ));
    it('vocabulary with a duplicate', () => {
      const symbols = [...good.sidecar.vocab.symbols];
      symbols[1] = symbols[0];
      return expectBad({ ...good, sidecar: { ...good.sidecar, vocab: { ...good.sidecar.vocab, symbols } } }, /repeats/);
    });
    it('sidecar disagrees with model.json', () =>
      expectBad({ ...good, sidecar: { ...good.sidecar, model: { ...good.sidecar.model, hidden: 9 } } }, /does not match the sidecar/));
    it('weight shapes that do not match the layers', () => {
      const json = JSON.parse(good.modelJson) as tf.io.ModelJSON;
      // Swap two shapes of equal size: the byte count still matches, the layer shapes do not.
      const specs = json.weightsManifest[0].weights;
      const k = specs.findIndex((w) => w.shape.length === 2 && w.shape[0] !== w.shape[1]);
      specs[k].shape = [...specs[k].shape].reverse();
      return expectBad({ ...good, modelJson: JSON.stringify(json) }, /could not load|shape/i);
    });
    it('missing files on disk', async () => {
      await writeFile(join(dir, 'model.json'), '{}');
      await expect(loadBundleFromDirectory(dir)).rejects.toThrow(/cannot read/);
    });
  });
});

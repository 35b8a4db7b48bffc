// Hostile saved text models for the Text lab's importer (importTextModel): each case takes a tiny REAL export
// (model.json + weights.bin + sidecar, made by the app's own exportTextModel) and breaks one thing — malformed
// model.json, truncated or oversized weights, non-finite weights, shapes that do not match, a vocabulary that
// does not match, missing fields, wrong types, layers the app cannot run, size bombs — plus seeded random
// mutations. The cases are functions of the seed bundles, so listing them costs nothing.
import type { TextModelBundle } from '../../../src/core/text/tfjs/bundle';
import { HOSTILE_VALUES, JsonMutator, toJsonText, toLive, type JsonPath } from './jsonMutator';
import type { Expectation } from './outcome';
import { FuzzRandom } from './random';

/** The seed exports: A is a 1-layer GRU on token ids, B a 2-layer SimpleRNN on one-hot vectors with dropout. */
export interface SeedBundles {
  gru: TextModelBundle;
  rnn: TextModelBundle;
}

export interface LayerDoc {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
}
export interface WeightDoc {
  name: string;
  shape: number[];
  dtype: string;
  [k: string]: unknown;
}
export interface ModelJsonDoc {
  modelTopology: { class_name: string; config: { layers: LayerDoc[]; [k: string]: unknown }; [k: string]: unknown };
  weightsManifest: { paths: string[]; weights: WeightDoc[] }[];
  [k: string]: unknown;
}

/** A hostile bundle built from the seed exports. */
export interface ModelCase extends Expectation {
  name: string;
  make: (seeds: SeedBundles) => unknown;
}

const parse = (b: TextModelBundle) => JSON.parse(b.modelJson) as ModelJsonDoc;
const layers = (doc: ModelJsonDoc) => doc.modelTopology.config.layers;
const layer = (doc: ModelJsonDoc, cls: string) => {
  const l = layers(doc).find((x) => x.class_name === cls);
  if (!l) throw new Error(`seed has no ${cls} layer`);
  return l;
};
const manifest = (doc: ModelJsonDoc) => doc.weightsManifest[0].weights;

/** A bundle with model.json edited (`edit` mutates a fresh parsed copy). */
function withDoc(b: TextModelBundle, edit: (doc: ModelJsonDoc) => void, weights: (doc: ModelJsonDoc) => ArrayBuffer = () => b.weights): TextModelBundle {
  const doc = parse(b);
  edit(doc);
  return { ...b, modelJson: JSON.stringify(doc), weights: weights(doc) };
}

const withSidecar = (b: TextModelBundle, patch: Record<string, unknown>) => ({ ...b, sidecar: { ...b.sidecar, ...patch } });
const withModel = (b: TextModelBundle, patch: Record<string, unknown>) => withSidecar(b, { model: { ...b.sidecar.model, ...patch } });
const withTrain = (b: TextModelBundle, patch: Record<string, unknown>) => withSidecar(b, { train: { ...b.sidecar.train, ...patch } });
const withVocab = (b: TextModelBundle, patch: Record<string, unknown>) => withSidecar(b, { vocab: { ...b.sidecar.vocab, ...patch } });

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Zero-filled weights matching whatever the (edited) manifest describes: finite, and the right size. */
function weightsFor(doc: ModelJsonDoc): ArrayBuffer {
  const n = manifest(doc).reduce((s, w) => s + w.shape.reduce((a, d) => a * d, 1) * (BYTES[w.dtype] ?? 4), 0);
  return new ArrayBuffer(n);
}

/** Float32 weights with `fill` written at the given element indices (all of them when `at` is 'all'). */
function poisoned(b: TextModelBundle, fill: number, at: 'all' | number[]): ArrayBuffer {
  const copy = b.weights.slice(0);
  const view = new Float32Array(copy);
  if (at === 'all') view.fill(fill);
  else for (const i of at) view[i] = fill;
  return copy;
}

/** Inserts a Dropout layer between the last recurrent layer and the Dense output. */
function insertDropout(doc: ModelJsonDoc, rate: unknown): void {
  const all = layers(doc);
  const dense = layer(doc, 'Dense');
  const before = dense.inbound_nodes;
  const name = 'dropout_Hostile1';
  all.splice(all.indexOf(dense), 0, { name, class_name: 'Dropout', config: { rate, name, trainable: true }, inbound_nodes: before });
  dense.inbound_nodes = [[[name, 0, 0, {}]]];
}

/** Sets the embedding width to `width` everywhere it shows (topology and manifest), with matching weights. */
function widenEmbedding(doc: ModelJsonDoc, width: number): void {
  layer(doc, 'Embedding').config.output_dim = width;
  const m = manifest(doc);
  const emb = m.find((w) => /embedding/i.test(w.name));
  const kernel = m.find((w) => /gru|lstm|rnn/i.test(w.name) && /kernel/.test(w.name) && !/recurrent/.test(w.name));
  if (!emb || !kernel) throw new Error('seed manifest lacks the embedding or the recurrent kernel');
  emb.shape = [emb.shape[0], width];
  kernel.shape = [width, kernel.shape[1]];
}

/** The named cases: each breaks one specific rule. */
function namedCases(): ModelCase[] {
  const c: ModelCase[] = [];
  const add = (name: string, make: (s: SeedBundles) => unknown, expect: ModelCase['expect'], pattern?: RegExp) => c.push({ name, make, expect, pattern });

  // ---- Not a bundle.
  for (const [name, v] of [['null', null], ['a number', 42], ['a string', 'model.json'], ['an array', []], ['an empty object', {}]] as const) {
    add(`bundle is ${name}`, () => v, 'refused', /not a Backprop Playground text model/);
  }
  add('bundle has a foreign format', (s) => ({ ...s.gru, format: 'keras/h5' }), 'refused', /not a Backprop Playground/);
  for (const v of [2, '1', null, 1.5]) add(`bundle version ${JSON.stringify(v)}`, (s) => ({ ...s.gru, version: v }), 'refused', /version/);
  for (const [name, v] of [['missing', undefined], ['a number', 42], ['null', null], ['an object', {}]] as const) {
    add(`model.json text is ${name}`, (s) => ({ ...s.gru, modelJson: v }), 'refused', /lacks model.json|weights/);
  }
  for (const [name, v] of [
    ['missing', () => undefined],
    ['a Uint8Array view', (b: TextModelBundle) => new Uint8Array(b.weights)],
    ['a Float32Array view', (b: TextModelBundle) => new Float32Array(b.weights)],
    ['a DataView', (b: TextModelBundle) => new DataView(b.weights)],
    ['a string', () => 'weights.bin'],
    ['a number', () => 1024],
    ['an array of numbers', (b: TextModelBundle) => Array.from(new Float32Array(b.weights))],
  ] as const) add(`weights are ${name}`, (s) => ({ ...s.gru, weights: v(s.gru) }), 'refused', /lacks model.json|weights/);

  // ---- model.json text.
  for (const [name, text] of [
    ['empty', ''],
    ['null', 'null'],
    ['an array', '[]'],
    ['an empty object', '{}'],
    ['a string', '"model"'],
    ['NaN', 'NaN'],
    ['arrays nested 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['an unterminated nesting', '{"modelTopology":' + '['.repeat(100_000)],
    ['a BOM before the JSON', null],
  ] as const) {
    add(`model.json is ${name}`, (s) => ({ ...s.gru, modelJson: text ?? `\uFEFF${s.gru.modelJson}` }), 'refused');
  }
  for (const frac of [0.01, 0.3, 0.5, 0.9, 0.999]) {
    add(`model.json truncated at ${frac * 100}%`, (s) => ({ ...s.gru, modelJson: s.gru.modelJson.slice(0, Math.floor(s.gru.modelJson.length * frac)) }), 'refused', /not valid JSON/);
  }
  add('model.json padded with 2 MB of whitespace', (s) => ({ ...s.gru, modelJson: ' '.repeat(1_000_000) + s.gru.modelJson + '\n'.repeat(1_000_000) }), 'either');

  // ---- The weights manifest.
  const docCase = (name: string, edit: (doc: ModelJsonDoc) => void, expect: ModelCase['expect'], pattern?: RegExp, seed: keyof SeedBundles = 'gru') =>
    add(name, (s) => withDoc(s[seed], edit), expect, pattern);
  docCase('no weightsManifest', (d) => delete (d as Partial<ModelJsonDoc>).weightsManifest, 'refused', /weightsManifest/);
  docCase('weightsManifest is an object', (d) => ((d as Record<string, unknown>).weightsManifest = {}), 'refused', /weightsManifest/);
  docCase('weightsManifest is empty', (d) => (d.weightsManifest = []), 'refused');
  docCase('a manifest group without weights', (d) => (d.weightsManifest = [{ paths: [] } as unknown as ModelJsonDoc['weightsManifest'][0]]), 'refused', /manifest/);
  docCase('a manifest group whose weights is an object', (d) => ((d.weightsManifest[0] as Record<string, unknown>).weights = {}), 'refused', /manifest/);
  const entryCase = (name: string, edit: (w: WeightDoc, all: WeightDoc[]) => void, expect: ModelCase['expect'] = 'refused', pattern?: RegExp) =>
    docCase(`manifest entry: ${name}`, (d) => edit(manifest(d)[0], manifest(d)), expect, pattern);
  entryCase('no name', (w) => delete (w as Partial<WeightDoc>).name, 'refused', /malformed weight entry/);
  entryCase('name is a number', (w) => ((w as Record<string, unknown>).name = 42), 'refused', /malformed weight entry/);
  entryCase('no shape', (w) => delete (w as Partial<WeightDoc>).shape, 'refused', /malformed weight entry/);
  entryCase('shape is a string', (w) => ((w as Record<string, unknown>).shape = '8,3'), 'refused', /malformed weight entry/);
  for (const shape of [[-1, 3], [1.5, 3], [null, 3], ['8', 3], [1e20, 1], [2 ** 31, 2 ** 31], []]) {
    entryCase(`shape ${JSON.stringify(shape)}`, (w) => ((w as Record<string, unknown>).shape = shape), 'refused');
  }
  for (const dtype of ['float16', 'string', 'complex64', 'int32', 'bool', 42]) entryCase(`dtype ${JSON.stringify(dtype)}`, (w) => ((w as Record<string, unknown>).dtype = dtype), 'refused');
  entryCase('quantized', (w) => (w.quantization = { dtype: 'uint8', min: 0, scale: 0.01 }), 'refused', /quantized/);
  entryCase('renamed', (w) => (w.name = 'somebody/else'), 'refused', /no weights for|lists/);
  entryCase('named "__proto__"', (w) => (w.name = '__proto__'), 'refused');
  entryCase('listed twice', (w, all) => all.push({ ...w }), 'refused');
  entryCase('an extra zero-size weight', (_w, all) => all.push({ name: 'extra/kernel', shape: [0], dtype: 'float32' }), 'refused', /lists \d+ weights/);
  entryCase('two entries swapped (same bytes, values land in the wrong tensors)', (_w, all) => all.reverse(), 'either');
  entryCase('two shapes transposed (same size, wrong layout)', (_w, all) => {
    const k = all.findIndex((w) => w.shape.length === 2 && w.shape[0] !== w.shape[1]);
    all[k].shape = [...all[k].shape].reverse();
  }, 'refused', /shape/);
  docCase('weights paths point outside ("../../etc/passwd")', (d) => (d.weightsManifest[0].paths = ['../../etc/passwd']), 'either');

  // ---- Weights bytes: sizes and values.
  const bytesCase = (name: string, w: (b: TextModelBundle) => ArrayBuffer, expect: ModelCase['expect'], pattern?: RegExp) => add(`weights.bin ${name}`, (s) => ({ ...s.gru, weights: w(s.gru) }), expect, pattern);
  bytesCase('is empty', () => new ArrayBuffer(0), 'refused', /bytes but model.json describes/);
  for (const cut of [1, 3, 4, 100]) bytesCase(`lacks its last ${cut} byte(s)`, (b) => b.weights.slice(0, b.weights.byteLength - cut), 'refused', /bytes but model.json describes/);
  bytesCase('is cut in half', (b) => b.weights.slice(0, b.weights.byteLength >> 1), 'refused', /bytes but model.json describes/);
  for (const extra of [1, 4, 1_000_000]) {
    bytesCase(`has ${extra} extra byte(s)`, (b) => {
      const out = new Uint8Array(b.weights.byteLength + extra);
      out.set(new Uint8Array(b.weights));
      return out.buffer;
    }, 'refused', /bytes but model.json describes/);
  }
  bytesCase('is twice as long (the file repeated)', (b) => {
    const out = new Uint8Array(b.weights.byteLength * 2);
    out.set(new Uint8Array(b.weights));
    out.set(new Uint8Array(b.weights), b.weights.byteLength);
    return out.buffer;
  }, 'refused', /bytes but model.json describes/);
  bytesCase('holds one NaN', (b) => poisoned(b, Number.NaN, [5]), 'refused', /NaN|finite/);
  bytesCase('holds one Infinity', (b) => poisoned(b, Infinity, [0]), 'refused', /Infinity|finite/);
  bytesCase('is all NaN', (b) => poisoned(b, Number.NaN, 'all'), 'refused', /NaN|finite/);
  bytesCase('is all the largest float32 (3.4e38)', (b) => poisoned(b, 3.4028234663852886e38, 'all'), 'either');
  bytesCase('is all subnormal', (b) => poisoned(b, 1e-45, 'all'), 'accepted');
  bytesCase('is all -0', (b) => poisoned(b, -0, 'all'), 'accepted');

  // ---- Topology: layers the app cannot run, shapes that do not match, size bombs.
  const topo = (name: string, edit: (doc: ModelJsonDoc) => void, expect: ModelCase['expect'] = 'refused', pattern?: RegExp, seed: keyof SeedBundles = 'gru') =>
    docCase(`model.json: ${name}`, edit, expect, pattern, seed);
  topo('modelTopology is null', (d) => ((d as Record<string, unknown>).modelTopology = null), 'refused', /modelTopology/);
  topo('modelTopology is an array', (d) => ((d as Record<string, unknown>).modelTopology = []), 'refused', /modelTopology/);
  topo('no layers', (d) => (d.modelTopology.config.layers = []), 'refused');
  topo('layers is a string', (d) => ((d.modelTopology.config as Record<string, unknown>).layers = 'gru'), 'refused');
  topo('an unknown model class', (d) => (d.modelTopology.class_name = 'Transformer'), 'refused');
  topo('an unknown layer class (Lambda: arbitrary code in Keras)', (d) => (layer(d, 'GRU').class_name = 'Lambda'), 'refused');
  topo('a Conv2D instead of the GRU', (d) => (layer(d, 'GRU').class_name = 'Conv2D'), 'refused');
  topo('the output layer removed', (d) => layers(d).splice(layers(d).indexOf(layer(d, 'Dense')), 1), 'refused');
  for (const units of [9, 7, 0, -1, 1.5, '8', null]) topo(`Dense units ${JSON.stringify(units)} (the vocabulary does not match)`, (d) => (layer(d, 'Dense').config.units = units), 'refused');
  for (const units of [5, 3, 0, -4, 'four']) topo(`GRU units ${JSON.stringify(units)} (the sidecar does not match)`, (d) => (layer(d, 'GRU').config.units = units), 'refused');
  topo('GRU activation relu', (d) => (layer(d, 'GRU').config.activation = 'relu'), 'refused', /activation/);
  topo('GRU returns only the last step', (d) => (layer(d, 'GRU').config.return_sequences = false), 'refused');
  topo('GRU goes backwards', (d) => (layer(d, 'GRU').config.go_backwards = true), 'refused');
  topo('GRU reset_after', (d) => (layer(d, 'GRU').config.reset_after = true), 'refused');
  topo('GRU without a bias', (d) => (layer(d, 'GRU').config.use_bias = false), 'refused');
  topo('Dense activation relu', (d) => (layer(d, 'Dense').config.activation = 'relu'), 'refused', /activation/);
  topo('Embedding input_dim 9 (the vocabulary does not match)', (d) => (layer(d, 'Embedding').config.input_dim = 9), 'refused');
  topo('Embedding takes one-hot input shape', (d) => (layer(d, 'InputLayer').config.batch_input_shape = [null, null, 8]), 'refused');
  // Size bombs whose allocation fails at once (over V8's typed-array limit): they must still end in a message.
  topo('Dense units 2^33 (a size bomb)', (d) => (layer(d, 'Dense').config.units = 2 ** 33), 'refused');
  topo('Embedding input_dim 2^31 (a size bomb)', (d) => (layer(d, 'Embedding').config.input_dim = 2 ** 31), 'refused');
  // Consistent files (topology, manifest and weights agree) that break the app's limits on a model.
  add('model.json: embedding width 1,100 (over the 1,024 limit), with matching weights', (s) => withDoc(s.gru, (d) => widenEmbedding(d, 1100), weightsFor), 'refused');
  add('model.json: a Dropout layer with rate 5 (over [0, 1))', (s) => withDoc(s.gru, (d) => insertDropout(d, 5)), 'refused');
  add('model.json: a Dropout layer with rate 1 (drops everything: division by zero in training)', (s) => withDoc(s.gru, (d) => insertDropout(d, 1)), 'refused');
  add('model.json: a Dropout layer with rate -1', (s) => withDoc(s.gru, (d) => insertDropout(d, -1)), 'refused');
  add('model.json: a Dropout layer with rate "0.5" (a string)', (s) => withDoc(s.gru, (d) => insertDropout(d, '0.5')), 'either');
  topo('one-hot SimpleRNN: layers of different widths', (d) => (layers(d).filter((l) => l.class_name === 'SimpleRNN')[1].config.units = 5), 'refused', undefined, 'rnn');
  topo('one-hot SimpleRNN: a GRU mixed in', (d) => (layers(d).filter((l) => l.class_name === 'SimpleRNN')[1].class_name = 'GRU'), 'refused', undefined, 'rnn');

  // ---- The sidecar (text-model.json).
  const side = (name: string, make: (b: TextModelBundle) => unknown, expect: ModelCase['expect'], pattern?: RegExp) => add(`sidecar: ${name}`, (s) => make(s.gru), expect, pattern);
  for (const [name, v] of [['missing', undefined], ['null', null], ['an array', []], ['a string', 'text-model.json']] as const) side(`is ${name}`, (b) => ({ ...b, sidecar: v }), 'refused', /sidecar/);
  side('has a foreign format', (b) => withSidecar(b, { format: 'something-else' }), 'refused', /sidecar/);
  side('version 2', (b) => withSidecar(b, { version: 2 }), 'refused', /version/);
  side('engine "keras"', (b) => withSidecar(b, { engine: 'keras' }), 'refused', /engine/);
  side('engine "scratch" (a from-scratch model with a model.json)', (b) => withSidecar(b, { engine: 'scratch' }), 'refused', /from-scratch/);
  side('no model settings', (b) => withSidecar(b, { model: undefined }), 'refused', /model, train or vocab/);
  side('no train settings', (b) => withSidecar(b, { train: undefined }), 'refused', /model, train or vocab/);
  side('no vocabulary', (b) => withSidecar(b, { vocab: undefined }), 'refused', /model, train or vocab/);
  for (const [k, v] of [['cell', 'transformer'], ['layers', 0], ['layers', 4], ['layers', '1'], ['layers', 1.5], ['hidden', 0], ['hidden', 1025], ['hidden', -1], ['hidden', 'x'], ['input', 'bytes'], ['embedding', 0], ['embedding', 2000], ['dropout', 1], ['dropout', -0.1], ['vocabSize', 1e9], ['vocabSize', 0]] as const) {
    side(`model.${k} = ${JSON.stringify(v)}`, (b) => withModel(b, { [k]: v }), 'refused', /settings|vocabulary/);
  }
  side('model.hidden 5 (disagrees with model.json)', (b) => withModel(b, { hidden: 5 }), 'refused', /does not match/);
  side('model.input "onehot" (disagrees with model.json)', (b) => withModel(b, { input: 'onehot' }), 'refused', /does not match/);
  side('model.cell "lstm" (disagrees with model.json)', (b) => withModel(b, { cell: 'lstm' }), 'refused', /does not match/);
  side('model.embedding 5 (disagrees with model.json)', (b) => withModel(b, { embedding: 5 }), 'either');
  side('model.vocabSize 9 (disagrees with the vocabulary)', (b) => withModel(b, { vocabSize: 9 }), 'refused', /vocabulary/);
  for (const [k, v] of [['seqLength', 0], ['seqLength', 1e6], ['seqLength', '8'], ['batchSize', 0], ['optimizer', 'lbfgs'], ['learningRate', 0], ['learningRate', -1], ['learningRate', Infinity], ['learningRate', Number.NaN], ['learningRate', '0.01'], ['clipNorm', -1], ['clipNorm', Number.NaN], ['seed', Number.NaN], ['seed', undefined], ['seed', '1']] as const) {
    side(`train.${k} = ${String(typeof v === 'string' ? JSON.stringify(v) : v)}`, (b) => withTrain(b, { [k]: v }), 'refused', /settings/);
  }
  side('vocabulary symbols missing', (b) => withVocab(b, { symbols: undefined }), 'refused', /vocabulary/);
  side('vocabulary symbols empty', (b) => withVocab(b, { symbols: [] }), 'refused', /vocabulary/);
  side('vocabulary one symbol short (does not match the model)', (b) => withVocab(b, { symbols: b.sidecar.vocab.symbols.slice(1) }), 'refused', /vocabulary/);
  side('vocabulary one symbol long (does not match the model)', (b) => withVocab(b, { symbols: [...b.sidecar.vocab.symbols, 'Ω'] }), 'refused', /vocabulary/);
  side('vocabulary reordered (same size: undetectable, the model reads other letters)', (b) => withVocab(b, { symbols: [...b.sidecar.vocab.symbols].reverse() }), 'either');
  for (const [name, sym] of [['a duplicate', 'DUP'], ['two characters in one entry', 'ab'], ['a ZWJ sequence', '👨‍👩‍👧'], ['a lone surrogate', '\uD800'], ['a number', 7], ['null', null], ['an empty string', '']] as const) {
    side(`vocabulary with ${name}`, (b) => {
      const symbols: unknown[] = [...b.sidecar.vocab.symbols];
      symbols[1] = sym === 'DUP' ? symbols[0] : sym;
      return withVocab(b, { symbols });
    }, 'refused', /vocabulary/);
  }
  for (const v of [99, 0, 'x', null]) side(`vocabulary unknown index ${JSON.stringify(v)}`, (b) => withVocab(b, { unknown: v }), 'refused', /vocabulary|unknown/);
  // Fields the importer passes on: they must come out well-typed (or be refused), never raw.
  for (const v of ['abc', -5, 1.5, {}, 0]) side(`vocabulary minCount ${JSON.stringify(v)}`, (b) => withVocab(b, { minCount: v }), 'either');
  for (const v of ['yes', 1, null]) side(`vocabulary lowercase ${JSON.stringify(v)}`, (b) => withVocab(b, { lowercase: v }), 'either');
  for (const v of [-1, 'x', 1.5, Infinity, Number.NaN, 2 ** 60]) side(`step ${String(v)}`, (b) => withSidecar(b, { step: v }), 'either');
  for (const [name, history] of [
    ['not a list', 'history'],
    ['garbage entries', [null, 1, 'x', [], { step: 'a' }]],
    ['a non-finite loss', [{ step: 1, train: Infinity, elapsedMs: 1 }]],
    ['a NaN loss', [{ step: 1, train: Number.NaN, elapsedMs: 1 }]],
    ['a string validation loss', [{ step: 1, train: 2, valid: '<img src=x onerror=alert(1)>', elapsedMs: 1 }]],
    ['an object elapsed time', [{ step: 1, train: 2, elapsedMs: {} }]],
    ['a negative step', [{ step: -5, train: 2, elapsedMs: 1 }]],
    ['100,000 entries', Array.from({ length: 100_000 }, (_, i) => ({ step: i, train: 2, elapsedMs: i }))],
  ] as const) side(`history with ${name}`, (b) => withSidecar(b, { history }), 'either');
  side('savedAt is a number', (b) => withSidecar(b, { savedAt: 42 }), 'either');
  side('an own "__proto__" key (from JSON)', (b) => ({ ...b, sidecar: { ...JSON.parse('{"__proto__": {"polluted": true}}'), ...b.sidecar } }), 'accepted');
  return c;
}

/**
 * Broken layer graphs (see isGraphWiring): each must be refused with a message, not hang. Run in worker
 * threads with a watchdog, because TensorFlow.js 4.22 loops forever on some of them.
 */
export function graphCases(): ModelCase[] {
  const c: ModelCase[] = [];
  const add = (name: string, edit: (d: ModelJsonDoc) => void) => c.push({ name: `model.json graph: ${name}`, make: (s) => withDoc(s.gru, edit), expect: 'refused' });
  add('an inbound node naming a layer that does not exist', (d) => (layer(d, 'Dense').inbound_nodes = [[['ghost', 0, 0, {}]]]));
  add('an inbound node naming a layer by number', (d) => (layer(d, 'GRU').inbound_nodes = [[[0, 0, 0, {}]]]));
  add('the GRU renamed (the Dense input dangles)', (d) => {
    layer(d, 'GRU').name = 'renamed';
    layer(d, 'GRU').config.name = 'renamed';
  });
  add('the Embedding removed (the GRU input dangles)', (d) => layers(d).splice(layers(d).indexOf(layer(d, 'Embedding')), 1));
  add('a cycle: the GRU takes the Dense output', (d) => (layer(d, 'GRU').inbound_nodes = [[['dense_Dense1', 0, 0, {}]]]));
  add('a layer that takes itself as input', (d) => (layer(d, 'GRU').inbound_nodes = [[['gru_GRU1', 0, 0, {}]]]));
  add('the GRU without inbound nodes', (d) => (layer(d, 'GRU').inbound_nodes = []));
  add('output_layers naming a layer that does not exist', (d) => (d.modelTopology.config.output_layers = [['ghost', 0, 0]]));
  add('input_layers naming a layer that does not exist', (d) => (d.modelTopology.config.input_layers = [['ghost', 0, 0]]));
  add('no input_layers', (d) => (d.modelTopology.config.input_layers = []));
  add('two layers with the same name', (d) => (layer(d, 'Embedding').name = layer(d, 'GRU').name));
  add('an inbound node index out of range', (d) => (layer(d, 'Dense').inbound_nodes = [[['gru_GRU1', 7, 0, {}]]]));
  return c;
}

/** Every hostile model case for `seed`: the named ones, every sidecar field × hostile value, random mutations. */
export function modelCases(seed: number): ModelCase[] {
  const cases = [...namedCases(), ...sidecarFieldCases()];
  const root = new FuzzRandom(seed);

  // Random mutations of the sidecar (as an in-memory value, the way IndexedDB returns it) ...
  const sidecarRnd = root.fork('sidecar mutations');
  for (let i = 0; i < 60; i++) {
    const pick = sidecarRnd.uint32();
    cases.push({
      name: `random sidecar mutation #${i} (seed ${seed})`,
      make: (s) => {
        const m = new JsonMutator(JSON.parse(JSON.stringify(s.gru.sidecar))).mutate(new FuzzRandom(pick));
        return { ...s.gru, sidecar: toLive(m.value) };
      },
      expect: 'either',
    });
  }
  // ... of model.json (as text, so NaN and 1e999 appear literally) ...
  const jsonRnd = root.fork('model.json mutations');
  for (let i = 0; i < 60; i++) {
    const pick = jsonRnd.uint32();
    const which: keyof SeedBundles = i % 3 === 2 ? 'rnn' : 'gru';
    cases.push({
      name: `random model.json mutation #${i} of the ${which} seed (seed ${seed})`,
      make: (s) => {
        const base = JSON.parse(s[which].modelJson) as unknown;
        const m = new JsonMutator(base, (path) => !isGraphWiring(path)).mutate(new FuzzRandom(pick));
        return { ...s[which], modelJson: toJsonText(m.value) };
      },
      expect: 'either',
    });
  }
  // ... and of the weights' bytes (values only: the size stays right).
  const byteRnd = root.fork('weight byte flips');
  for (let i = 0; i < 20; i++) {
    const flips = Array.from({ length: byteRnd.range(1, 8) }, () => [byteRnd.next(), byteRnd.uint32() & 0xff] as const);
    cases.push({
      name: `random weight bytes #${i} (seed ${seed})`,
      make: (s) => {
        const bytes = new Uint8Array(s.gru.weights.slice(0));
        for (const [at, v] of flips) bytes[Math.floor(at * bytes.length)] = v;
        return { ...s.gru, weights: bytes.buffer };
      },
      expect: 'either',
    });
  }
  return cases;
}

/**
 * Paths that wire the layer graph: layer names, inbound nodes, the model's input and output lists, whole
 * layers. TensorFlow.js 4.22's deserializer loops forever on a reference to a layer that does not exist, so
 * mutations there run in worker threads with a watchdog (hostile-model-graph.test.ts), never in-process.
 */
export function isGraphWiring(path: JsonPath): boolean {
  const inLayers = path[0] === 'modelTopology' && path[1] === 'config';
  if (!inLayers) return false;
  if (path[2] === 'input_layers' || path[2] === 'output_layers') return true;
  if (path[2] !== 'layers') return false;
  if (path.length <= 4) return true; // the list itself, or a whole layer
  return path[4] === 'name' || path[4] === 'inbound_nodes' || (path[4] === 'config' && path[5] === 'name');
}

/** Hostile values for every field of the seed's sidecar (exhaustive, one case per field × value). */
function sidecarFieldCases(): ModelCase[] {
  const fields: JsonPath[] = [['format'], ['version'], ['engine'], ['model'], ['model', 'cell'], ['model', 'layers'], ['model', 'hidden'], ['model', 'vocabSize'], ['train'], ['train', 'seqLength'], ['train', 'learningRate'], ['vocab'], ['vocab', 'symbols'], ['vocab', 'unknown'], ['step'], ['history']];
  const out: ModelCase[] = [];
  for (const path of fields) {
    for (const [i, h] of HOSTILE_VALUES.entries()) {
      out.push({
        name: `sidecar.${path.join('.')} = ${h.name}`,
        make: (s) => ({ ...s.gru, sidecar: toLive(new JsonMutator(s.gru.sidecar).replacementsAt(path)[i].value) }),
        expect: 'either',
      });
    }
  }
  return out;
}

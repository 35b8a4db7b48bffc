// Hostile reference files (tests/fixtures/*.json and anything a user points the CLI at): seeded mutations of
// the two real fixtures — every top-level key removed or replaced by every hostile value, random edits deep in
// the weight matrices — plus JSON text that is not a reference at all.
import { readFileSync } from 'node:fs';
import { deeplyNested, HOSTILE_VALUES, JsonMutator, toJsonText, toLive, type JsonPath } from './jsonMutator';
import type { Expectation } from './outcome';
import { FuzzRandom } from './random';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

export interface ReferenceCase extends Expectation {
  name: string;
  /** The MLP reference as parsed JSON (parseMlpReference takes a value). */
  mlp?: () => unknown;
  /** The min-char-rnn reference as text (parseReferenceFile takes the file's text). */
  rnnText?: () => string;
}

const MLP_REQUIRED = ['X', 'y', 'hidden', 'passes', 'epsilon', 'reg_lambda', 'init'];
const RNN_REQUIRED = ['corpus', 'vocab', 'hidden', 'seq_length', 'learning_rate', 'steps', 'init'];

const NOT_REFERENCES: [string, string][] = [
  ['an empty file', ''],
  ['null', 'null'],
  ['an array', '[]'],
  ['a number', '42'],
  ['NaN (not JSON)', 'NaN'],
  ['arrays nested 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['an unterminated object', '{"corpus": "abc", "vocab": ['],
  ['5 MB of whitespace', ' '.repeat(5_000_000)],
];

const NOT_REFERENCE_VALUES: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['an array', []],
  ['a number', 42],
  ['a string', '{"X": []}'],
  ['arrays nested 2,000 deep', deeplyNested(2000)],
  ['a 5 MB string', ' '.repeat(5_000_000)],
];

export function referenceCases(seed: number): ReferenceCase[] {
  const mlpBase = fixture('mlp_moons_seed0_h3.json');
  const rnnBase = fixture('minchar_rnn_small.json');
  const mlp = new JsonMutator(mlpBase);
  const rnn = new JsonMutator(rnnBase);
  const cases: ReferenceCase[] = [];

  cases.push({ name: 'the MLP fixture (sanity)', mlp: () => mlpBase, expect: 'accepted' });
  cases.push({ name: 'the RNN fixture (sanity)', rnnText: () => JSON.stringify(rnnBase), expect: 'accepted' });
  for (const [name, text] of NOT_REFERENCES) cases.push({ name: `RNN reference is ${name}`, rnnText: () => text, expect: 'refused' });
  for (const [name, value] of NOT_REFERENCE_VALUES) cases.push({ name: `MLP reference is ${name}`, mlp: () => value, expect: 'refused' });
  cases.push({ name: 'RNN reference with a BOM', rnnText: () => `\uFEFF${JSON.stringify(rnnBase)}`, expect: 'either' });
  cases.push({ name: 'RNN reference with a NaN weight (Python json.dump writes NaN)', rnnText: () => JSON.stringify(rnnBase).replace(/("bh":\s*\[)[^,\]]+/, '$1NaN'), expect: 'refused' });
  cases.push({ name: 'RNN reference with an overflowing weight (1e400)', rnnText: () => JSON.stringify(rnnBase).replace(/("bh":\s*\[)[^,\]]+/, '$11e400'), expect: 'refused' });
  cases.push({ name: 'RNN reference whose corpus has a character outside the vocabulary', rnnText: () => JSON.stringify({ ...rnnBase, corpus: `${String(rnnBase.corpus)}€` }), expect: 'refused' });
  cases.push({ name: 'RNN reference whose corpus has a lone surrogate', rnnText: () => JSON.stringify({ ...rnnBase, corpus: `${String(rnnBase.corpus)}\uD800` }), expect: 'refused' });

  // Every required key removed, and every top-level key replaced by every hostile value.
  for (const key of MLP_REQUIRED) cases.push({ name: `MLP reference without "${key}"`, mlp: () => toLive(mlp.deletions((p) => p.length === 1 && p[0] === key)[0].value), expect: 'refused' });
  for (const key of RNN_REQUIRED) cases.push({ name: `RNN reference without "${key}"`, rnnText: () => toJsonText(rnn.deletions((p) => p.length === 1 && p[0] === key)[0].value), expect: 'refused' });
  const replace = (m: JsonMutator, path: JsonPath) => m.replacementsAt(path);
  for (const key of Object.keys(mlpBase)) {
    for (const [i] of HOSTILE_VALUES.entries()) cases.push({ name: `MLP reference ${replace(mlp, [key])[i].description}`, mlp: () => toLive(replace(mlp, [key])[i].value), expect: 'either' });
  }
  for (const key of Object.keys(rnnBase)) {
    for (const [i] of HOSTILE_VALUES.entries()) cases.push({ name: `RNN reference ${replace(rnn, [key])[i].description}`, rnnText: () => toJsonText(replace(rnn, [key])[i].value), expect: 'either' });
  }

  // Random edits anywhere, most of them deep inside the data and weight matrices.
  const root = new FuzzRandom(seed);
  const mlpRnd = root.fork('mlp reference mutations');
  for (let i = 0; i < 100; i++) {
    const m = mlp.mutate(mlpRnd);
    cases.push({ name: `random MLP reference mutation #${i}: ${m.description} (seed ${seed})`, mlp: () => toLive(m.value), expect: 'either' });
  }
  const rnnRnd = root.fork('rnn reference mutations');
  for (let i = 0; i < 100; i++) {
    const m = rnn.mutate(rnnRnd);
    cases.push({ name: `random RNN reference mutation #${i}: ${m.description} (seed ${seed})`, rnnText: () => toJsonText(m.value), expect: 'either' });
  }
  return cases;
}

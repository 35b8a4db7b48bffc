// Hostile shared links for the Classify lab (#/classify?s=…, base64url JSON of the lab's state): random
// bytes and characters, overlong links, JSON that is not a state, huge values, missing fields, wrong types,
// deep nesting, and every field of a valid state replaced by every hostile value.
import { PRESETS } from '../../../src/core/datasets';
import { LIMITS } from '../../../src/core/limits';
import { MAX_HIDDEN, MIN_HIDDEN } from '../../../src/core/mlp/types';
import { RATES, type LabState } from '../../../src/labs/classify/labState';
import { JsonMutator, HOSTILE_VALUES, pathText, RawJson, toJsonText, type JsonPath } from './jsonMutator';
import type { HostileCase } from './outcome';
import { FuzzRandom } from './random';

/** base64url without padding, as the app writes links (the app's encoder is not used: it is under test). */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const linkOf = (jsonText: string) => base64Url(new TextEncoder().encode(jsonText));

/** A drawn state with every field away from its default, the base of the mutations. */
export const BASE_STATE: LabState = {
  data: { preset: 'drawn', count: 120, noise: 0.35, classes: 3, seed: 12345, testFraction: 0.25 },
  net: {
    engine: 'tfjs-cpu',
    hidden: 7,
    activation: 'relu',
    learningRate: 0.05,
    reg: 0.001,
    batchMode: 'mini',
    batchSize: 16,
    reduction: 'mean',
    optimizer: 'adam',
    initSeed: 99,
    rate: 3000,
  },
  points: [
    { x: 0.5, y: -1.25, label: 0 },
    { x: -3, y: 2.75, label: 1 },
    { x: 1e-3, y: 4e5, label: 2 },
  ],
};

/** The state as the link format writes it (points as [x, y, label] triples). */
export function wireForm(state: LabState): unknown {
  return { v: 1, data: state.data, net: state.net, points: state.points ? state.points.map((p) => [p.x, p.y, p.label]) : null };
}

const ENGINES = ['scratch', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu'] as const;
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;

/** Random valid states (for the round trip): every field drawn across its whole range. */
export function randomStates(seed: number, count: number): LabState[] {
  const rnd = new FuzzRandom(seed).fork('lab states');
  const nonZero = (scale: number) => (rnd.next() - 0.5) * 2 * scale || 0.5;
  const out: LabState[] = [];
  for (let i = 0; i < count; i++) {
    const drawn = rnd.chance(0.5);
    const points = drawn
      ? Array.from({ length: rnd.range(0, 300) }, () => ({ x: nonZero(10 ** rnd.range(-3, 6)), y: nonZero(10 ** rnd.range(-3, 6)), label: rnd.int(6) }))
      : null;
    out.push({
      data: {
        preset: drawn ? 'drawn' : rnd.pick(PRESETS).id,
        count: rnd.range(1, 5000),
        noise: rnd.next() * 2,
        classes: rnd.range(2, 6),
        seed: rnd.uint32(),
        testFraction: rnd.next() * 0.5,
      },
      net: {
        engine: rnd.pick(ENGINES),
        hidden: rnd.range(MIN_HIDDEN, MAX_HIDDEN),
        activation: rnd.pick(ACTIVATIONS),
        learningRate: rnd.next() * 100,
        reg: rnd.next() * 10,
        batchMode: rnd.pick(['full', 'mini'] as const),
        batchSize: rnd.range(1, 5000),
        reduction: rnd.pick(['sum', 'mean'] as const),
        optimizer: rnd.pick(OPTIMIZERS),
        initSeed: rnd.uint32(),
        rate: rnd.pick(RATES).value,
      },
      points,
    });
  }
  return out;
}

export interface LinkCase extends HostileCase<string> {
  /** The same document as an in-memory value, for decodeState (localStorage and links share it). */
  live?: () => unknown;
}

/** Hostile JSON documents written as links: none of them is a lab state. */
const NOT_STATES: [string, () => string][] = [
  ['an empty document', () => ''],
  ['null', () => 'null'],
  ['true', () => 'true'],
  ['a number', () => '1'],
  ['a string', () => '"state"'],
  ['an array', () => '[1, {"v": 1}]'],
  ['an empty object', () => '{}'],
  ['only the version', () => '{"v": 1}'],
  ['version 2', () => toJsonText({ ...(wireForm(BASE_STATE) as object), v: 2 })],
  ['version "1" (a string)', () => toJsonText({ ...(wireForm(BASE_STATE) as object), v: '1' })],
  ['version 1e999 (Infinity)', () => toJsonText({ ...(wireForm(BASE_STATE) as object), v: new RawJson('1e999', Infinity) })],
  ['NaN (not JSON)', () => toJsonText({ ...(wireForm(BASE_STATE) as object), v: new RawJson('NaN', Number.NaN) })],
  ['arrays nested 100,000 deep', () => '['.repeat(100_000) + ']'.repeat(100_000)],
  ['objects nested 50,000 deep', () => '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
  ['an unterminated deep nesting', () => '['.repeat(100_000)],
  ['truncated JSON', () => toJsonText(wireForm(BASE_STATE)).slice(0, 50)],
  ['a trailing comma', () => toJsonText(wireForm(BASE_STATE)).replace(/}$/, ',}')],
  ['single quotes', () => toJsonText(wireForm(BASE_STATE)).replace(/"/g, "'")],
  ['a comment', () => `/* hi */${toJsonText(wireForm(BASE_STATE))}`],
  ['duplicate "v" keys, the last wrong', () => toJsonText(wireForm(BASE_STATE)).replace(/^\{/, '{"v":1,').replace(/}$/, ',"v":3}')],
  ['data and net swapped', () => toJsonText({ v: 1, data: BASE_STATE.net, net: BASE_STATE.data, points: null })],
];

/** Every hostile link case, in a fixed order, for `seed`. */
export function linkCases(seed: number): LinkCase[] {
  const cases: LinkCase[] = [];
  const add = (c: LinkCase) => cases.push(c);
  const maxChars = LIMITS.sharedLink.maxChars;
  const base = wireForm(BASE_STATE);
  const asLink = (doc: unknown) => linkOf(toJsonText(doc));

  add({ name: 'the base state (sanity)', make: () => asLink(base), live: () => base, expect: 'accepted' });

  // ---- Not base64url, or too long.
  add({ name: 'an empty parameter', make: () => '', expect: 'refused' });
  add({ name: `${maxChars + 1} characters (over the limit)`, make: () => 'A'.repeat(maxChars + 1), expect: 'refused', pattern: /too long/ });
  add({ name: `10 MB of characters`, make: () => 'A'.repeat(10_000_000), expect: 'refused', pattern: /too long/ });
  add({ name: `exactly ${maxChars} characters of garbage (not "too long", but damaged)`, make: () => 'A'.repeat(maxChars), expect: 'refused', pattern: /damaged/ });
  for (const [name, text] of [
    ['padding "="', `${asLink(base)}==`],
    ['standard base64 "+" and "/"', '+/+/+/+/'],
    ['a space (a "+" decoded by URLSearchParams)', 'eyJ2Ijox fQ'],
    ['percent-escapes', '%7B%22v%22%3A1%7D'],
    ['raw JSON instead of base64', '{"v":1}'],
    ['a NUL', 'eyJ2\u0000'],
    ['an emoji', 'eyJ2😀'],
    ['a lone surrogate', 'eyJ2\uD800'],
    ['a right-to-left override', '\u202EeyJ2Ijox'],
    ['one base64 character (an impossible length)', 'e'],
    ['five base64 characters (an impossible length)', 'eyJ2I'],
  ] as const) {
    add({ name: `a link with ${name}`, make: () => text, expect: 'refused' });
  }

  // ---- Valid base64url of bytes that are not UTF-8 JSON of a state.
  add({ name: 'bytes that are not UTF-8 (FF FE)', make: () => base64Url(Uint8Array.from([0xff, 0xfe, 0x7b, 0x7d])), expect: 'refused' });
  add({ name: 'an encoded surrogate in UTF-8 (ED A0 80)', make: () => base64Url(Uint8Array.from([0x22, 0xed, 0xa0, 0x80, 0x22])), expect: 'refused' });
  add({ name: 'UTF-16LE JSON', make: () => base64Url(Uint8Array.from(Array.from(toJsonText(base)).flatMap((c) => [c.charCodeAt(0), 0]))), expect: 'refused' });
  add({ name: 'a UTF-8 BOM before valid JSON', make: () => base64Url(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(toJsonText(base))])), expect: 'either' });
  for (const [name, json] of NOT_STATES) add({ name: `JSON: ${name}`, make: () => linkOf(json()), expect: 'refused' });

  // ---- Size: the most points a link may carry, and one more.
  const manyPoints = (n: number) => ({ ...(base as object), points: Array.from({ length: n }, (_, i) => [(i % 97) / 7 - 5, (i % 89) / 9 - 4, i % 6]) });
  add({ name: `${LIMITS.sharedLink.maxPoints} points (the limit)`, make: () => asLink(manyPoints(LIMITS.sharedLink.maxPoints)), live: () => manyPoints(LIMITS.sharedLink.maxPoints), expect: 'accepted' });
  add({ name: `${LIMITS.sharedLink.maxPoints + 1} points`, make: () => asLink(manyPoints(LIMITS.sharedLink.maxPoints + 1)), live: () => manyPoints(LIMITS.sharedLink.maxPoints + 1), expect: 'refused', pattern: /too many points/ });
  add({ name: '100,000 points (refused by the length limit before decoding)', make: () => asLink(manyPoints(100_000)), expect: 'refused', pattern: /too long/ });
  const far = LIMITS.sharedLink.maxAbsCoordinate;
  for (const [name, p] of [
    [`x = ${far} (the limit)`, [far, 0, 0]],
    [`y = -${far} (the limit)`, [0, -far, 1]],
  ] as const) add({ name: `a point with ${name}`, make: () => asLink({ ...(base as object), points: [p] }), live: () => ({ ...(base as object), points: [p] }), expect: 'accepted' });
  for (const [name, p] of [
    [`x = ${far * 10}`, [far * 10, 0, 0]],
    ['y = 1e308', [0, 1e308, 0]],
    ['label 6', [0, 0, 6]],
    ['label 1.5', [0, 0, 1.5]],
    ['label -1', [0, 0, -1]],
    ['two numbers', [0, 0]],
    ['four numbers', [0, 0, 0, 0]],
    ['strings', ['0', '0', '0']],
    ['an object', { x: 0, y: 0, label: 0 }],
    ['null', null],
  ] as const) add({ name: `a point with ${name}`, make: () => asLink({ ...(base as object), points: [p] }), live: () => ({ ...(base as object), points: [p] }), expect: 'refused', pattern: /point 1/ });

  // ---- Every field: removed, and replaced by every hostile value.
  const mutator = new JsonMutator(base);
  const isPointPath = (path: JsonPath) => path[0] === 'points';
  for (const m of mutator.deletions()) {
    // Removing the version, data, net, any of their fields or a point's coordinate breaks the state. Removing
    // the points or one point does not; nor does removing net.rate (links made before it existed lack it).
    const optional = (isPointPath(m.path) && m.path.length <= 2) || pathText(m.path) === 'net.rate';
    add({ name: `link ${m.description}`, make: () => asLink(m.value), live: () => m.value, expect: optional ? 'either' : 'refused' });
  }
  const leaves: JsonPath[] = [['v'], ...Object.keys(BASE_STATE.data).map((k) => ['data', k]), ...Object.keys(BASE_STATE.net).map((k) => ['net', k]), ['points'], ['points', 0], ['points', 0, 0], ['points', 0, 2]];
  for (const path of leaves) {
    const original = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], base);
    for (const [i, m] of mutator.replacementsAt(path).entries()) {
      const hostile = HOSTILE_VALUES[i].value;
      add({ name: `link ${m.description}`, make: () => asLink(m.value), live: () => m.value, expect: replacementExpectation(path, original, hostile) });
    }
  }

  // ---- Random: bytes, characters, base64url soup, and mutations of the valid state.
  const rnd = new FuzzRandom(seed);
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
  const soup = rnd.fork('base64url soup');
  for (let i = 0; i < 100; i++) {
    const s = soup.string(soup.range(0, 3000), b64);
    add({ name: `random base64url #${i} (seed ${seed})`, make: () => s, expect: 'either' });
  }
  const bytes = rnd.fork('random bytes');
  for (let i = 0; i < 60; i++) {
    const s = base64Url(bytes.bytes(bytes.range(0, 2000)));
    add({ name: `random bytes as base64url #${i} (seed ${seed})`, make: () => s, expect: 'either' });
  }
  const chars = rnd.fork('random characters');
  const anyChars = [...b64, '=', '+', '/', '%', ' ', '\u0000', '😀', '\uD800', '\u202E', '?', '&', '#'];
  for (let i = 0; i < 40; i++) {
    const s = chars.string(chars.range(1, 500), anyChars);
    add({ name: `random characters #${i} (seed ${seed})`, make: () => s, expect: 'either' });
  }
  const mut = rnd.fork('state mutations');
  for (let i = 0; i < 150; i++) {
    const m = mutator.mutate(mut);
    add({ name: `random mutation #${i}: ${m.description} (seed ${seed})`, make: () => asLink(m.value), live: () => m.value, expect: 'either' });
  }
  return cases;
}

/**
 * Whether replacing the field at `path` (originally `original`) by `hostile` must be refused. A numeric field
 * given a finite number inside [0, 1] may be valid; every other hostile value is the wrong type, not finite,
 * or outside every field's range.
 */
function replacementExpectation(path: JsonPath, original: unknown, raw: unknown): 'refused' | 'either' {
  const hostile = raw instanceof RawJson ? raw.live : raw;
  if (path[0] === 'points') return 'either';
  if (pathText(path) === 'v') return 'refused';
  if (typeof original === 'number' && typeof hostile === 'number' && hostile >= 0 && hostile <= 1) return 'either';
  if (path[1] === 'rate' && typeof hostile === 'number' && Number.isFinite(hostile) && hostile >= 0) return 'either';
  return 'refused';
}

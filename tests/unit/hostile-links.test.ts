// Hostile shared links (and saved states, which use the same decoder) against the Classify lab's codec: every
// case ends in a complete, valid state or a clear message; nothing throws, nothing is polluted or mutated;
// valid states survive the round trip exactly.
import { describe, expect, it } from 'vitest';
import { findPreset, MAX_CLASSES } from '../../src/core/datasets';
import { LIMITS } from '../../src/core/limits';
import type { LabState } from '../../src/labs/classify/labState';
import { decodeState, encodeState, MAX_SHARED_POINTS, stateFromLinkParam, stateToLinkParam } from '../../src/labs/classify/stateCodec';
import { toLive } from './fuzz/jsonMutator';
import { BASE_STATE, linkCases, randomStates, wireForm } from './fuzz/linkCases';
import { CaseLog, fromResult } from './fuzz/outcome';
import { HOSTILE_FLOORS, HOSTILE_SEED, LINK_STATES, recordCaseCount } from './fuzz/suite';

const log = new CaseLog();
const cases = linkCases(HOSTILE_SEED);
const liveCases = cases.filter((c) => c.live);
const states = randomStates(HOSTILE_SEED, LINK_STATES);

const DATA_KEYS = Object.keys(BASE_STATE.data).sort();
const NET_KEYS = Object.keys(BASE_STATE.net).sort();
const ENUMS: Record<string, readonly string[]> = {
  engine: ['scratch', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu'],
  activation: ['tanh', 'relu', 'sigmoid'],
  batchMode: ['full', 'mini'],
  reduction: ['sum', 'mean'],
  optimizer: ['sgd', 'momentum', 'adam'],
};

/** Why an accepted state is not a complete, usable LabState, or null. Written from the type, not the codec. */
function stateProblem(s: LabState): string | null {
  if (typeof s !== 'object' || s === null) return 'not an object';
  const keys = (o: object) => Object.keys(o).sort().join(',');
  if (keys(s.data) !== DATA_KEYS.join(',')) return `data has keys [${keys(s.data)}], expected [${DATA_KEYS}]`;
  if (keys(s.net) !== NET_KEYS.join(',')) return `net has keys [${keys(s.net)}], expected [${NET_KEYS}]`;
  const { data, net } = s;
  if (typeof data.preset !== 'string' || (data.preset !== 'drawn' && !findPreset(data.preset))) return `unknown preset ${String(data.preset)}`;
  for (const [k, v] of [...Object.entries(data), ...Object.entries(net)]) {
    if (k in ENUMS) {
      if (!ENUMS[k].includes(v as string)) return `net.${k} is ${String(v)}`;
    } else if (k !== 'preset' && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) return `${k} is ${String(v)}`;
  }
  if (s.points !== null) {
    if (!Array.isArray(s.points)) return 'points is neither null nor a list';
    if (s.points.length > LIMITS.sharedLink.maxPoints) return `${s.points.length} points`;
    for (const [i, p] of s.points.entries()) {
      if (keys(p) !== 'label,x,y') return `point ${i} has keys [${keys(p)}]`;
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || Math.abs(p.x) > LIMITS.sharedLink.maxAbsCoordinate || Math.abs(p.y) > LIMITS.sharedLink.maxAbsCoordinate) return `point ${i} is at (${p.x}, ${p.y})`;
      if (!Number.isInteger(p.label) || p.label < 0 || p.label >= MAX_CLASSES) return `point ${i} has label ${p.label}`;
    }
  }
  return null;
}

/** JSON with sorted keys: equal states give equal text whatever order their keys were written in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );
}

describe('hostile shared links', () => {
  it(`every link ends in a valid state or a clear message (${cases.length} links, seed ${HOSTILE_SEED})`, () => {
    const mark = log.mark();
    const before = canonical(wireForm(BASE_STATE));
    for (const c of cases) {
      const param = c.make();
      log.judge(c.name, fromResult(() => stateFromLinkParam(param)), c, (r) => (r.ok ? stateProblem(r.value) : null));
    }
    log.note('the base state', canonical(wireForm(BASE_STATE)) === before ? null : 'a case modified the shared base document');
    log.note('Object.prototype', ({} as Record<string, unknown>).polluted === undefined ? null : 'polluted by a "__proto__" key');
    expect(log.since(mark), log.report('links', mark)).toEqual([]);
  });

  it(`saved states and link payloads decoded in memory (NaN, -0, deep nesting) end the same way (${liveCases.length} values)`, () => {
    const mark = log.mark();
    for (const c of liveCases) {
      const raw = toLive(c.live?.());
      const snapshot = canonical(raw);
      log.judge(`decodeState: ${c.name}`, fromResult(() => decodeState(raw)), c, (r) => (r.ok ? stateProblem(r.value) : null));
      log.note(`decodeState: ${c.name}`, canonical(raw) === snapshot ? null : 'decodeState modified its input');
    }
    expect(log.since(mark), log.report('decodeState', mark)).toEqual([]);
  });

  it('values JSON cannot hold (cycles, throwing getters, proxies, BigInt, symbols, functions) are refused', () => {
    const mark = log.mark();
    const cyclic: Record<string, unknown> = { v: 1 };
    cyclic.data = cyclic;
    const throwing = { v: 1, get data(): never { throw new Error('getter exploded'); } };
    const proxy = new Proxy({}, { get() { throw new TypeError('proxy trap'); }, ownKeys() { throw new TypeError('proxy trap'); } });
    const odd: [string, unknown][] = [
      ['a cycle', cyclic],
      ['a throwing getter', throwing],
      ['a throwing proxy', proxy],
      ['a BigInt version', { ...(wireForm(BASE_STATE) as object), v: 1n }],
      ['a BigInt count', { ...(wireForm(BASE_STATE) as object), data: { ...BASE_STATE.data, count: 120n } }],
      ['a symbol preset', { ...(wireForm(BASE_STATE) as object), data: { ...BASE_STATE.data, preset: Symbol('drawn') } }],
      ['a function', () => wireForm(BASE_STATE)],
      ['a Date', new Date(0)],
      ['a Map', new Map([['v', 1]])],
    ];
    for (const [name, raw] of odd) log.judge(`decodeState: ${name}`, fromResult(() => decodeState(raw)), { expect: 'refused' });
    expect(log.since(mark), log.report('odd values', mark)).toEqual([]);
  });

  it(`${LINK_STATES} random valid states survive link → state and save → load exactly`, () => {
    const mark = log.mark();
    for (const [i, s] of states.entries()) {
      const viaLink = fromResult(() => stateFromLinkParam(stateToLinkParam(s)));
      log.judge(`link round trip #${i}`, viaLink, { expect: 'accepted' }, (r) => (r.ok && canonical(r.value) !== canonical(s) ? `came back different: ${diff(r.value, s)}` : null));
      const viaStorage = fromResult(() => decodeState(JSON.parse(JSON.stringify(encodeState(s)))));
      log.judge(`storage round trip #${i}`, viaStorage, { expect: 'accepted' }, (r) => (r.ok && canonical(r.value) !== canonical(s) ? `came back different: ${diff(r.value, s)}` : null));
    }
    expect(log.since(mark), log.report('round trip', mark)).toEqual([]);
  });

  it('the codec enforces the limits in src/core/limits.ts', () => {
    expect(MAX_SHARED_POINTS).toBe(LIMITS.sharedLink.maxPoints);
    const r = stateFromLinkParam('A'.repeat(LIMITS.sharedLink.maxChars + 1));
    expect(r.ok ? '' : r.error).toMatch(/too long/);
  });

  it('messages that quote the input show it safely: no raw control characters or bidi overrides', () => {
    expect(log.display, `${log.display.length} message(s) would display wrongly:\n  ${log.display.slice(0, 20).join('\n  ')}`).toEqual([]);
  });

  it(`reports the number of cases run (at least ${HOSTILE_FLOORS.link})`, () => {
    recordCaseCount('link', log);
    expect(log.ran).toBe(cases.length + liveCases.length + 9 + 2 * LINK_STATES);
    expect(log.ran).toBeGreaterThanOrEqual(HOSTILE_FLOORS.link);
  });
});

/** The first top-level field where two states differ, for a readable failure. */
function diff(a: LabState, b: LabState): string {
  for (const part of ['data', 'net'] as const) {
    for (const k of new Set([...Object.keys(a[part]), ...Object.keys(b[part])])) {
      const x = (a[part] as unknown as Record<string, unknown>)[k];
      const y = (b[part] as unknown as Record<string, unknown>)[k];
      if (!Object.is(x, y)) return `${part}.${k} is ${String(x)}, was ${String(y)}`;
    }
  }
  return 'points differ';
}

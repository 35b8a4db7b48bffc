// Validation of a LabState from untrusted places: the autosave, a shared link, an old version of the app.
// Anything malformed is rejected with a message naming the problem; nothing is half-applied.
import { findPreset, MAX_CLASSES, type Point } from '../../core/datasets';
import { MAX_HIDDEN, MIN_HIDDEN } from '../../core/mlp/types';
import { fromBase64Url, toBase64Url } from '../../ui/base64Url';
import { DEFAULT_STATE, type DataSpec, type LabState, type NetSettings } from './labState';

export const MAX_SHARED_POINTS = 5000;
const ENGINES = ['scratch', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu'] as const;
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(obj: Record<string, unknown>, key: string, lo: number, hi: number, integer = false): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`"${key}" must be a number`);
  if (v < lo || v > hi) throw new Error(`"${key}" must be between ${lo} and ${hi}`);
  if (integer && !Number.isInteger(v)) throw new Error(`"${key}" must be a whole number`);
  return v;
}

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const v = obj[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new Error(`"${key}" must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function parseData(raw: unknown): DataSpec {
  if (!isObject(raw)) throw new Error('"data" is missing');
  const preset = raw.preset;
  if (typeof preset !== 'string' || (preset !== 'drawn' && !findPreset(preset))) throw new Error('"data.preset" is unknown');
  return {
    preset,
    count: num(raw, 'count', 1, 5000, true),
    noise: num(raw, 'noise', 0, 2),
    classes: num(raw, 'classes', 2, MAX_CLASSES, true),
    seed: num(raw, 'seed', 0, 2 ** 32 - 1, true),
    testFraction: num(raw, 'testFraction', 0, 0.5),
  };
}

function parseNet(raw: unknown): NetSettings {
  if (!isObject(raw)) throw new Error('"net" is missing');
  return {
    engine: oneOf(raw, 'engine', ENGINES),
    hidden: num(raw, 'hidden', MIN_HIDDEN, MAX_HIDDEN, true),
    activation: oneOf(raw, 'activation', ACTIVATIONS),
    learningRate: num(raw, 'learningRate', 0, 100),
    reg: num(raw, 'reg', 0, 10),
    batchMode: oneOf(raw, 'batchMode', ['full', 'mini'] as const),
    batchSize: num(raw, 'batchSize', 1, 5000, true),
    reduction: oneOf(raw, 'reduction', ['sum', 'mean'] as const),
    optimizer: oneOf(raw, 'optimizer', OPTIMIZERS),
    initSeed: num(raw, 'initSeed', 0, 2 ** 32 - 1, true),
    // Added after the first release: absent in older saved states.
    rate: raw.rate === undefined ? DEFAULT_STATE.net.rate : num(raw, 'rate', 0, 1e6),
  };
}

function parsePoints(raw: unknown, maxPoints: number): Point[] | null {
  if (raw === null || raw === undefined) return null;
  if (!Array.isArray(raw)) throw new Error('"points" must be a list');
  if (raw.length > maxPoints) throw new Error(`too many points (at most ${maxPoints.toLocaleString('en-US')})`);
  // Points travel compactly as [x, y, label] triples.
  return raw.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 3) throw new Error(`point ${i + 1} must be [x, y, label]`);
    const [x, y, label] = p as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) {
      throw new Error(`point ${i + 1} has a bad coordinate`);
    }
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= MAX_CLASSES) {
      throw new Error(`point ${i + 1} has a bad class`);
    }
    return { x, y, label };
  });
}

/**
 * A LabState from untrusted JSON. `maxPoints` defaults to the shared-link limit; the lab's own autosave
 * passes the CSV import limit, so anything the lab accepted survives a reload.
 */
export function decodeState(raw: unknown, maxPoints = MAX_SHARED_POINTS): Result<LabState> {
  try {
    if (!isObject(raw)) throw new Error('not an object');
    if (raw.v !== 1) throw new Error('unknown version');
    return { ok: true, value: { data: parseData(raw.data), net: parseNet(raw.net), points: parsePoints(raw.points, maxPoints) } };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export function encodeState(state: LabState): unknown {
  return {
    v: 1,
    data: state.data,
    net: state.net,
    points: state.points ? state.points.map((p) => [p.x, p.y, p.label]) : null,
  };
}

// ---- Shared links: the state as base64url JSON in the hash, e.g. #/classify?s=eyJ2Ijox…

const MAX_LINK_CHARS = 400_000;

export function stateToLinkParam(state: LabState): string {
  return toBase64Url(JSON.stringify(encodeState(state)));
}

/** The state in a shared link's `s` parameter, or a message saying why it can't be used. */
export function stateFromLinkParam(param: string): Result<LabState> {
  if (param.length > MAX_LINK_CHARS) return { ok: false, error: 'The shared link is too long.' };
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(param));
  } catch {
    // The parser's own message would echo the decoded bytes (control characters included): say it plainly.
    return { ok: false, error: 'The shared link is damaged (it was cut short or changed).' };
  }
  const decoded = decodeState(raw);
  return decoded.ok ? decoded : { ok: false, error: `The shared link is not a valid setup: ${decoded.error}.` };
}

export { DEFAULT_STATE };

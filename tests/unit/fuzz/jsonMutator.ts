// Seeded mutations of a valid JSON document (a shared-link state, a model's sidecar, a reference file): the
// hostile inputs that are *almost* right, which is where validators slip. Each mutation copies only the
// containers on its path, so the base document is shared, never modified (the suite checks that too).
import type { FuzzRandom } from './random';

export type JsonPath = (string | number)[];

/**
 * A value as it appears in JSON text, written verbatim: `1e999` (parses to Infinity), `-0`, or `NaN` (not
 * JSON at all). `live` is what an in-memory consumer (structured clone, IndexedDB) would hold instead.
 */
export class RawJson {
  constructor(
    readonly text: string,
    readonly live: unknown,
  ) {}
}

export interface HostileValue {
  name: string;
  value: unknown;
}

/** Arrays nested `depth` deep, built without recursion: [[[…[]…]]]. */
export function deeplyNested(depth: number): unknown[] {
  let v: unknown[] = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** The replacements every mutation draws from: wrong types, edges of the number line, size bombs. */
export const HOSTILE_VALUES: readonly HostileValue[] = [
  { name: 'null', value: null },
  { name: 'true', value: true },
  { name: 'false', value: false },
  { name: 'an empty string', value: '' },
  { name: 'a word', value: 'banana' },
  { name: 'a numeric string', value: '1' },
  { name: '-1', value: -1 },
  { name: '0', value: 0 },
  { name: '0.5', value: 0.5 },
  { name: '1e308', value: 1e308 },
  { name: '-1e308', value: -1e308 },
  { name: '2^53 + 2', value: 2 ** 53 + 2 },
  { name: 'Infinity (1e999)', value: new RawJson('1e999', Infinity) },
  { name: '-Infinity (-1e999)', value: new RawJson('-1e999', -Infinity) },
  { name: 'NaN', value: new RawJson('NaN', Number.NaN) },
  { name: '-0', value: new RawJson('-0', -0) },
  { name: 'an empty array', value: [] },
  { name: 'an empty object', value: {} },
  { name: 'an array of numbers', value: [1, 2, 3] },
  // JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead).
  { name: 'an own "__proto__" key', value: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') },
  { name: 'arrays nested 2,000 deep', value: deeplyNested(2000) },
  { name: 'a 100 kB string', value: 'A'.repeat(100_000) },
  { name: 'an array of 10,000 zeros', value: new Array<number>(10_000).fill(0) },
  { name: 'NUL, a lone surrogate and RTL override', value: '\u0000\uD800\u202Eevil' },
];

/** JSON text for `value`, writing RawJson tokens verbatim (so the text may be deliberately invalid). */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `@@RAW_${raws.length - 1}@@`;
    }
    return v;
  });
  return raws.length === 0 ? text : text.replace(/"@@RAW_(\d+)@@"/g, (_m, i: string) => raws[Number(i)]);
}

/** The value an in-memory consumer would see: RawJson tokens replaced by their live values. */
export function toLive(value: unknown): unknown {
  if (value instanceof RawJson) return value.live;
  if (Array.isArray(value)) return value.some((v) => v instanceof RawJson || typeof v === 'object') ? value.map(toLive) : value;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, toLive(v));
    return out;
  }
  return value;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && !(v instanceof RawJson);
}

/** Every path in `value` (the root excluded), in document order; containers and leaves alike. */
export function allPaths(value: unknown, maxPaths = 100_000): JsonPath[] {
  const out: JsonPath[] = [];
  const stack: [unknown, JsonPath][] = [[value, []]];
  while (stack.length && out.length < maxPaths) {
    const [v, path] = stack.pop() as [unknown, JsonPath];
    if (path.length) out.push(path);
    if (!isContainer(v)) continue;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], [...path, entries[i][0]]]);
  }
  return out;
}

export function getAt(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const key of path) v = isContainer(v) ? (v as Record<string | number, unknown>)[key] : undefined;
  return v;
}

/** A copy of `base` with the node at `path` replaced (`remove`: deleted), copying only the path's containers. */
export function withValueAt(base: unknown, path: JsonPath, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  if (Array.isArray(base)) {
    const copy = base.slice();
    if (remove && rest.length === 0) copy.splice(Number(key), 1);
    else copy[Number(key)] = withValueAt(base[Number(key)], rest, replacement, remove);
    return copy;
  }
  if (!isContainer(base)) return base;
  const record = base as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) setOwn(copy, k, v);
  if (remove && rest.length === 0) delete copy[String(key)];
  else setOwn(copy, String(key), withValueAt(record[String(key)], rest, replacement, remove));
  return copy;
}

/** obj[key] = value, but as an own data property even for "__proto__" (plain assignment would set the prototype). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function pathText(path: JsonPath): string {
  return path.length === 0 ? '(root)' : path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
}

export interface Mutant {
  description: string;
  /** The mutated document (may hold RawJson tokens: use toJsonText or toLive). */
  value: unknown;
  /** The path that was changed, and whether the change removed it. */
  path: JsonPath;
  removed: boolean;
}

/** Draws mutations of one base document. */
export class JsonMutator {
  private readonly paths: JsonPath[];

  /** `only` restricts random mutations to some paths (deletions and replacementsAt take explicit paths). */
  constructor(
    readonly base: unknown,
    only: (path: JsonPath) => boolean = () => true,
  ) {
    this.paths = allPaths(base).filter(only);
  }

  /** Every single-node deletion among the mutable paths (one case per path: exhaustive "missing field" checks). */
  deletions(filter: (path: JsonPath) => boolean = () => true): Mutant[] {
    return this.paths.filter(filter).map((path) => ({ description: `without ${pathText(path)}`, value: withValueAt(this.base, path, undefined, true), path, removed: true }));
  }

  /** Every hostile value at `path`. */
  replacementsAt(path: JsonPath): Mutant[] {
    return HOSTILE_VALUES.map((h) => ({ description: `${pathText(path)} = ${h.name}`, value: withValueAt(this.base, path, h.value), path, removed: false }));
  }

  /** One random mutation. */
  mutate(rnd: FuzzRandom): Mutant {
    const path = rnd.pick(this.paths);
    const old = getAt(this.base, path);
    const where = pathText(path);
    const op = rnd.next();
    if (op < 0.5) {
      const h = rnd.pick(HOSTILE_VALUES);
      return { description: `${where} = ${h.name}`, value: withValueAt(this.base, path, h.value), path, removed: false };
    }
    if (op < 0.7) return { description: `without ${where}`, value: withValueAt(this.base, path, undefined, true), path, removed: true };
    if (op < 0.85) {
      // Same content, wrong type: 0.5 ⇄ "0.5", [a, b] → {0: a, 1: b}, {k: v} → [v].
      let retyped: unknown;
      if (typeof old === 'number') retyped = String(old);
      else if (typeof old === 'string') retyped = Number.isNaN(Number(old)) ? old.length : Number(old);
      else if (Array.isArray(old)) retyped = Object.fromEntries(old.map((v, i) => [String(i), v]));
      else if (isContainer(old)) retyped = Object.values(old);
      else retyped = [old];
      return { description: `${where} retyped`, value: withValueAt(this.base, path, retyped), path, removed: false };
    }
    if (op < 0.95) {
      // Grown: an array repeated, a string repeated, a number scaled up.
      const k = rnd.range(2, 50);
      let grown: unknown;
      if (Array.isArray(old)) grown = Array.from({ length: k }, () => old).flat();
      else if (typeof old === 'string') grown = old.repeat(Math.min(k * 100, Math.ceil(200_000 / Math.max(1, old.length))));
      else if (typeof old === 'number') grown = old * 10 ** rnd.range(3, 12);
      else grown = [old, old];
      return { description: `${where} grown ×${k}`, value: withValueAt(this.base, path, grown), path, removed: false };
    }
    const parentPath = path.slice(0, -1);
    const parent = getAt(this.base, parentPath);
    const key = rnd.pick(['__proto__', 'constructor', 'toString', 'extra']);
    const h = rnd.pick(HOSTILE_VALUES);
    if (isContainer(parent) && !Array.isArray(parent)) {
      return { description: `${pathText(parentPath)} gains key "${key}" = ${h.name}`, value: withValueAt(this.base, [...parentPath, key], h.value), path: [...parentPath, key], removed: false };
    }
    return { description: `${where} = ${h.name}`, value: withValueAt(this.base, path, h.value), path, removed: false };
  }
}

// Whether a text model setting fits a backend (resources.ts's estimate against resourceLimits.ts's limits),
// and if not, the largest setting that does, in plain words:
//   "This setting needs about 3.1 GB …; the WebAssembly heap holds at most 4.3 GB. Batch 96 fits."
//
// Levels: 'refuse' when a known limit (or an assumed budget's ceiling) is exceeded (it would end in a library's
// out-of-memory error or, on WebGPU, in silently wrong results); 'warn' when the setting uses more than `warnAt` (default 70%) of a
// known limit or exceeds an assumed budget; 'fits' otherwise.
//
// The suggestion shrinks one setting at a time, in the order that costs the model least: the batch (same
// model, noisier steps), then the window (shorter memory), then the hidden width (a smaller model); if none
// alone is enough, batch and window go to their minimum and the hidden width is searched. Each search is a
// bisection: the estimate grows with each of the three (tests check it over the allowed ranges).
import { estimateResources, type ResourceEstimate, type ResourceSetting } from './resources';
import type { BackendLimits, Budget } from './resourceLimits';

export type ResourceLevel = 'fits' | 'warn' | 'refuse';

export interface ResourceCheck {
  /** What was compared: the peak memory, the largest buffer, or the largest texture. */
  kind: 'memory' | 'buffer' | 'texture';
  /** Needed and available, in bytes (texture: in values). */
  need: number;
  have: number;
  known: boolean;
  name: string;
  /** An assumed budget's ceiling (see Budget). */
  ceiling?: number;
}

/** The three settings the suggestion may change. */
export interface SizeSetting {
  batchSize: number;
  seqLength: number;
  hidden: number;
}

export interface ResourceVerdict {
  level: ResourceLevel;
  estimate: ResourceEstimate;
  checks: ResourceCheck[];
  /** The largest smaller setting that fits (level 'fits'); null when the setting fits or nothing does. */
  suggestion: SizeSetting | null;
  /** Plain words for the page and the CLI; null when the setting fits. */
  message: string | null;
}

export interface VerdictOptions {
  /** Fraction of a known limit above which the verdict warns (default 0.7). */
  warnAt?: number;
  /** The smallest values the suggestion may use (the page's ranges; default 1 each). */
  minimum?: Partial<SizeSetting>;
}

export const DEFAULT_WARN_AT = 0.7;

/** "3.1 GB", "640 MB", "12 kB" (decimal units, as file sizes are shown). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${Math.round(bytes)} bytes`;
}

function checksOf(e: ResourceEstimate, limits: BackendLimits): ResourceCheck[] {
  const budget = (kind: ResourceCheck['kind'], need: number, b: Budget): ResourceCheck => ({ kind, need, have: b.bytes, known: b.known, name: b.name, ceiling: b.ceiling });
  const checks = [budget('memory', e.peakBytes, limits.memory)];
  if (limits.buffer) checks.push(budget('buffer', e.largest.bytes, limits.buffer));
  if (limits.maxTextureSize) {
    const side = limits.maxTextureSize;
    checks.push({ kind: 'texture', need: e.largest.values, have: side * side, known: true, name: `WebGL's largest texture (${side} × ${side} values)` });
  }
  return checks;
}

/** A known limit exceeded, or an assumed budget's ceiling. */
const exceeded = (c: ResourceCheck) => (c.known ? c.need > c.have : c.ceiling !== undefined && c.need > c.ceiling);

function levelOf(checks: ResourceCheck[], warnAt: number): ResourceLevel {
  let level: ResourceLevel = 'fits';
  for (const c of checks) {
    if (exceeded(c)) return 'refuse';
    if (c.known ? c.need > warnAt * c.have : c.need > c.have) level = 'warn';
  }
  return level;
}

function withSize(s: ResourceSetting, size: SizeSetting): ResourceSetting {
  return {
    ...s,
    model: { ...s.model, hidden: size.hidden },
    train: { ...s.train, batchSize: size.batchSize, seqLength: size.seqLength },
  };
}

/** The largest v in [lo, hi] with fits(v), or null (fits is monotone: true up to some v, false above). */
function largestFitting(lo: number, hi: number, fits: (v: number) => boolean): number | null {
  if (hi < lo || !fits(lo)) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The largest setting below `s` (one of batch, window, hidden shrunk; see the header) at level 'fits'. */
export function suggestSize(s: ResourceSetting, limits: BackendLimits, options: VerdictOptions = {}): SizeSetting | null {
  const warnAt = options.warnAt ?? DEFAULT_WARN_AT;
  const min: SizeSetting = { batchSize: 1, seqLength: 1, hidden: 1, ...options.minimum };
  const now: SizeSetting = { batchSize: s.train.batchSize, seqLength: s.train.seqLength, hidden: s.model.hidden };
  const fits = (size: SizeSetting) => levelOf(checksOf(estimateResources(withSize(s, size), limits.backend), limits), warnAt) === 'fits';
  const keys: (keyof SizeSetting)[] = ['batchSize', 'seqLength', 'hidden'];
  for (const key of keys) {
    const v = largestFitting(Math.min(min[key], now[key]), now[key], (x) => fits({ ...now, [key]: x }));
    if (v !== null) return { ...now, [key]: v };
  }
  const floor = { ...now, batchSize: Math.min(min.batchSize, now.batchSize), seqLength: Math.min(min.seqLength, now.seqLength) };
  const hidden = largestFitting(Math.min(min.hidden, now.hidden), now.hidden, (h) => fits({ ...floor, hidden: h }));
  return hidden === null ? null : { ...floor, hidden };
}

const LABELS: Record<keyof SizeSetting, string> = { batchSize: 'batch', seqLength: 'window', hidden: 'hidden' };

function describeSuggestion(now: SizeSetting, size: SizeSetting | null): string {
  if (!size) {
    return 'Even the smallest batch, window and hidden width do not fit: use fewer distinct characters (raise the minimum count), an embedding input, or another engine.';
  }
  const changed = (Object.keys(LABELS) as (keyof SizeSetting)[]).filter((k) => size[k] !== now[k]).map((k) => `${LABELS[k]} ${size[k]}`);
  const list = changed.length > 1 ? `${changed.slice(0, -1).join(', ')} and ${changed[changed.length - 1]}` : changed[0];
  return `${list[0].toUpperCase()}${list.slice(1)} ${changed.length > 1 ? 'fit' : 'fits'}.`;
}

function describeNeed(e: ResourceEstimate): string {
  // The part that dominates, when one does.
  const parts: [number, string][] = [
    [e.activations, 'activations kept for the backward pass'],
    [e.stepGradients, 'per-step pieces of the weight gradients, which TensorFlow.js keeps until the backward pass ends'],
    [e.evaluation > e.step ? e.evaluation : 0, 'a validation pass'],
    [e.weights + e.optimizer + e.snapshot, `${e.params.toLocaleString('en-US')} weights with their optimiser state`],
  ];
  const [bytes, what] = parts.reduce((a, b) => (b[0] > a[0] ? b : a));
  return `about ${formatBytes(e.peakBytes)}${bytes > 0.3 * e.peakBytes ? `, ${formatBytes(bytes)} of it for ${what}` : ''}`;
}

function describeCheck(c: ResourceCheck, e: ResourceEstimate): string {
  if (c.kind === 'memory') {
    if (!c.known && c.ceiling !== undefined && c.need > c.ceiling) {
      return `This setting needs ${describeNeed(e)}: more than a browser can give one page (${c.name} is assumed to hold about ${formatBytes(c.have)}, and this app refuses past ${formatBytes(c.ceiling)}).`;
    }
    return c.known
      ? `This setting needs ${describeNeed(e)}; ${c.name} holds at most ${formatBytes(c.have)}.`
      : `This setting needs ${describeNeed(e)}; ${c.name} is assumed to hold about ${formatBytes(c.have)} (the browser does not say), so it may not fit.`;
  }
  const [rows, cols] = e.largest.shape;
  const what = `${e.largest.what.replace(/ \[.*\]$/, '')} (${rows.toLocaleString('en-US')} × ${cols.toLocaleString('en-US')} values)`;
  if (c.kind === 'texture') return `Its largest array, ${what}, does not fit ${c.name}.`;
  return c.known
    ? `Its largest array, ${what}, needs ${formatBytes(c.need)}; ${c.name} is ${formatBytes(c.have)}.`
    : `Its largest array, ${what}, needs ${formatBytes(c.need)}; ${c.name} is assumed to be ${formatBytes(c.have)}, so it may not fit.`;
}

/** Fits, warns or refuses `setting` on `limits`, with the numbers and the largest setting that fits. */
export function assessResources(setting: ResourceSetting, limits: BackendLimits, options: VerdictOptions = {}): ResourceVerdict {
  const warnAt = options.warnAt ?? DEFAULT_WARN_AT;
  const estimate = estimateResources(setting, limits.backend);
  const checks = checksOf(estimate, limits);
  const level = levelOf(checks, warnAt);
  if (level === 'fits') return { level, estimate, checks, suggestion: null, message: null };
  // The check behind the level: for a refusal the most exceeded known limit, else the closest to its limit.
  const behind = checks.filter((c) => (level === 'refuse' ? exceeded(c) : c.known ? c.need > warnAt * c.have : c.need > c.have));
  const worst = behind.reduce((a, b) => (b.need / b.have > a.need / a.have ? b : a));
  const suggestion = suggestSize(setting, limits, options);
  const now: SizeSetting = { batchSize: setting.train.batchSize, seqLength: setting.train.seqLength, hidden: setting.model.hidden };
  let text = describeCheck(worst, estimate);
  if (level === 'warn' && worst.known) {
    const percent = Math.round((100 * worst.need) / worst.have);
    text =
      worst.kind === 'texture'
        ? `This setting's largest array fills ${percent}% of ${worst.name}: training may fail on this GPU.`
        : `This setting needs ${percent}% of what ${worst.name} can hold (${formatBytes(worst.need)} of ${formatBytes(worst.have)}): training may fail for lack of memory.`;
  }
  return { level, estimate, checks, suggestion, message: `${text} ${describeSuggestion(now, suggestion)}` };
}

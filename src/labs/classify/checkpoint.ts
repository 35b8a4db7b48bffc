// A Classify training run's checkpoint: the weights and update count (and the loss history so far), tagged
// with the network and data they belong to, so a reload can offer "Resume from step N" only when the lab
// comes back to the same setup. Records come back from storage untrusted: parseCheckpoint validates them.
import type { Point } from '../../core/datasets';
import { checkParams, paramsAreFinite } from '../../core/mlp/params';
import type { MlpParams } from '../../core/mlp/types';
import type { HistoryRow } from '../../workers/classifyProtocol';
import type { DataSpec, NetSettings } from './labState';

export interface ClassifyCheckpoint {
  /** checkpointKey() of the setup the weights were trained on. */
  key: string;
  iteration: number;
  params: MlpParams;
  /** The loss/accuracy history up to `iteration` (at most MAX_CHECKPOINT_HISTORY rows, the newest). */
  history: HistoryRow[];
}

export const MAX_CHECKPOINT_HISTORY = 5000;

/** FNV-1a over the points' coordinates and labels: a cheap fingerprint of the data the run trained on. */
function pointsHash(points: readonly Point[]): string {
  let h = 0x811c9dc5;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (const p of points) mix(`${p.x},${p.y},${p.label};`);
  return h.toString(16);
}

/**
 * Which network on which data: the architecture and initialisation (what a new network is built from) and
 * the data set and its split. Training settings (learning rate, batching, …) may change and still resume.
 */
export function checkpointKey(net: NetSettings, classes: number, data: DataSpec, points: readonly Point[]): string {
  return JSON.stringify([net.engine, net.hidden, net.activation, net.initSeed, classes, data.testFraction, data.seed, points.length, pointsHash(points)]);
}

const isFloat64 = (v: unknown): v is Float64Array => v instanceof Float64Array;

/** A checkpoint read back from storage, or null when it is missing or not usable. */
export function parseCheckpoint(raw: unknown): ClassifyCheckpoint | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<ClassifyCheckpoint>;
  if (typeof r.key !== 'string' || typeof r.iteration !== 'number' || !Number.isInteger(r.iteration) || r.iteration < 0) return null;
  const p = r.params as Partial<MlpParams> | undefined;
  if (!p || !isFloat64(p.W1) || !isFloat64(p.b1) || !isFloat64(p.W2) || !isFloat64(p.b2) || typeof p.hidden !== 'number' || typeof p.classes !== 'number') return null;
  const params = p as MlpParams;
  try {
    checkParams(params);
  } catch {
    return null;
  }
  if (!paramsAreFinite(params)) return null;
  const history = Array.isArray(r.history)
    ? r.history.filter((row): row is HistoryRow => typeof row === 'object' && row !== null && typeof (row as HistoryRow).iteration === 'number').slice(-MAX_CHECKPOINT_HISTORY)
    : [];
  return { key: r.key, iteration: r.iteration, params, history };
}

// A page's JS heap by kind of object, from a DevTools heap snapshot (taken after a forced garbage collection):
// what the soak compares between the end of its warm-up and its end, so growth can be named.
//
// Snapshot format (V8): a flat `nodes` array, `node_fields` values per node (type, name, self_size, …);
// `type` indexes `node_types[0]`, `name` indexes `strings`. Objects are grouped by constructor name, other
// nodes by their type — "(code)" is V8's compiled code (bytecode and optimised machine code), which grows
// while the JIT tiers hot functions up and is not data the app keeps.
import type { CDPSession } from '@playwright/test';

export interface HeapSummary {
  /** Self size (bytes) and count per group. */
  groups: Map<string, { bytes: number; count: number }>;
  totalBytes: number;
  /** Bytes of "(code)" nodes. */
  codeBytes: number;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export async function heapSummary(cdp: CDPSession): Promise<HeapSummary> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snap = JSON.parse(chunks.join('')) as RawSnapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const stride = fields.length;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const groups = new Map<string, { bytes: number; count: number }>();
  let totalBytes = 0;
  for (let i = 0; i < snap.nodes.length; i += stride) {
    const type = types[snap.nodes[i + iType]];
    const named = type === 'object' || type === 'native' || type === 'closure';
    const name = named ? snap.strings[snap.nodes[i + iName]].slice(0, 60) : `(${type})`;
    const size = snap.nodes[i + iSize];
    const g = groups.get(name) ?? { bytes: 0, count: 0 };
    g.bytes += size;
    g.count++;
    groups.set(name, g);
    totalBytes += size;
  }
  return { groups, totalBytes, codeBytes: groups.get('(code)')?.bytes ?? 0 };
}

/** The groups that grew most from `a` to `b`: [name, bytes, count] deltas, largest first. */
export function topGrowth(a: HeapSummary, b: HeapSummary, n: number): [string, number, number][] {
  const rows: [string, number, number][] = [];
  for (const [name, g] of b.groups) {
    const before = a.groups.get(name) ?? { bytes: 0, count: 0 };
    rows.push([name, g.bytes - before.bytes, g.count - before.count]);
  }
  return rows.sort((x, y) => y[1] - x[1]).slice(0, n);
}

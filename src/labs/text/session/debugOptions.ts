// `#/text?debug` shows the fault-injection panel (DebugPanel); with it, `ckpt=N` checkpoints every N seconds
// (the e2e tests use it to get a checkpoint without waiting 30 s), and `autotimings=webgl:fail,wasm:9800`
// makes Auto take those figures (chars/s; anything not a number is a failure) and those backends as its
// candidates instead of timing (`autodelay=MS` waits that long per candidate, so the progress shows), and
// `autosoftware` makes Auto really time the software adapters and renderers too. `threads=N` (with or
// without debug) asks the worker for N WASM threads: 0 = one per core, 1 = single-threaded
// (InitRequest.wasmThreads).
import type { AutoTimings } from '../../../workers/textProtocol';

/** Read once from the URL when the lab mounts. */
export function debugOptions(): { debug: boolean; checkpointEveryMs?: number; autoTimings?: AutoTimings; wasmThreads?: number } {
  const hash = typeof window !== 'undefined' ? window.location.hash : '';
  const debug = /[?&]debug\b/.test(hash);
  const seconds = Number(/[?&]ckpt=(\d+(?:\.\d+)?)/.exec(hash)?.[1]);
  const threads = /[?&]threads=(\d+)/.exec(hash)?.[1];
  return {
    debug,
    checkpointEveryMs: debug && seconds > 0 ? seconds * 1000 : undefined,
    autoTimings: debug ? parseAutoTimings(hash) : undefined,
    wasmThreads: threads === undefined ? undefined : Number(threads),
  };
}

/** `autotimings=webgl:fail,wasm:9800` (and `autodelay=MS`), or `autosoftware`, from the hash, if present. */
export function parseAutoTimings(hash: string): AutoTimings | undefined {
  if (/[?&]autosoftware\b/.test(hash)) return { includeSoftware: true };
  const spec = /[?&]autotimings=([^&]*)/.exec(hash)?.[1];
  if (!spec) return undefined;
  const timings: Record<string, number | string> = {};
  let text: string;
  try {
    text = decodeURIComponent(spec);
  } catch {
    return undefined;
  }
  for (const part of text.split(',')) {
    const [backend, figure] = part.split(':');
    if (!backend || figure === undefined) continue;
    const n = Number(figure);
    timings[backend] = Number.isFinite(n) && figure.trim() !== '' ? n : `${figure} (injected)`;
  }
  const delayMs = Number(/[?&]autodelay=(\d+)/.exec(hash)?.[1]);
  return { timings, delayMs: delayMs > 0 ? delayMs : undefined };
}

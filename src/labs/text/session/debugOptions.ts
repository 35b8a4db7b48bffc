// `#/text?debug` shows the fault-injection panel (DebugPanel); with it, `ckpt=N` checkpoints every N seconds
// (the e2e tests use it to get a checkpoint without waiting 30 s). `threads=N` (with or without debug) asks
// the worker for N WASM threads: 0 = one per core, 1 = single-threaded (InitRequest.wasmThreads).

/** Read once from the URL when the lab mounts. */
export function debugOptions(): { debug: boolean; checkpointEveryMs?: number; wasmThreads?: number } {
  const hash = typeof window !== 'undefined' ? window.location.hash : '';
  const debug = /[?&]debug\b/.test(hash);
  const seconds = Number(/[?&]ckpt=(\d+(?:\.\d+)?)/.exec(hash)?.[1]);
  const threads = /[?&]threads=(\d+)/.exec(hash)?.[1];
  return { debug, checkpointEveryMs: debug && seconds > 0 ? seconds * 1000 : undefined, wasmThreads: threads === undefined ? undefined : Number(threads) };
}

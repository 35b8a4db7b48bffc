// `#/text?debug` shows the fault-injection panel (DebugPanel); with it, `ckpt=N` checkpoints every N seconds
// (the e2e tests use it to get a checkpoint without waiting 30 s). `threads=N` (with or without debug) asks
// the worker for N WASM threads, 1 = single-threaded (the bench compares the two).

/** Read once from the URL when the lab mounts. */
export function debugOptions(): { debug: boolean; checkpointEveryMs?: number; wasmThreads?: number } {
  const hash = typeof window !== 'undefined' ? window.location.hash : '';
  const debug = /[?&]debug\b/.test(hash);
  const seconds = Number(/[?&]ckpt=(\d+(?:\.\d+)?)/.exec(hash)?.[1]);
  const threads = Number(/[?&]threads=(\d+)/.exec(hash)?.[1]);
  return { debug, checkpointEveryMs: debug && seconds > 0 ? seconds * 1000 : undefined, wasmThreads: threads > 0 ? threads : undefined };
}

// Node only (vite.config.ts). Serves TensorFlow.js's two WASM-thread scripts as real same-origin files, so the
// threaded-SIMD build runs under the page's CSP (script-src 'self', no blob:).
//
// Why: tfjs-backend-wasm 4.x starts its pthread workers from blob: URLs — the worker script is a string
// (wasm-out/…threaded-simd.worker.js exports it as `wasmWorkerContents`) and the Emscripten main script it
// hands each thread is `new Blob([factory.toString()])`; each thread then `importScripts()` that blob, which
// script-src 'self' forbids (and the toString of a minified, bundled factory is not a script of its own).
// src/workers/wasmThreads.ts starts the same build with `locateFile` and `mainScriptUrlOrBlob` pointing at
// the two files this plugin provides instead:
//   tfjs-wasm-pthread-<hash>.js        the pthread worker (the package's worker string, written to a file)
//   tfjs-wasm-threaded-simd-<hash>.js  the Emscripten main script, unminified, as the package ships it
// Both come from the installed package at build time, so they always match its .wasm binary. The build emits
// them next to the worker chunks (assets/, precached by the service worker); the dev server serves them
// under /@tfjs-wasm-threads/. The virtual module `virtual:tfjs-wasm-threads` gives their URLs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:tfjs-wasm-threads';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const DEV_PREFIX = '/@tfjs-wasm-threads/';

export interface ThreadScript {
  fileName: string;
  source: string;
}

/** The two scripts, named by a hash of their contents. */
export function threadScripts(): { pthreadWorker: ThreadScript; mainScript: ThreadScript } {
  const require = createRequire(import.meta.url);
  const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js') as {
    wasmWorkerContents: string;
  };
  // As tfjs does before making its blob: the template literal turned the script's "\n" escapes into newlines.
  const worker = wasmWorkerContents.replace(/\n/g, '\\n');
  const main = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'), 'utf8');
  const named = (stem: string, source: string): ThreadScript => ({
    fileName: `${stem}-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`,
    source,
  });
  return { pthreadWorker: named('tfjs-wasm-pthread', worker), mainScript: named('tfjs-wasm-threaded-simd', main) };
}

/** The plugin. In `plugins` with `emit: true` (the page's build writes the two files, the dev server serves
 *  them with `devHeaders`: a worker script in a cross-origin-isolated page carries the isolation headers
 *  too); in `worker.plugins` with `emit: false` (the worker builds only need the virtual module). */
export function tfjsWasmThreads(options: { emit: boolean; devHeaders?: Readonly<Record<string, string>> }): Plugin {
  let scripts: ReturnType<typeof threadScripts> | undefined;
  const get = () => (scripts ??= threadScripts());
  let command: 'build' | 'serve' = 'serve';
  let assetsDir = 'assets';
  return {
    name: 'tfjs-wasm-threads',
    configResolved(config) {
      command = config.command;
      assetsDir = config.build.assetsDir;
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const { pthreadWorker, mainScript } = get();
      // Built, the files sit next to the worker chunks (assets/); a variable, not a literal, goes into
      // new URL() so that Vite does not try to resolve the names at build time.
      const path = (s: ThreadScript) => JSON.stringify(command === 'build' ? `./${s.fileName}` : `${DEV_PREFIX}${s.fileName}`);
      return [
        'const at = (path) => new URL(path, import.meta.url).href;',
        `export const WASM_THREAD_SCRIPTS = { pthreadWorker: at(${path(pthreadWorker)}), mainScript: at(${path(mainScript)}) };`,
      ].join('\n');
    },
    configureServer(server) {
      if (!options.emit) return;
      server.middlewares.use(DEV_PREFIX, (req, res, next) => {
        const name = (req.url ?? '').replace(/^\//, '').split('?')[0];
        const file = Object.values(get()).find((s) => s.fileName === name);
        if (!file) return next();
        for (const [key, value] of Object.entries(options.devHeaders ?? {})) res.setHeader(key, value);
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.end(file.source);
      });
    },
    generateBundle() {
      if (!options.emit || command !== 'build') return;
      for (const s of Object.values(get())) this.emitFile({ type: 'asset', fileName: `${assetsDir}/${s.fileName}`, source: s.source });
    },
  };
}

import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { buildSotuCorpus } from './src/node/sotuCorpus.ts';
import { tfjsWasmThreads } from './src/node/tfjsWasmThreads.ts';
import { CSP, HEADER_CSP, ISOLATION_HEADERS } from './src/site/csp.ts';

// The CSP lives in src/site/csp.ts (the service worker adds it too); re-exported for scripts that read it here.
export { CSP };

/** The dev server's policy relaxes only what hot reloading needs: React Refresh's inline preamble and the
 *  HMR websocket. Still no eval and no remote origins. */
const DEV_CSP = HEADER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
);

const CORPUS_PATH = 'corpus/sotu.txt';

/** Serves the embedded corpus in dev and emits it as a static asset at build time. */
function sotuCorpus(): Plugin {
  let cached: string | undefined;
  const corpus = () => (cached ??= buildSotuCorpus());
  return {
    name: 'sotu-corpus',
    configureServer(server) {
      server.middlewares.use(`/${CORPUS_PATH}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(corpus());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: CORPUS_PATH, source: corpus() });
    },
  };
}

/** The built page carries the CSP as a meta tag too (the dev server stays relaxed for hot reloading). */
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

/** Where the site is published (e.g. https://you.github.io/backprop-playground/), from $SITE_URL at build
 *  time: social previews need absolute URLs. Without it the tags point next to index.html. */
function siteUrl(): Plugin {
  const raw = process.env.SITE_URL?.trim();
  const base = raw ? (raw.endsWith('/') ? raw : `${raw}/`) : '';
  return {
    name: 'site-url',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => ({
        html: html.replaceAll('__SITE_URL__', base || './'),
        tags: base ? [{ tag: 'meta', attrs: { property: 'og:url', content: base }, injectTo: 'head' }] : [],
      }),
    },
  };
}

/** The service worker (src/site/sw.ts): precaches the whole build for offline use and adds the isolation
 *  headers on hosts that send none. Built with Workbox's injectManifest; nothing is registered in dev. */
function serviceWorker() {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/site',
    filename: 'sw.ts',
    injectRegister: false, // src/site/serviceWorker.ts registers it (after load, with the update offer)
    manifest: false, // public/manifest.webmanifest is written by hand
    devOptions: { enabled: false },
    injectManifest: {
      rollupFormat: 'iife',
      // The app shell, the workers, the WASM binaries, KaTeX's woff2 fonts (every browser that runs the app
      // reads woff2; the .woff/.ttf fallbacks stay on the server), the icons and the built-in corpus.
      globPatterns: ['**/*.{html,js,css,wasm,woff2,svg,png,ico,webmanifest}', 'corpus/*.txt'],
      globIgnores: ['social-preview.png'],
      // The workers bundle TensorFlow.js (~1 MB each; the CPU, WebGL and WebGPU backends are chunks of their
      // own, loaded when a worker needs them, and precached like every chunk). A file over the limit fails the
      // build (vite-plugin-pwa's default) rather than silently going missing offline.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    },
  });
}

export default defineConfig({
  base: './',
  plugins: [react(), sotuCorpus(), cspMeta(), siteUrl(), tfjsWasmThreads({ emit: true, devHeaders: ISOLATION_HEADERS }), serviceWorker()],
  // The workers import `virtual:tfjs-wasm-threads` (the URLs of the WASM-thread scripts, src/workers/wasmThreads.ts).
  worker: { format: 'es', plugins: () => [tfjsWasmThreads({ emit: false })] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { headers: { 'Content-Security-Policy': DEV_CSP, ...ISOLATION_HEADERS } },
  preview: { headers: { 'Content-Security-Policy': HEADER_CSP, ...ISOLATION_HEADERS } },
});

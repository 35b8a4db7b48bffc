import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { buildSotuCorpus } from './src/node/sotuCorpus.ts';

/** The page's Content-Security-Policy: no eval, no remote origins. WebAssembly needs 'wasm-unsafe-eval';
 *  KaTeX's rendered math carries inline style attributes, hence style-src 'unsafe-inline'. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The dev server's policy relaxes only what hot reloading needs: React Refresh's inline preamble and the
 *  HMR websocket. Still no eval and no remote origins. */
const DEV_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
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

export default defineConfig({
  base: './',
  plugins: [react(), sotuCorpus(), cspMeta()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { headers: { 'Content-Security-Policy': DEV_CSP } },
  preview: { headers: { 'Content-Security-Policy': CSP } },
});

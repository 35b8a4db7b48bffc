// The page's Content-Security-Policy and cross-origin isolation headers, in one place: the Vite config sends
// them from `npm start` / `npm run preview` and writes the CSP into the built page as a meta tag, the service
// worker adds them to what it serves on hosts that cannot send headers, and public/_headers repeats them for
// Netlify / Cloudflare Pages (a unit test keeps that file in step with this one). Only the headers carry
// frame-ancestors (HEADER_CSP): a meta tag cannot.

/** No eval and no remote origins. WebAssembly needs 'wasm-unsafe-eval'; KaTeX's rendered math carries inline
 *  style attributes, hence style-src 'unsafe-inline'. The service worker and the web manifest are same-origin
 *  (worker-src and default-src 'self' cover them). */
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

/** What the page's response headers add to CSP: any site may frame the document, so a course page can embed a
 *  lab (`#/classify?embed`). Routes are in the URL hash — one document for every lab — so no header can allow
 *  the labs alone; the app itself shows only the embed view when framed, and a card linking to the full
 *  playground for anything else (src/site/EmbedShell.tsx). A meta-tag CSP ignores frame-ancestors, which is
 *  why it is not in CSP. */
export const FRAME_ANCESTORS = 'frame-ancestors *';

/** The CSP as a response header: the page's policy plus framing (the service worker, `npm run preview`,
 *  public/_headers). */
export const HEADER_CSP = `${CSP}; ${FRAME_ANCESTORS}`;

/** Cross-origin isolation: `crossOriginIsolated` becomes true, which SharedArrayBuffer (WASM threads) and
 *  precise timers need. Everything the page loads is same-origin, so require-corp blocks nothing. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

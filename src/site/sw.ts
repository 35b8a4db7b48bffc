/// <reference lib="webworker" />
// The service worker (built by vite-plugin-pwa's injectManifest into dist/sw.js; production only).
//
// - Precaches the whole app at install: the page, its scripts and styles, the workers, the WASM binaries,
//   KaTeX's woff2 fonts, the icons and the built-in corpus (corpus/sotu.txt). Every URL carries a revision
//   (a content hash in the file name, or Workbox's revision for the rest), so after one visit both labs load
//   and train offline, and one service worker version only ever serves the files of one build.
// - A new version installs next to the old one and WAITS: the page shows "Update", and only when the user
//   accepts does the page post SKIP_WAITING; the new worker then takes over every tab and each reloads
//   (serviceWorker.ts). Until then the old worker keeps serving the old build, so no tab runs a mix.
// - Every same-origin response it serves gets COOP/COEP and the CSP (isolationHeaders.ts) where the host
//   sent none, so the page is cross-origin isolated on any static host once the worker is in control.
import { PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute, Route } from 'workbox-routing';
import { withIsolationHeaders } from './isolationHeaders';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

const precache = new PrecacheController();
precache.precache(self.__WB_MANIFEST); // adds the install (download) and activate (clean-up) listeners

// The first version takes control of the open page at once (there is nothing to mix with); an update only
// gets here after the user accepted it.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Precached files, from the cache. The app has no query strings of its own (its routes are in the hash), so
// any query is ignored when matching: `/?utm_source=x` is the page too.
const fromPrecache = new PrecacheRoute(precache, { ignoreURLParametersMatching: [/.*/] });
registerRoute(
  new Route(fromPrecache.match, async (options) => withIsolationHeaders(await fromPrecache.handler.handle(options)), 'GET'),
);

// Anything else from this origin (nothing the app needs), from the network, with the same headers.
registerRoute(
  new Route(({ sameOrigin }) => sameOrigin, async ({ request }) => withIsolationHeaders(await fetch(request)), 'GET'),
);

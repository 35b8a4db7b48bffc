// Page weight and CLI start-up for `npm run bench` (`-- --only=sizes` runs just these):
// - page.first_visit_kb.{classify,text}: what a first visit of each lab transfers, compressed, as a static
//   host that compresses sends it. dist/ is served here with brotli (gzip when the browser does not offer br
//   — Chromium offers br only over HTTPS) and the production headers; a fresh browser context with the service
//   worker blocked (its precache would download the whole build) opens the lab, waits until it is working
//   (Classify: training; Text: the built-in corpus in and the worker up) and the network is quiet. The figure
//   is the bytes the server wrote to the browser's connections during the visit (headers and compressed
//   bodies, exactly what crossed the wire). The browser's own per-request sum (Playwright's request.sizes())
//   is printed beside it as a check: it counts the page's requests but reports a worker script's body as
//   ~0, so alone it misses the workers (measured: 539 KB against 719 KB on the wire for #/text).
// - cli.startup_ms: `node scripts/cli.mjs classify --passes 1000` (what `npm run cli -- …` runs, without npm's
//   own start-up), spawn → first line on stdout, median of 5, with the bundle already fresh.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { buildCliBundle, bundleIsFresh } from '../scripts/cliBundle.mjs';
import { TYPES } from '../scripts/staticServer';
import { HEADER_CSP, ISOLATION_HEADERS } from '../src/site/csp';
import { freePort } from './server';

export interface SizeResults {
  firstVisitKb: { classify: number | null; text: number | null };
  /** Per lab: requests, the encoding the server used, the browser's own sum (a check), and the heaviest files. */
  details: Record<string, { requests: number; encoding: string; browserKb: number; largest: { path: string; kb: number }[] }>;
  cliStartupMs: number | null;
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.txt', '.svg']);

/** dist/ over HTTP with compression and the production headers (CSP with framing, COOP/COEP). */
interface CompressedServer {
  url: string;
  encodings: Set<string>;
  /** Body bytes sent per path since the last reset. */
  sent: Map<string, number>;
  /** Bytes written to every connection opened since the last reset. */
  wireBytes(): number;
  reset(): void;
  close(): Promise<void>;
}

async function serveCompressed(dir: string): Promise<CompressedServer> {
  const root = resolve(dir);
  const cache = new Map<string, Buffer>();
  const encodings = new Set<string>();
  /** Body bytes sent per path: the server's side of the count, to check the browser's. */
  const sent = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    let file = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(404).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body: Buffer = await readFile(file);
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = !COMPRESSIBLE.has(extname(file)) ? null : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
      const headers: Record<string, string | number> = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': HEADER_CSP, ...ISOLATION_HEADERS };
      if (encoding) {
        const key = `${encoding}:${file}`;
        if (!cache.has(key)) {
          cache.set(key, encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 }));
        }
        body = cache.get(key)!;
        headers['Content-Encoding'] = encoding;
        encodings.add(encoding);
      }
      sent.set(file.slice(root.length + 1), (sent.get(file.slice(root.length + 1)) ?? 0) + body.length);
      res.writeHead(200, { ...headers, 'Content-Length': body.length }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  let sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => void sockets.push(socket));
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${port}/`,
    encodings,
    sent,
    wireBytes: () => sockets.reduce((sum, socket) => sum + socket.bytesWritten, 0),
    reset: () => {
      sent.clear();
      sockets = [];
    },
    close: () => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))) };
}

/** Waits until no request has started or finished for `quietMs`. */
async function networkQuiet(page: Page, pending: () => number, lastActivity: () => number, quietMs = 1500, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pending() === 0 && Date.now() - lastActivity() > quietMs) return;
    await page.waitForTimeout(200);
  }
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10;

async function firstVisit(browser: Browser, url: string, lab: 'classify' | 'text'): Promise<{ bytes: number; requests: number }> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const sizes: { url: string; bytes: number }[] = [];
  const waits: Promise<void>[] = [];
  let pending = 0;
  let last = Date.now();
  context.on('request', () => void (pending++, (last = Date.now())));
  const done = (request: import('@playwright/test').Request) => {
    waits.push(
      request.sizes().then(
        (s) => void sizes.push({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize }),
        () => undefined,
      ),
    );
    pending--;
    last = Date.now();
  };
  context.on('requestfinished', done);
  context.on('requestfailed', () => void (pending--, (last = Date.now())));
  try {
    await page.goto(`${url}#/${lab}`);
    if (lab === 'classify') {
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="iteration"]')?.textContent) > 0, null, { timeout: 60_000 });
    } else {
      await page.getByTestId('text-status-backend').waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => (document.querySelector('[data-testid="corpus-chars"]')?.textContent ?? '') !== '', null, { timeout: 60_000 });
    }
    await networkQuiet(page, () => pending, () => last);
    await Promise.all(waits);
  } finally {
    await context.close();
  }
  return { bytes: sizes.reduce((s, r) => s + r.bytes, 0), requests: sizes.length };
}

/** spawn → first stdout line of the CLI, in ms (median of `runs`). */
export async function cliStartupMs(runs = 5): Promise<number> {
  if (!bundleIsFresh()) await buildCliBundle();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(
      await new Promise<number>((ok, fail) => {
        const t0 = performance.now();
        const child = spawn(process.execPath, ['scripts/cli.mjs', 'classify', '--passes', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
        let first: number | null = null;
        child.stdout.on('data', () => void (first ??= performance.now() - t0));
        child.on('error', fail);
        child.on('exit', (code) => (code === 0 && first !== null ? ok(first) : fail(new Error(`cli exited ${code}`))));
      }),
    );
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function measureSizes(browser: Browser, log: (line: string) => void): Promise<SizeResults> {
  const server = await serveCompressed('dist');
  const results: SizeResults = { firstVisitKb: { classify: null, text: null }, details: {}, cliStartupMs: null };
  try {
    for (const lab of ['classify', 'text'] as const) {
      server.reset();
      const visit = await firstVisit(browser, server.url, lab);
      results.firstVisitKb[lab] = kb(server.wireBytes());
      const largest = [...server.sent].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([path, bytes]) => ({ path, kb: kb(bytes) }));
      results.details[lab] = { requests: visit.requests, encoding: [...server.encodings].join('+') || 'none', browserKb: kb(visit.bytes), largest };
      log(
        `  first visit of #/${lab}: ${results.firstVisitKb[lab]} KB on the wire in ${visit.requests} requests (${results.details[lab].encoding}; ` +
          `the browser's per-request sum: ${results.details[lab].browserKb} KB); largest: ${largest.map((l) => `${l.path} ${l.kb}`).join(', ')}`,
      );
    }
  } finally {
    await server.close();
  }
  results.cliStartupMs = Math.round(await cliStartupMs());
  log(`  CLI start-up: ${results.cliStartupMs} ms to the first line`);
  return results;
}

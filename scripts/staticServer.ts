// A plain static file server, like the simplest hosts: files and content types only — no COOP/COEP, no CSP,
// no compression — under a sub-path as on GitHub Pages (`/<repo>/`), with `/<repo>` redirected to `/<repo>/`
// and `<dir>/` serving `<dir>/index.html`. HTTP caching is forbidden (Cache-Control: no-store), so anything
// that works offline works because of the service worker, not the browser's HTTP cache.
// Used by the hosted e2e tests and scripts/socialPreview.ts; by hand:
//   npx tsx scripts/staticServer.ts [dir=dist] [port=4306] [base=/playground/]
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:4306/playground/ */
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` at http://127.0.0.1:`port``base` (base starts and ends with '/'). */
export async function serveStatic(dir: string, port: number, base = '/playground/'): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (`${path}/` === base) {
      res.writeHead(301, { Location: base }).end();
      return;
    }
    if (!path.startsWith(base) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir = 'dist', port = '4306', base = '/playground/'] = process.argv.slice(2);
  const { url } = await serveStatic(dir, Number(port), base);
  console.log(`serving ${dir} at ${url} (no special headers, no caching)`);
}

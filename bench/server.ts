// Building the app and serving the production build with `vite preview` on a free local port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Vite's CLI run by this Node directly (no npx shell in between, so closing the server really stops it). */
function viteCli(): string {
  const cli = join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(cli)) throw new Error(`${cli} not found: run npm run bench from the repository root after npm install`);
  return cli;
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `vite build`, warnings shown; throws when it fails. */
export function buildApp(): void {
  const result = spawnSync(process.execPath, [viteCli(), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

/** Starts `vite preview` on 127.0.0.1 (a secure context, so WebGPU is exposed) and waits until it answers. */
export async function startPreview(timeoutMs = 60_000): Promise<PreviewServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(process.execPath, [viteCli(), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(url);
      if (response.ok) return { url, close };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await close();
  throw new Error(`vite preview did not answer on ${url} within ${timeoutMs / 1000} s:\n${output}`);
}

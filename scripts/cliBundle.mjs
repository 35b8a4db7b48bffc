// The command line's bundle: src/cli/main.ts and everything it imports from src/, compiled by esbuild into
// dist-cli/ (gitignored), so `npm run cli` starts in tens of milliseconds instead of the ~1.4 s tsx spends
// compiling the sources. npm packages stay outside the bundle (TensorFlow.js loads from node_modules, where
// its WASM backend finds its .wasm files), and the code TensorFlow.js needs is split into chunks loaded only
// by the commands that use it. Plain JavaScript: Node runs it directly (scripts/cli.mjs).
//
// Freshness rule: the bundle is up to date when dist-cli/meta.json exists, names the inputs esbuild read (from
// its metafile), and none of those files is missing or newer than the build. A new source file only enters
// the bundle through an edit to a file that is already an input, so the input list is enough.
//
//   node scripts/cliBundle.mjs    builds it (npm run build does; npm run cli builds it when stale)
import { mkdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist-cli');
export const BUNDLE = join(OUT_DIR, 'cli.mjs');
const META = join(OUT_DIR, 'meta.json');

/**
 * Whether a bundle built at `builtAtMs` from `inputs` (paths relative to the root) is current. `mtimeMs`
 * gives a file's modification time, or undefined when it is gone.
 * @param {{ builtAtMs: number, inputs: string[] } | undefined} meta
 * @param {(path: string) => number | undefined} mtimeMs
 */
export function isBundleFresh(meta, mtimeMs) {
  if (!meta || !Number.isFinite(meta.builtAtMs) || !Array.isArray(meta.inputs) || meta.inputs.length === 0) return false;
  return meta.inputs.every((path) => {
    const t = mtimeMs(path);
    return t !== undefined && t <= meta.builtAtMs;
  });
}

/** @param {string} path */
function fileMtime(path) {
  try {
    return statSync(join(ROOT, path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** What dist-cli/meta.json says, or undefined when there is none (or it is unreadable). */
export function readMeta() {
  try {
    return JSON.parse(readFileSync(META, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether dist-cli/ holds a bundle of the current sources. */
export function bundleIsFresh() {
  return isBundleFresh(readMeta(), fileMtime);
}

/** Builds dist-cli/ with esbuild (Vite's and tsx's bundler, already installed). */
export async function buildCliBundle() {
  const { build } = await import('esbuild');
  // The build time is taken before esbuild reads anything: a file saved during the build counts as newer.
  const builtAtMs = Date.now();
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
    banner: { js: '// Built by scripts/cliBundle.mjs from src/cli/main.ts: do not edit.' },
  });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  writeFileSync(META, JSON.stringify({ builtAtMs, inputs }, null, 1));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  await buildCliBundle();
  console.log(`dist-cli/ built in ${Math.round(performance.now() - t0)} ms`);
}

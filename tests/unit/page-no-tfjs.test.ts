// The page loads no TensorFlow.js: it runs in the workers (src/workers/*.worker.ts, started with
// `new Worker(new URL(…))`, which bundlers follow as separate entries). A core module the page imports must
// not reach it either, directly or through another core module: that once put all of @tensorflow/tfjs into
// the Text lab's page chunk (~190 KB compressed). Lint forbids the direct imports; this follows the whole
// import graph of the page (static and dynamic imports, the lazy labs and panels included) with esbuild.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function pageModules(): Promise<Record<string, { imports: { path: string }[] }>> {
  const result = await build({
    entryPoints: ['src/main.tsx'],
    bundle: true,
    write: false,
    metafile: true,
    splitting: true,
    format: 'esm',
    outdir: 'page-graph', // nothing is written
    platform: 'browser',
    logLevel: 'silent',
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty', '.woff2': 'empty', '.woff': 'empty', '.ttf': 'empty' },
    external: ['*?url', '*?raw', '*?worker'],
  });
  return result.metafile.inputs;
}

describe('the page', () => {
  it('imports no TensorFlow.js module, directly or through the core', async () => {
    const inputs = await pageModules();
    expect(Object.keys(inputs)).toContain('src/labs/text/TextLab.tsx'); // the lazy labs are followed
    const tfjs = Object.entries(inputs).flatMap(([from, { imports }]) =>
      from.includes('node_modules') ? [] : imports.filter((i) => i.path.includes('@tensorflow/')).map((i) => `${from} → ${i.path}`),
    );
    expect(tfjs).toEqual([]);
  });
});

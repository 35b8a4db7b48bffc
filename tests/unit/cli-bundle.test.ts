// The command line's bundle (scripts/cliBundle.mjs): when it counts as up to date, and that the built bundle
// runs, loads no TensorFlow.js at start-up, and is rebuilt by `npm run cli` (scripts/cli.mjs) after an edit.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, buildCliBundle, bundleIsFresh, isBundleFresh, OUT_DIR, readMeta, ROOT } from '../../scripts/cliBundle.mjs';

describe('isBundleFresh', () => {
  const meta = { builtAtMs: 1000, inputs: ['src/cli/main.ts', 'src/core/rng/rng.ts'] };
  it('is fresh when every input exists and none changed after the build', () => {
    expect(isBundleFresh(meta, () => 999)).toBe(true);
    expect(isBundleFresh(meta, () => 1000)).toBe(true);
  });
  it('is stale when an input is newer or gone, or there is no usable record', () => {
    expect(isBundleFresh(meta, (p) => (p === 'src/core/rng/rng.ts' ? 1001 : 5))).toBe(false);
    expect(isBundleFresh(meta, (p) => (p === 'src/cli/main.ts' ? undefined : 5))).toBe(false);
    expect(isBundleFresh(undefined, () => 0)).toBe(false);
    expect(isBundleFresh({ builtAtMs: 1000, inputs: [] }, () => 0)).toBe(false);
    expect(isBundleFresh({ builtAtMs: NaN, inputs: ['a'] }, () => 0)).toBe(false);
  });
});

describe('the bundle', () => {
  it('builds from the CLI sources only, runs, and imports TensorFlow.js only lazily', async () => {
    await buildCliBundle();
    expect(bundleIsFresh()).toBe(true);
    const inputs = readMeta()?.inputs ?? [];
    expect(inputs).toContain('src/cli/main.ts');
    expect(inputs.filter((p) => /^src\/(labs|ui|workers|site)\//.test(p))).toEqual([]);
    // No static import of TensorFlow.js in the entry or the chunks it imports statically.
    const entry = readFileSync(BUNDLE, 'utf8');
    const staticImports = [...entry.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    for (const chunk of staticImports.filter((s) => s.startsWith('./'))) {
      expect(readFileSync(join(OUT_DIR, chunk), 'utf8')).not.toMatch(/from "@tensorflow/);
    }
    expect(staticImports.filter((s) => s.startsWith('@tensorflow'))).toEqual([]);
    expect(readdirSync(OUT_DIR).some((f) => f.startsWith('tfjs'))).toBe(true);
    const help = execFileSync(process.execPath, ['scripts/cli.mjs', 'classify', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help).toMatch(/^usage: npm run cli -- classify/);
    expect(help).toMatch(/--backend B/);
  });
});

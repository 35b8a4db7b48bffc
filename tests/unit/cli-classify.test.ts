// `npm run cli -- classify`, driven in-process through runClassifyCli with console output captured.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runClassifyCli } from '../../src/cli/classify';

const fixturePath = new URL('../fixtures/mlp_moons_seed0_h3.json', import.meta.url).pathname;
const fixtureText = readFileSync(fixturePath, 'utf8');
const fixture = JSON.parse(fixtureText) as {
  losses: [number, number][];
  final: { W1: number[][]; b1: number[]; W2: number[][]; b2: number[] };
  final_loss: number;
  train_accuracy: number;
};

const dir = mkdtempSync(join(tmpdir(), 'classify-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command; returns its exit code and everything it printed to stdout and stderr. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await runClassifyCli(argv);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Writes a variant of the fixture (edited as parsed JSON, or raw text) and returns its path. */
function variant(name: string, edit: ((r: Record<string, unknown>) => void) | string): string {
  const path = join(dir, name);
  if (typeof edit === 'string') {
    writeFileSync(path, edit);
  } else {
    const r = JSON.parse(fixtureText) as Record<string, unknown>;
    edit(r);
    writeFileSync(path, JSON.stringify(r));
  }
  return path;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('classify command', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/usage: npm run cli -- classify/);
    expect(out).toMatch(/--reference FILE/);
  });

  it("prints the tutorial's loss lines every 1000 passes on the tutorial data and init", async () => {
    const { code, out } = await cli('--passes', '2001');
    expect(code).toBe(0);
    const lines = out.split('\n').filter((l) => l.startsWith('Loss after iteration'));
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'Loss after iteration 0',
      'Loss after iteration 1000',
      'Loss after iteration 2000',
    ]);
    expect(lines[0]).toBe('Loss after iteration 0: 0.432387');
    expect(lines[1]).toBe('Loss after iteration 1000: 0.068947'); // the tutorial's printed value
    expect(out).toMatch(/Final loss \(after pass 2001\)/);
  });

  it('--json without a reference: seed-0 data and init reproduce the reference run', async () => {
    // The data come from the datasets module and the init from the NumPy-compatible generator, not from
    // the fixture, so this checks the whole chain against NumPy.
    const { code, out } = await cli('--passes', '1000', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out) as { losses: [number, number][]; final_loss: number; train_accuracy: number };
    expect(result.losses.map(([it]) => it)).toEqual([0]);
    expect(rel(result.losses[0][1], fixture.losses[0][1])).toBeLessThan(1e-9);
    expect(rel(result.final_loss, fixture.final_loss)).toBeLessThan(1e-9);
    expect(result.train_accuracy).toBe(fixture.train_accuracy);
  });

  it('--reference replays the file and reports the match', async () => {
    const { code, out } = await cli('--reference', fixturePath);
    expect(code).toBe(0);
    expect(out.split('\n').filter((l) => l.startsWith('Loss after iteration'))).toHaveLength(10);
    expect(out).toMatch(/Loss after iteration 900: 0\.069136 {3}\(reference 0\.069136, relative error/);
    expect(out).toMatch(/^matches the reference/m);
  });

  it('--reference --json prints the reference format, matching it to 1e-9', async () => {
    const { code, out } = await cli('--json', `--reference=${fixturePath}`);
    expect(code).toBe(0);
    const r = JSON.parse(out) as typeof fixture;
    expect(Object.keys(r)).toEqual(['losses', 'final', 'final_loss', 'train_accuracy']);
    expect(r.losses.map(([it]) => it)).toEqual(fixture.losses.map(([it]) => it));
    r.losses.forEach(([, loss], i) => expect(rel(loss, fixture.losses[i][1])).toBeLessThan(1e-9));
    for (const key of ['W1', 'W2'] as const) {
      expect(r.final[key].map((row) => row.length)).toEqual(fixture.final[key].map((row) => row.length));
      r.final[key].flat().forEach((w, i) => expect(rel(w, fixture.final[key].flat()[i])).toBeLessThan(1e-9));
    }
    for (const key of ['b1', 'b2'] as const) {
      r.final[key].forEach((w, i) => expect(rel(w, fixture.final[key][i])).toBeLessThan(1e-9));
    }
    expect(rel(r.final_loss, fixture.final_loss)).toBeLessThan(1e-9);
    expect(r.train_accuracy).toBe(fixture.train_accuracy);
  });

  it('--engine tfjs matches the reference within float32 tolerance', async () => {
    const { code, out } = await cli('--engine', 'tfjs', '--reference', fixturePath, '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out) as typeof fixture;
    r.losses.forEach(([, loss], i) => expect(rel(loss, fixture.losses[i][1])).toBeLessThan(1e-4));
    expect(r.train_accuracy).toBe(0.975);
  });

  it('--engine tfjs --backend cpu matches the reference too', async () => {
    const { code, out } = await cli('--engine', 'tfjs', '--backend', 'cpu', '--reference', fixturePath, '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out) as typeof fixture;
    r.losses.forEach(([, loss], i) => expect(rel(loss, fixture.losses[i][1])).toBeLessThan(1e-4));
  });

  it('exits 1 when the run does not match the reference', async () => {
    const path = variant('off.json', (r) => ((r.losses as [number, number][])[3][1] *= 1.001));
    const { code, out } = await cli('--reference', path);
    expect(code).toBe(1);
    expect(out).toMatch(/DOES NOT match the reference/);
  });

  describe('bad input exits 2 with a message naming the problem', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['unknown option', () => ['--hiden', '3'], /unknown option: --hiden/],
      ['missing value', () => ['--passes'], /--passes needs a value/],
      ['hidden out of range', () => ['--hidden', '0'], /--hidden must be an integer in 1\.\.200, got "0"/],
      ['non-numeric', () => ['--epsilon', 'fast'], /--epsilon must be a number/],
      ['fractional passes', () => ['--passes', '1.5'], /--passes must be an integer/],
      ['unknown engine', () => ['--engine', 'gpu'], /--engine must be scratch or tfjs/],
      ['unknown backend', () => ['--engine', 'tfjs', '--backend', 'webgl'], /--backend must be wasm or cpu, got "webgl"/],
      ['flag fixed by the reference', () => ['--reference', fixturePath, '--hidden', '4'], /--hidden cannot be combined/],
      ['unreadable file', () => ['--reference', join(dir, 'nope.json')], /cannot read .*nope\.json/],
      ['invalid JSON', () => ['--reference', variant('bad.json', '{"X": [')], /bad\.json is not valid JSON/],
      ['missing key', () => ['--reference', variant('nokey.json', (r) => delete r.reg_lambda)], /nokey\.json: the reference is missing "reg_lambda"/],
      [
        'wrong shape',
        () => ['--reference', variant('shape.json', (r) => ((r.init as Record<string, number[][]>).W1 = [[1, 2, 3]]))],
        /init\.W1 must have 2 rows, got 1/,
      ],
      ['non-finite number', () => ['--reference', variant('inf.json', fixtureText.replace('"passes": 1000', '"passes": 1e999'))], /passes must be a finite number/],
    ];
    for (const [name, argv, message] of cases) {
      it(name, async () => {
        const { code, err, out } = await cli(...argv());
        expect(code).toBe(2);
        expect(err).toMatch(message);
        expect(out).toBe('');
      });
    }
  });
});

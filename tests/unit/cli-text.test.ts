// The `text` command, run in-process with console output captured.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runTextCli } from '../../src/cli/text';

const FIXTURE_PATH = new URL('../fixtures/minchar_rnn_small.json', import.meta.url).pathname;
const FIXTURE = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Record<string, unknown>;

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'cli-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('text --reference', () => {
  it('replays the min-char-rnn reference file and prints its losses and weights as JSON', async () => {
    expect(await runTextCli(['--reference', FIXTURE_PATH, '--json'])).toBe(0);
    expect(out.length).toBe(1);
    const result = JSON.parse(out[0]) as { losses: number[]; smooth_losses: number[]; final: Record<string, number[][] | number[]> };
    const want = FIXTURE as { losses: number[]; smooth_losses: number[]; final: Record<string, number[][] | number[]> };
    expect(result.losses.length).toBe(want.losses.length);
    result.losses.forEach((l, i) => expect(Math.abs(l - want.losses[i]) / want.losses[i]).toBeLessThan(1e-9));
    result.smooth_losses.forEach((l, i) => expect(Math.abs(l - want.smooth_losses[i]) / want.smooth_losses[i]).toBeLessThan(1e-9));
    expect((result.final.Wxh as number[][]).length).toBe(16);
    expect((result.final.Wxh as number[][])[0].length).toBe(50);
    expect((result.final.Why as number[][]).length).toBe(50);
    expect(result.final.by.length).toBe(50);
  });

  it('prints a readable run and its agreement with the file without --json', async () => {
    expect(await runTextCli(['--reference', FIXTURE_PATH])).toBe(0);
    expect(out.join('\n')).toMatch(/agreement with the file/);
    expect(out.join('\n')).not.toMatch(/above 1e-9/);
  });

  it.each<[string, (d: Record<string, unknown>) => void, RegExp]>([
    ['a missing key', (d) => delete d.learning_rate, /missing key "learning_rate"/],
    ['a wrong shape', (d) => ((d.init as Record<string, unknown>).Whh = [[1, 2]]), /init\.Whh must be 16×16/],
    // 1e400 is valid JSON but overflows to Infinity when parsed.
    ['a non-finite number', (d) => ((d.init as Record<string, unknown[]>).bh[0] = '__HUGE__'), /init\.bh\[0\] is not a finite number \(Infinity\)/],
    ['characters outside the vocab', (d) => (d.vocab = (d.vocab as string[]).filter((c) => c !== 'z')), /outside "vocab": 'z'/],
  ])('rejects a reference file with %s (exit 2)', async (_name, patch, message) => {
    const data = structuredClone(FIXTURE);
    patch(data);
    const path = file('bad.json', JSON.stringify(data).replace('"__HUGE__"', '1e400'));
    expect(await runTextCli(['--reference', path, '--json'])).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(out).toEqual([]);
  });

  it('rejects unreadable files, invalid JSON and extra flags', async () => {
    expect(await runTextCli(['--reference', join(dir, 'nope.json')])).toBe(2);
    expect(err.pop()).toMatch(/cannot read reference file .*no such file/);
    expect(await runTextCli(['--reference', file('nan.json', '{"corpus": NaN}')])).toBe(2);
    expect(err.pop()).toMatch(/not valid JSON/);
    expect(await runTextCli(['--reference', FIXTURE_PATH, '--hidden', '8'])).toBe(2);
    expect(err.pop()).toMatch(/remove --hidden/);
  });
});

describe('text training', () => {
  const corpus = file('corpus.txt', 'the quick brown fox jumps over the lazy dog. 😀 '.repeat(30));

  it('trains the scratch engine, reports progress and samples', async () => {
    const code = await runTextCli(['--corpus', corpus, '--hidden', '16', '--seq', '10', '--steps', '40', '--log-every', '20', '--sample', '30', '--prime', 'the']);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/step +20 +loss [\d.]+ nats\/char/);
    expect(text).toMatch(/step +40 .* chars\/s/);
    expect(text).toMatch(/validation loss/);
    expect(text).toMatch(/--- sample \(temperature 1\) ---\nthe/);
  });

  it('prints one JSON object with --json, with a reproducible sample for a seed', async () => {
    const args = ['--corpus', corpus, '--hidden', '12', '--seq', '8', '--batch', '3', '--optimizer', 'adam', '--lr', '0.01', '--steps', '20', '--sample', '25', '--temperature', '0.5', '--json'];
    expect(await runTextCli(args)).toBe(0);
    expect(await runTextCli(args)).toBe(0);
    expect(out.length).toBe(2);
    const [a, b] = out.map((line) => JSON.parse(line) as { engine: string; progress: { step: number; loss: number }[]; sample: string });
    expect(a.engine).toBe('scratch');
    expect(a.progress.at(-1)?.step).toBe(20);
    expect([...a.sample].length).toBe(26); // no newline in the corpus: primed with its first character, + 25
    expect(a.sample).toBe(b.sample);
  });

  it.each<[string[], RegExp]>([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--hidden', 'lots'], /--hidden must be a whole number ≥ 1 and ≤ 1024 \(got "lots"\)/],
    [['--optimizer', 'lbfgs'], /--optimizer must be one of adagrad, adam, rmsprop, sgd/],
    [['--model', 'lstm', '--engine', 'scratch'], /vanilla RNN only.*--engine tfjs/],
    [['--layers', '2', '--engine', 'scratch'], /one layer/],
    [['--temperature=-1'], /--temperature must be a number ≥ 0/],
    [['--prime', 'XYZ'], /--prime has characters the corpus does not: 'X'/],
    [['--save', '/tmp/x'], /--save is not available for the scratch engine/],
    [['--seq', '5000'], /--seq must be/],
    [['--batch', '500', '--seq', '10'], /Use a batch of \d+ or less/],
  ])('rejects %j with exit code 2', async (extra, message) => {
    expect(await runTextCli(['--corpus', corpus, '--steps', '1', '--sample', '0', ...extra])).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('rejects unusable corpora with a clear message', async () => {
    expect(await runTextCli(['--corpus', file('empty.txt', '')])).toBe(2);
    expect(err.pop()).toMatch(/corpus is empty/);
    expect(await runTextCli(['--corpus', file('short.txt', 'abc'), '--seq', '10'])).toBe(2);
    expect(err.pop()).toMatch(/3 characters.*at least 11/);
    expect(await runTextCli(['--corpus', join(dir, 'missing.txt')])).toBe(2);
    expect(err.pop()).toMatch(/cannot read corpus/);
  });

  it('warns about, but trains on, a single repeated character', async () => {
    expect(await runTextCli(['--corpus', file('a.txt', 'a'.repeat(200)), '--hidden', '4', '--seq', '8', '--steps', '2', '--sample', '5', '--json'])).toBe(0);
    expect(err.join('\n')).toMatch(/warning: .*single character/);
    expect((JSON.parse(out[0]) as { sample: string }).sample).toBe('aaaaaa');
  });

  it('trains the TensorFlow.js engine and saves it with --save', async () => {
    const saveDir = join(dir, 'saved');
    const args = ['--corpus', corpus, '--model', 'gru', '--hidden', '8', '--seq', '8', '--batch', '2', '--steps', '4', '--log-every', '2'];
    expect(await runTextCli([...args, '--sample', '10', '--save', saveDir, '--json'])).toBe(0);
    const result = JSON.parse(out[0]) as { engine: string; backend: string; model: { cell: string }; progress: unknown[]; savedTo: string };
    expect(result.engine).toBe('tfjs');
    expect(result.backend).toBe('wasm'); // TensorFlow.js runs on WASM by default
    expect(result.model.cell).toBe('gru');
    expect(result.progress.length).toBe(2);
    expect(result.savedTo).toBe(saveDir);
    for (const name of ['model.json', 'weights.bin', 'text-model.json']) expect(readFileSync(join(saveDir, name)).length).toBeGreaterThan(0);
  });

  it('--backend cpu trains on the CPU backend; a backend for the scratch engine, or an unknown one, exits 2', async () => {
    const args = ['--corpus', corpus, '--model', 'lstm', '--hidden', '8', '--seq', '8', '--batch', '2', '--steps', '2', '--log-every', '2', '--sample', '0'];
    expect(await runTextCli([...args, '--backend', 'cpu', '--json'])).toBe(0);
    expect((JSON.parse(out[0]) as { backend: string }).backend).toBe('cpu');
    expect(await runTextCli([...args, '--backend', 'webgpu'])).toBe(2);
    expect(err.pop()).toMatch(/--backend must be one of wasm, cpu/);
    expect(await runTextCli(['--corpus', corpus, '--engine', 'scratch', '--backend', 'wasm'])).toBe(2);
    expect(err.pop()).toMatch(/scratch engine has none/);
  });

  it('refuses a setting that cannot fit, with the numbers and a setting that fits (exit 2)', async () => {
    const corpus = file('fit.txt', 'the cat sat on the mat.\n'.repeat(200));
    const code = await runTextCli(['--corpus', corpus, '--model', 'lstm', '--engine', 'tfjs', '--hidden', '1024', '--layers', '3', '--seq', '1024', '--batch', '1024', '--steps', '1']);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/needs about [\d.]+ GB/);
    expect(err.join('\n')).toMatch(/fits?\./);
  });

  it('refuses a corpus too short for the scratch engine\'s lanes in plain words (exit 2)', async () => {
    const corpus = file('lanes.txt', 'abcdefghij'.repeat(5));
    expect(await runTextCli(['--corpus', corpus, '--seq', '20', '--batch', '8', '--steps', '1'])).toBe(2);
    expect(err.join('\n')).toMatch(/parallel lanes/);
  });

  it('--help prints the options', async () => {
    expect(await runTextCli(['--help'])).toBe(0);
    expect(out[0]).toMatch(/--reference FILE/);
    expect(out[0]).toMatch(/--backend wasm\|cpu/);
  });
});

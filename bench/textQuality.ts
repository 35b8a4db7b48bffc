// The learning-speed benchmark (keys text.valid_bits_*): the Text lab with every default, Train clicked and
// left alone, scored at 90 s and 300 s of training wall time; then Karpathy's min-char-rnn on the same
// corpus, split and validation measure for the same wall times. Run one after the other (page first), never
// at the same time: they would share the CPU. src/core/bench/qualityBench.ts states the measure.
//
// The page's figure: at each checkpoint the bench clicks Stop, which makes the worker score the WHOLE
// validation text (its periodic in-training evaluation reads only the first 4,000 characters), reads that
// figure from the worker's `progress` event, then clicks "Continue training". The clock runs from the Train
// click to each Stop click, without the Stop evaluations; the page's own periodic evaluation, sampling and
// rendering are inside it, as a visitor gets them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { buildSotuCorpus } from '../src/node/sotuCorpus';
import { splitByPosition } from '../src/core/text/corpus';
import { buildVocab, encode } from '../src/core/text/vocab';
import { runMinCharPort, VALID_FRACTION, type MinCharRun, type QualityPoint } from '../src/core/bench/qualityBench';

/** Records the Text worker's events in the page (window.__textTap), by wrapping the Worker constructor. */
const WORKER_TAP_SOURCE = `(() => {
  const tap = { built: null, progress: null, phase: null, samples: {} };
  window.__textTap = tap;
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d !== 'object') return;
        if (d.type === 'built') tap.built = d;
        else if (d.type === 'progress') tap.progress = d;
        else if (d.type === 'state') tap.phase = d.phase;
        else if (d.type === 'sample') tap.samples[d.sampleId] = { step: d.step, text: (tap.samples[d.sampleId] ? tap.samples[d.sampleId].text : '') + d.text };
      });
    }
  };
})();`;

interface Tap {
  built: { model: Record<string, unknown>; train: { batchSize: number; seqLength: number } & Record<string, unknown> } | null;
  progress: { step: number; validLoss?: number; validStep?: number; charsPerSec: number; elapsedMs: number } | null;
  phase: string | null;
  samples: Record<string, { step: number; text: string }>;
}

export interface PageQuality {
  points: (QualityPoint & { charsPerSec: number; sample: string })[];
  backend: string;
  model: Record<string, unknown> | null;
  train: Record<string, unknown> | null;
}

export async function measurePageQuality(browser: Browser, baseUrl: string, seconds: readonly number[], log: (line: string) => void): Promise<PageQuality> {
  const page = await browser.newPage();
  try {
    await page.addInitScript(WORKER_TAP_SOURCE);
    await page.goto(`${baseUrl}#/text`);
    await page.getByTestId('text-status-backend').waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => (document.querySelector('[data-testid="corpus-chars"]')?.textContent ?? '') !== '', undefined, { timeout: 90_000 });
    const enabled = () => !(document.querySelector('[data-testid="text-train"]') as HTMLButtonElement | null)?.disabled;
    await page.waitForFunction(enabled, undefined, { timeout: 90_000 });
    const tap = () => page.evaluate('window.__textTap') as Promise<Tap>;
    const phase = (p: string) => page.waitForFunction((want) => document.querySelector('[data-testid="text-phase"]')?.textContent === want, p, { timeout: 600_000 });
    const points: PageQuality['points'] = [];
    let trainedMs = 0;
    await page.getByTestId('text-train').click();
    let since = Date.now();
    await phase('training');
    const backend = ((await page.getByTestId('text-status-backend').textContent()) ?? '').trim();
    for (const s of [...seconds].sort((a, b) => a - b)) {
      const wait = s * 1000 - trainedMs - (Date.now() - since);
      if (wait > 0) await page.waitForTimeout(wait);
      await page.getByTestId('text-stop').click();
      trainedMs += Date.now() - since;
      await phase('stopped');
      // The whole-validation figure arrives in the progress event that Stop posts (validStep = step).
      await page.waitForFunction('(() => { const p = window.__textTap.progress; return p && p.validStep === p.step && p.validLoss !== undefined; })()', undefined, { timeout: 300_000 });
      const t = await tap();
      const p = t.progress as NonNullable<Tap['progress']>;
      const chars = t.built ? p.step * t.built.train.batchSize * t.built.train.seqLength : NaN;
      const last = Object.values(t.samples).sort((a, b) => b.step - a.step)[0];
      const point = {
        seconds: s,
        trainedSeconds: trainedMs / 1000,
        steps: p.step,
        chars,
        validBits: (p.validLoss as number) / Math.LN2,
        charsPerSec: p.charsPerSec,
        sample: last?.text ?? '',
      };
      points.push(point);
      log(`  page at ${s} s (${point.trainedSeconds.toFixed(1)} s): step ${p.step}, ${chars} chars, validation ${point.validBits.toFixed(3)} bits/char, ${Math.round(p.charsPerSec)} chars/s`);
      if (s !== Math.max(...seconds)) {
        await page.getByTestId('text-train').click();
        since = Date.now();
        await phase('training');
      }
    }
    const t = await tap();
    return { points, backend, model: t.built?.model ?? null, train: t.built?.train ?? null };
  } finally {
    await page.close();
  }
}

/** The page's corpus: dist/corpus/sotu.txt as built (what the page loaded), else the same generator. */
function corpusText(): string {
  const built = join(process.cwd(), 'dist', 'corpus', 'sotu.txt');
  return existsSync(built) ? readFileSync(built, 'utf8') : buildSotuCorpus();
}

function hasNumpy(): boolean {
  const r = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  return r.status === 0;
}

/** min-char-rnn for the given wall times: the NumPy script where python3 has NumPy, else the JS port. */
export async function runMinChar(seconds: readonly number[], log: (line: string) => void): Promise<MinCharRun> {
  const text = corpusText();
  if (hasNumpy()) {
    const dir = mkdtempSync(join(tmpdir(), 'minchar-'));
    const file = join(dir, 'corpus.txt');
    writeFileSync(file, text);
    const script = join(process.cwd(), 'bench', 'minchar', 'min_char_rnn.py');
    const r = spawnSync('python3', [script, file, '--seconds', seconds.join(','), '--valid-fraction', String(VALID_FRACTION)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`min_char_rnn.py failed (${r.status}): ${r.stderr}`);
    const points = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { seconds: number; trainedSeconds: number; steps: number; chars: number; validBits: number; validBitsCarried: number; charsPerSec: number });
    // min-char-rnn trains with its state carried from window to window, and scored from a zero state (the
    // page's measure) its figure swings between runs (3.15, 4.30, 5.82 bits/char after 90 s on this machine)
    // while the carried score holds (3.14–3.16). The better of the two is the baseline, so that a scoring
    // artefact can never flatter the page.
    for (const p of points) log(`  min-char-rnn (NumPy) at ${p.seconds} s: ${p.chars} chars (${p.charsPerSec} chars/s), validation ${p.validBits.toFixed(3)} bits/char from a zero state, ${p.validBitsCarried.toFixed(3)} with the state carried through: the better one counts`);
    return {
      implementation: 'numpy',
      points: points.map(({ seconds: s, trainedSeconds, steps, chars, validBits, validBitsCarried }) => ({ seconds: s, trainedSeconds, steps, chars, validBits: Math.min(validBits, validBitsCarried) })),
    };
  }
  log('  python3 with NumPy not found: min-char-rnn runs as its JavaScript port (the from-scratch engine)');
  const vocab = buildVocab(text);
  const { train, validation } = splitByPosition(encode(text, vocab), VALID_FRACTION);
  const run = await runMinCharPort(train, validation, vocab.chars.length, seconds);
  for (const p of run.points) log(`  min-char-rnn (JS port) at ${p.seconds} s: ${p.chars} chars, validation ${p.validBits.toFixed(3)} bits/char`);
  return run;
}

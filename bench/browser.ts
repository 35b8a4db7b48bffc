// Driving the built app in headless Chromium for the benchmark: the Speed page's race (its worker does the
// measuring) and the Text lab's responsiveness while it trains.
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM_MESSAGE } from '../scripts/chromium';
import { percentile } from '../src/core/bench/timing';
import type { SpeedReport } from '../src/core/bench/results';
import type { SpeedEngine } from '../src/core/bench/tasks';
import type { GpuCheckReport } from '../src/workers/gpuCheckProtocol';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface SpeedPageOptions {
  /** 'bench' (default): the benchmark's table; 'race': the page's own short race; 'gpu': the real-GPU check. */
  suite?: 'bench' | 'race' | 'gpu';
  quick: boolean;
  engines?: readonly SpeedEngine[];
  /** Overrides the suite's per-measurement budget (ms). */
  budgetMs?: number;
  timeoutMs: number;
  log: (line: string) => void;
}

/** Opens `#/speed?suite=bench&autorun=1`, follows its progress, and returns the report it publishes. */
export async function runSpeedPage(browser: Browser, baseUrl: string, options: SpeedPageOptions): Promise<{ report: SpeedReport; workerHeapBytes: number | null }> {
  const page = await browser.newPage({ serviceWorkers: 'block' }); // no precache download during measurements
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const query = new URLSearchParams({ suite: options.suite ?? 'bench', autorun: '1' });
    if (options.quick) query.set('quick', '1');
    if (options.engines) query.set('engines', options.engines.join(','));
    if (options.budgetMs) query.set('budget', String(options.budgetMs));
    await page.goto(`${baseUrl}#/speed?${query}`);
    const status = page.getByTestId('speed-status');
    const deadline = Date.now() + options.timeoutMs;
    let lastLine = '';
    let heap: number | null = null;
    for (;;) {
      const phase = await status.getAttribute('data-phase');
      if (phase === 'finished' || phase === 'cancelled') break;
      if (phase === 'error') throw new Error(`the Speed page failed: ${await page.getByTestId('speed-error').textContent()}`);
      if (Date.now() > deadline) throw new Error(`the Speed page did not finish within ${options.timeoutMs / 1000} s`);
      const line = ((await status.textContent()) ?? '').trim();
      if (line !== lastLine) {
        options.log(`  ${line}`);
        lastLine = line;
      }
      heap = (await workerHeapBytes(browser, 'speed.worker')) ?? heap;
      await page.waitForTimeout(2000);
    }
    const json = await page.getByTestId('speed-json').textContent();
    if (!json) throw new Error('the Speed page published no results');
    if (errors.length) options.log(`  page errors: ${errors.join(' | ')}`);
    return { report: JSON.parse(json) as SpeedReport, workerHeapBytes: heap };
  } finally {
    await page.close();
  }
}

/**
 * JS heap in use by the browser's dedicated worker whose script URL contains `scriptPart`, read over the
 * DevTools protocol (performance.memory does not exist in workers). Null if no such worker answers.
 */
export async function workerHeapBytes(browser: Browser, scriptPart: string): Promise<number | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(scriptPart));
    if (!target) return null;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    const reply = new Promise<number | null>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
        const message = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
        if (message.id === 1) resolve(message.result?.usedSize ?? null);
      });
      setTimeout(() => resolve(null), 5000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    return await reply;
  } catch {
    return null;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Collects requestAnimationFrame gaps (ms) for `duration` ms; evaluated in the page as source text. */
const FRAME_GAPS_SOURCE = `function (duration) {
  return new Promise(function (resolve) {
    var gaps = [];
    var last = performance.now();
    var end = last + duration;
    function tick(now) {
      gaps.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(gaps);
    }
    requestAnimationFrame(tick);
  });
}`;

export interface FrameGapResult {
  p95Ms: number;
  frames: number;
  backend: string;
  /** Training steps the lab reported before and after the measurement window. */
  stepsBefore: number;
  stepsAfter: number;
  /** The lab's own throughput read-out at the end of the window, as shown. */
  charsPerSec: string | null;
  /** JS heap of the Text lab's training worker at the end of the window. */
  workerHeapBytes: number | null;
}

/**
 * Opens the Text lab with its defaults, presses Train and measures the gaps between animation frames on
 * the main thread for `windowMs` while the worker trains.
 */
export async function measureTextLabFrames(browser: Browser, baseUrl: string, windowMs: number, log: (line: string) => void): Promise<FrameGapResult> {
  const page = await browser.newPage({ serviceWorkers: 'block' }); // no precache download during measurements
  try {
    await page.goto(`${baseUrl}#/text`);
    await page.getByTestId('text-status-backend').waitFor({ timeout: 90_000 });
    // The default corpus loads (and its statistics show) before training can start.
    await page.waitForFunction(() => (document.querySelector('[data-testid="corpus-chars"]')?.textContent ?? '') !== '', undefined, { timeout: 90_000 });
    const train = page.getByTestId('text-train');
    await train.waitFor({ state: 'visible' });
    await page.waitForFunction(() => !(document.querySelector('[data-testid="text-train"]') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 90_000 });
    await train.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="text-phase"]')?.textContent === 'training', undefined, { timeout: 90_000 });
    const steps = async () => Number(((await page.getByTestId('text-step').textContent().catch(() => '')) ?? '').replace(/[^0-9]/g, '')) || 0;
    // Let the first steps (model build, shader/JIT warm-up) pass before measuring.
    const warmupDeadline = Date.now() + 30_000;
    while ((await steps()) < 2 && Date.now() < warmupDeadline) await page.waitForTimeout(250);
    const stepsBefore = await steps();
    // Passed as source text: tsx would wrap named functions in a helper the page does not have.
    const gaps = (await page.evaluate(`(${FRAME_GAPS_SOURCE})(${Number(windowMs)})`)) as number[];
    const stepsAfter = await steps();
    const backend = ((await page.getByTestId('text-status-backend').textContent()) ?? '').trim();
    const charsPerSec = (await page.getByTestId('text-speed').textContent().catch(() => null))?.trim() ?? null;
    const heap = await workerHeapBytes(browser, 'text.worker');
    await page.getByTestId('text-pause').click().catch(() => undefined);
    log(`  Text lab on ${backend}: ${stepsAfter - stepsBefore} steps during the ${windowMs / 1000} s window`);
    return { p95Ms: percentile(gaps, 0.95), frames: gaps.length, backend, stepsBefore, stepsAfter, charsPerSec, workerHeapBytes: heap };
  } finally {
    await page.close();
  }
}

/**
 * Opens the fused-kernel self-check page (`#/gpu-check?…`, src/debug/gpuCheck.ts), waits for its worker and
 * returns the JSON report it publishes (dispatches per step and chars/s, fused and TensorFlow.js ops).
 */
export async function runGpuCheckPage(browser: Browser, baseUrl: string, query: string, timeoutMs: number, log: (line: string) => void): Promise<GpuCheckReport> {
  const page = await browser.newPage();
  try {
    await page.goto(`${baseUrl}#/gpu-check?${query}`);
    const status = page.getByTestId('gpu-check-status');
    const deadline = Date.now() + timeoutMs;
    let lastLine = '';
    for (;;) {
      const state = await status.getAttribute('data-status');
      const line = ((await status.textContent()) ?? '').trim();
      if (state === 'done') break;
      if (state === 'error') throw new Error(`the GPU check failed: ${line}`);
      if (Date.now() > deadline) throw new Error(`the GPU check did not finish within ${timeoutMs / 1000} s`);
      if (line !== lastLine) {
        log(`  ${line}`);
        lastLine = line;
      }
      await page.waitForTimeout(1000);
    }
    return JSON.parse((await page.getByTestId('gpu-check-report').textContent()) ?? '{}') as GpuCheckReport;
  } finally {
    await page.close();
  }
}

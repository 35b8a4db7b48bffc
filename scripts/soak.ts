// `npm run soak`: trains the Text lab for a long time in headless Chromium and watches for leaks.
//
//   npm run soak                      10 minutes, sampling every 30 s
//   npm run soak -- --minutes 2 --every 10 --engine wasm --no-build
//   npm run soak -- --property 500    the Text lab's seeded property test (tests/e2e/text-property.spec.ts)
//                                     with 500 cases instead of npm test's 50 (--seed N for another sequence)
//
// It builds the app, serves it with `vite preview` (the production build, under its CSP), opens #/text, starts
// training on the lab's default corpus and settings, and samples periodically:
//   - TensorFlow.js's tensor count and bytes, from the worker's own `progress` events (tf.memory());
//   - the training worker's JS heap and the page's JS heap, each measured right after a forced garbage
//     collection (Chromium DevTools protocol), so what is counted is what is still reachable.
// It prints a table and a verdict: the tensor count flat after warm-up (no higher in the second half than in
// the first), the worker heap grown less than 10% (medians of the first and last thirds of the post-warm-up
// samples), and the page's objects grown less than 10% between heap snapshots at the end of the warm-up and
// at the end (V8's compiled code left out: it keeps growing for minutes while the JIT optimises the page, and
// is not data the app keeps; the raw page heap and what grew most are printed). A benchmark, not a test: the
// exit code is 1 when the verdict fails, and the samples are written to test-results/soak.json.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM_MESSAGE } from './chromium';
import { heapSummary, topGrowth, type HeapSummary } from './heapSnapshot';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    every: { type: 'string', default: '30' },
    warmup: { type: 'string' },
    engine: { type: 'string' },
    port: { type: 'string', default: '4180' }, // not 4190: fetch and Chromium refuse it (a "bad port", ManageSieve)
    'no-build': { type: 'boolean', default: false },
    property: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`Usage: npm run soak -- [--minutes 10] [--every 30] [--warmup SECONDS] [--engine auto|webgpu|webgl|wasm|cpu|scratch] [--port 4180] [--no-build]
       npm run soak -- --property CASES [--seed N] [--port 4180] [--no-build]
Trains the Text lab in headless Chromium and reports the tensor count and JS heaps over time; with --property,
runs the Text lab's seeded property test with CASES cases.`);
  process.exit(0);
}

if (args.property !== undefined) {
  // The property test runs under Playwright (its config builds nothing: build first unless --no-build).
  if (!args['no-build']) spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  const env = { ...process.env, PROPERTY_CASES: args.property, ...(args.seed ? { PROPERTY_SEED: args.seed } : {}), E2E_PORT: args.port };
  const res = spawnSync('npx', ['playwright', 'test', 'tests/e2e/text-property.spec.ts'], { stdio: 'inherit', env });
  process.exit(res.status ?? 1);
}

const MINUTES = Number(args.minutes);
const EVERY_S = Number(args.every);
// Warm-up: JIT compilation, backend kernels and caches grow the heap at first without leaking. Default: the
// first 10% of the run, at least one sample interval.
const WARMUP_S = args.warmup !== undefined ? Number(args.warmup) : Math.max(EVERY_S, MINUTES * 6);
const PORT = Number(args.port);
const HEAP_LIMIT = 0.1;
if (!(MINUTES > 0 && EVERY_S > 0 && WARMUP_S >= 0 && WARMUP_S < MINUTES * 60 && Number.isInteger(PORT))) {
  console.error('Bad arguments: --minutes and --every must be positive, --warmup shorter than the run; see --help.');
  process.exit(2);
}

interface Progress {
  step: number;
  loss: number;
  tensors: number;
  bytes: number;
  charsPerSec: number;
}

interface Sample {
  seconds: number;
  phase: string;
  step: number;
  loss: number;
  tensors: number;
  tfBytes: number;
  charsPerSec: number;
  workerHeap: number;
  pageHeap: number;
}

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(cmd: string, argv: string[]): void {
  console.log(`$ ${cmd} ${argv.join(' ')}`);
  const res = spawnSync(cmd, argv, { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
}

/** Starts `vite preview` in its own process group and waits until it answers. */
async function startPreview(): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  server.stdout?.resume();
  const deadline = Date.now() + 120_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with code ${server.exitCode} (is port ${PORT} in use? try --port)`);
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/`);
      if (r.ok) return server;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
    }
    await sleep(250);
  }
  stopPreview(server);
  throw new Error(`vite preview did not answer on port ${PORT} within 120 s (${last})`);
}

function stopPreview(server: ChildProcess): void {
  // The whole group we started: npx, and vite under it.
  if (server.pid !== undefined && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/**
 * The training worker's heap, through a DevTools session attached to its target (dedicated workers have no
 * performance.memory). Each reading forces a full garbage collection first.
 */
class WorkerHeapProbe {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== this.sessionId) return;
      const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      this.pending.get(msg.id)?.(msg.error ? new Error(msg.error.message) : msg.result);
      this.pending.delete(msg.id);
    });
  }

  static async attach(page: Page): Promise<WorkerHeapProbe> {
    const cdp = await page.context().newCDPSession(page);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const target = targetInfos.find((t) => t.type === 'worker' && /text/i.test(`${t.title} ${t.url}`));
      if (target) {
        const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
        return new WorkerHeapProbe(cdp, sessionId);
      }
      if (Date.now() > deadline) throw new Error('the Text lab training worker did not start');
      await sleep(500);
    }
  }

  private call(method: string): Promise<unknown> {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, (r) => (r instanceof Error ? reject(r) : resolve(r)));
      setTimeout(() => reject(new Error(`${method}: no reply from the worker`)), 30_000);
    });
    void this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method }) });
    return result;
  }

  async usedHeap(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const usage = (await this.call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  }
}

/** The page's heap after a full collection. */
async function pageHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

function table(samples: Sample[]): string {
  const head = ['time', 'phase', 'step', 'loss', 'tensors', 'tf MB', 'chars/s', 'worker heap MB', 'page heap MB'];
  const rows = samples.map((s) => [
    `${Math.floor(s.seconds / 60)}:${String(Math.round(s.seconds % 60)).padStart(2, '0')}`,
    s.phase,
    String(s.step),
    Number.isFinite(s.loss) ? s.loss.toFixed(3) : '—',
    String(s.tensors),
    (s.tfBytes / MB).toFixed(2),
    Math.round(s.charsPerSec).toLocaleString('en-US'),
    (s.workerHeap / MB).toFixed(2),
    (s.pageHeap / MB).toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

interface Verdict {
  ok: boolean;
  lines: string[];
}

/** Page heap snapshots at the end of the warm-up and at the end of the run. */
interface Snapshots {
  first: HeapSummary;
  last: HeapSummary;
}

function verdict(samples: Sample[], snapshots: Snapshots | null): Verdict {
  const settled = samples.filter((s) => s.seconds >= WARMUP_S);
  if (settled.length < 2) return { ok: false, lines: [`Not enough samples after the ${WARMUP_S} s warm-up to judge; run longer.`] };
  const first = settled[0];
  const last = settled[settled.length - 1];
  // The count moves by a tensor or two within a step (a loss sum waiting to be read, an evaluation in
  // flight); a leak shows as a rising count. Flat: the second half's range is no higher than the first's.
  const half = Math.ceil(settled.length / 2);
  const early = settled.slice(0, half).map((s) => s.tensors);
  const late = settled.slice(half).map((s) => s.tensors);
  const range = (xs: number[]) => `${Math.min(...xs)}–${Math.max(...xs)}`;
  const tensorsFlat = late.length > 0 && Math.max(...late) <= Math.max(...early) && Math.min(...late) <= Math.min(...early);
  const growth = (a: number, b: number) => (b - a) / a;
  // The worker heap is sampled (after a forced GC) while training runs, so one sample can catch a step's
  // buffers or a checkpoint in flight: compare the medians of the first and last thirds of the samples,
  // which a leak moves and a single busy sample does not.
  const third = Math.max(1, Math.floor(settled.length / 3));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const workerStart = median(settled.slice(0, third).map((s) => s.workerHeap));
  const workerEnd = median(settled.slice(-third).map((s) => s.workerHeap));
  const workerGrowth = growth(workerStart, workerEnd);
  const pageGrowth = growth(first.pageHeap, last.pageHeap);
  const trained = last.step > first.step;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const checks: [boolean, string][] = [
    [trained, `training progressed after warm-up: step ${first.step} → ${last.step}`],
    [tensorsFlat, `tensor count flat after warm-up: ${range(early)} in the first half, ${late.length ? range(late) : '—'} in the second`],
    [
      workerGrowth < HEAP_LIMIT,
      `worker heap growth ${pct(workerGrowth)} (< ${pct(HEAP_LIMIT)}; medians of the first and last thirds): ${(workerStart / MB).toFixed(2)} → ${(workerEnd / MB).toFixed(2)} MB`,
    ],
  ];
  const lines: string[] = [];
  const pageLine = `page heap growth ${pct(pageGrowth)}: ${(first.pageHeap / MB).toFixed(2)} → ${(last.pageHeap / MB).toFixed(2)} MB`;
  if (snapshots) {
    // The page's heap includes V8's compiled code, which keeps growing for minutes while the JIT optimises
    // the page's (much more varied) code; the app's objects are what must not grow. Judge those, and show
    // the raw figure and what grew, so a real leak would be named.
    const data = (h: HeapSummary) => h.totalBytes - h.codeBytes;
    const dataGrowth = growth(data(snapshots.first), data(snapshots.last));
    checks.push([
      dataGrowth < HEAP_LIMIT,
      `page objects growth ${pct(dataGrowth)} (< ${pct(HEAP_LIMIT)}; heap snapshots, compiled code excluded): ${(data(snapshots.first) / MB).toFixed(2)} → ${(data(snapshots.last) / MB).toFixed(2)} MB`,
    ]);
    const code = `compiled code ${(snapshots.first.codeBytes / MB).toFixed(2)} → ${(snapshots.last.codeBytes / MB).toFixed(2)} MB`;
    lines.push(`info  ${pageLine} (${code})`);
    const top = topGrowth(snapshots.first, snapshots.last, 6)
      .map(([name, bytes, count]) => `${name} ${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)} KB (${count >= 0 ? '+' : ''}${count})`)
      .join(', ');
    lines.push(`info  grew most in the page heap: ${top}`);
  } else {
    checks.push([pageGrowth < HEAP_LIMIT, `${pageLine} (< ${pct(HEAP_LIMIT)})`]);
  }
  return { ok: checks.every(([pass]) => pass), lines: [...checks.map(([pass, text]) => `${pass ? 'PASS' : 'FAIL'}  ${text}`), ...lines] };
}

async function main(): Promise<number> {
  const executable = findChromium();
  if (!executable) {
    console.error(NO_CHROMIUM_MESSAGE);
    return 2;
  }
  if (!args['no-build']) run('npx', ['vite', 'build']);
  const server = await startPreview();
  // Ctrl-C or a kill still takes the preview server down with us.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopPreview(server);
      process.exit(130);
    });
  }
  const browser = await chromium.launch({ executablePath: executable, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  try {
    const page = await browser.newPage({ serviceWorkers: 'block' }); // the offline precache is not what is soaked
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    // Keep the worker's latest progress event where the script can read it (the page does not show tensors).
    await page.addInitScript(() => {
      const Original = window.Worker;
      window.Worker = class extends Original {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          this.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
            if (e.data?.type === 'progress') (window as unknown as { __soakProgress: unknown }).__soakProgress = e.data;
          });
        }
      };
    });
    console.log('Opening the Text lab…');
    await page.goto(`http://127.0.0.1:${PORT}/#/text`);
    await page.getByTestId('text-status-backend').waitFor({ timeout: 120_000 });
    if (args.engine) {
      await page.getByTestId('text-engine').selectOption(args.engine);
      if (args.engine !== 'auto') {
        // An engine that cannot start falls back along the chain; the backend shown below says what runs.
        await page
          .waitForFunction((e) => document.querySelector('[data-testid="text-status-backend"]')?.textContent === e, args.engine, { timeout: 120_000 })
          .catch(() => console.warn(`The ${args.engine} engine did not start; soaking what the lab fell back to.`));
      }
    }
    await page.waitForFunction(() => (document.querySelector('[data-testid="corpus-chars"]')?.textContent ?? '') !== '', undefined, { timeout: 120_000 });
    const backend = await page.getByTestId('text-status-backend').textContent();
    console.log(`\nSoak: ${MINUTES} min on the ${backend} backend, a sample every ${EVERY_S} s, warm-up ${WARMUP_S} s.\n`);

    console.log('Training…');
    await page.getByTestId('text-train').click();
    await page.waitForFunction(() => (window as unknown as { __soakProgress?: unknown }).__soakProgress !== undefined, undefined, { timeout: 180_000 });
    const probe = await WorkerHeapProbe.attach(page);
    const pageCdp = await page.context().newCDPSession(page);

    const start = Date.now();
    const samples: Sample[] = [];
    let firstSnapshot: HeapSummary | null = null;
    for (;;) {
      const seconds = (Date.now() - start) / 1000;
      const progress = (await page.evaluate(() => (window as unknown as { __soakProgress: unknown }).__soakProgress)) as Progress;
      const phase = (await page.getByTestId('text-phase').textContent()) ?? '?';
      const sample: Sample = {
        seconds,
        phase,
        step: progress.step,
        loss: progress.loss,
        tensors: progress.tensors,
        tfBytes: progress.bytes,
        charsPerSec: progress.charsPerSec,
        workerHeap: await probe.usedHeap(),
        pageHeap: await pageHeap(pageCdp),
      };
      samples.push(sample);
      if (!firstSnapshot && seconds >= WARMUP_S) firstSnapshot = await heapSummary(pageCdp);
      console.log(table(samples).split('\n').slice(samples.length === 1 ? 0 : -1).join('\n'));
      if (phase !== 'training') console.log(`  (the lab is "${phase}", not training)`);
      if (seconds >= MINUTES * 60) break;
      await sleep(Math.min(EVERY_S * 1000, start + MINUTES * 60_000 - Date.now() + 50));
    }

    const snapshots = firstSnapshot ? { first: firstSnapshot, last: await heapSummary(pageCdp) } : null;
    const v = verdict(samples, snapshots);
    console.log(`\n${table(samples)}\n\nVerdict (after the ${WARMUP_S} s warm-up):\n  ${v.lines.join('\n  ')}\n  ${v.ok ? 'OK: no leak seen.' : 'LEAK SUSPECTED (or the run was too short).'}`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/soak.json', JSON.stringify({ minutes: MINUTES, every: EVERY_S, warmup: WARMUP_S, backend, samples, verdict: v }, null, 1) + '\n');
    console.log('Samples: test-results/soak.json');
    return v.ok ? 0 : 1;
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);

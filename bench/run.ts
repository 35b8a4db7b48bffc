// `npm run bench`: how fast the playground is on this machine. A benchmark, never a test — it asserts
// nothing and hard-codes no expected figure; it measures, prints Markdown and writes bench/results.json.
//
//   npm run bench                      full run (about 8–10 minutes on a 2-core machine)
//   npm run bench -- --quick           hidden 128 only, shorter budgets (about 4 minutes)
//   npm run bench -- --only=quality    just the learning-speed part (6): about 13 minutes
//   options: --no-build (reuse dist/), --engines=scratch,wasm,…, --skip-browser, --skip-quality, --frames-ms=N,
//   npm run bench -- --only=sizes      only the page weights and the CLI start-up (bench/sizes.ts; ~1 minute)
//   npm run bench -- --only=threads    WASM single-threaded vs threads in the Text worker (bench/wasmThreads.ts; ~2 minutes)
//            --out=path
//   npm run bench -- --gpu             the real-GPU check (bench/gpu.ts): Chromium on the hardware WebGPU
//                                      adapter, LSTM 128 on fused WebGPU, TensorFlow.js-ops WebGPU and WASM;
//                                      refuses a software adapter (exit 3) unless --allow-software
//
// Parts: (1) Node — the from-scratch engines on the core, including the tutorial's 20,000 passes;
// (2) `vite build` + `vite preview` on a free port; (3) headless Chromium opens the Speed page with
// `#/speed?suite=bench&autorun=1` — its worker runs every task on every backend and publishes a JSON
// report; (4) the Text lab page trains with its defaults while the main thread's animation-frame gaps are
// recorded; (5) what a first visit of each lab transfers, and the CLI's start-up (bench/sizes.ts);
// (6) the tables and bench/results.json; (7) how fast the default Text lab run learns: the page
// trained for 90 s and 300 s against min-char-rnn for the same times (bench/textQuality.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { dirname } from 'node:path';
import { engineMatrix, markdownTable, memoryTable, summaryTable } from '../src/core/bench/markdown';
import { formatFigure, type SpeedReport } from '../src/core/bench/results';
import { nestSummary, summarize } from '../src/core/bench/summary';
import { ALL_ENGINES, type SpeedEngine } from '../src/core/bench/tasks';
import type { GpuCheckReport } from '../src/workers/gpuCheckProtocol';
import { QUALITY_SECONDS, qualitySummary, type MinCharRun } from '../src/core/bench/qualityBench';
import { measurePageQuality, runMinChar, type PageQuality } from './textQuality';
import { launchBrowser, measureTextLabFrames, runGpuCheckPage, runSpeedPage, type FrameGapResult } from './browser';
import { runGpuBench } from './gpu';
import { runNodeBench, type NodeResults } from './node';
import { buildApp, startPreview } from './server';
import { measureSizes, type SizeResults } from './sizes';
import { measureWasmThreads, threadsMarkdown } from './wasmThreads';

interface Args {
  quick: boolean;
  build: boolean;
  browser: boolean;
  engines?: SpeedEngine[];
  framesMs: number;
  out: string;
  /** Run the learning-speed part (6). */
  quality: boolean;
  /** Only that part. */
  onlyQuality: boolean;
  /** Its checkpoints (seconds); other values than 90 and 300 are for trying the driver out (keys stay null). */
  qualitySeconds: readonly number[];
  /** Only the page weights and the CLI start-up. */
  onlySizes: boolean;
  /** Only the real-GPU check (bench/gpu.ts). */
  gpu: boolean;
  /** Let the GPU check run on a software adapter. */
  allowSoftware: boolean;
  /** Only WASM single-threaded vs threads. */
  onlyThreads: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, build: true, browser: true, framesMs: 0, out: '', quality: true, onlyQuality: false, qualitySeconds: QUALITY_SECONDS, onlySizes: false, gpu: false, allowSoftware: false, onlyThreads: false };
  for (const a of argv) {
    const [key, value] = a.split('=', 2);
    if (key === '--quick') args.quick = true;
    else if (key === '--no-build') args.build = false;
    else if (key === '--skip-browser') args.browser = false;
    else if (key === '--engines' && value) args.engines = value.split(',').filter((e): e is SpeedEngine => (ALL_ENGINES as readonly string[]).includes(e));
    else if (key === '--frames-ms' && value) args.framesMs = Number(value);
    else if (key === '--out' && value) args.out = value;
    else if (key === '--skip-quality') args.quality = false;
    else if (key === '--only' && value === 'quality') args.onlyQuality = true;
    else if (key === '--only' && value === 'sizes') args.onlySizes = true;
    else if (key === '--gpu') args.gpu = true;
    else if (key === '--allow-software') args.allowSoftware = true;
    else if (key === '--only' && value === 'threads') args.onlyThreads = true;
    else if (key === '--quality-seconds' && value) args.qualitySeconds = value.split(',').map(Number);
    else if (key === '--help' || key === '-h') {
      console.log('usage: npm run bench [-- --quick] [--no-build] [--engines=scratch,cpu,wasm,webgl,webgpu,webgpu-ops] [--skip-browser] [--skip-quality] [--only=quality|sizes|threads] [--frames-ms=N] [--out=path]');
      console.log('       npm run bench -- --gpu [--allow-software] [--quick] [--no-build] [--out=path]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  if (!args.framesMs) args.framesMs = args.quick ? 5000 : 10_000;
  // --only=sizes and --only=threads write their own files, so they never replace a full run's results.
  if (!args.out) args.out = args.onlySizes ? 'bench/results-sizes.json' : args.onlyThreads ? 'bench/results-threads.json' : 'bench/results.json';
  return args;
}

const t0 = Date.now();
const log = (line: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  log(`bench${args.quick ? ' --quick' : ''}: ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), ${platform()} ${release()}, Node ${process.version}`);
  if (args.onlySizes) return onlySizes(args);
  if (args.gpu) {
    process.exitCode = await runGpuBench({ build: args.build, allowSoftware: args.allowSoftware, quick: args.quick, out: args.out }, log);
    return;
  }
  if (args.onlyThreads) return onlyThreads(args);

  if (args.onlyQuality) return qualityOnly(args);
  log('Node: from-scratch engines');
  const node: NodeResults = await runNodeBench(args.quick, log);

  let report: SpeedReport | null = null;
  let frames: FrameGapResult | null = null;
  let speedWorkerHeap: number | null = null;
  let gpuCheck: GpuCheckReport | null = null;
  let pageQuality: PageQuality | null = null;
  let sizes: SizeResults | null = null;
  if (args.browser) {
    if (args.build) {
      log('building the app (vite build)');
      buildApp();
    }
    const server = await startPreview();
    log(`serving dist/ at ${server.url}`);
    const browser = await launchBrowser();
    try {
      log(`Chromium ${browser.version()}: the Speed page's benchmark suite`);
      const speed = await runSpeedPage(browser, server.url, { quick: args.quick, engines: args.engines, timeoutMs: 15 * 60_000, log });
      report = speed.report;
      speedWorkerHeap = speed.workerHeapBytes;
      if (!args.engines || args.engines.includes('webgpu')) {
        // Fused WGSL kernels against TensorFlow.js ops on WebGPU, LSTM 128 (embedding 32, window 64, batch 32),
        // in one worker: dispatches counted per training step, and chars/s side by side.
        log('WebGPU: LSTM 128, fused kernels against TensorFlow.js ops (#/gpu-check)');
        const steps = args.quick ? 2 : 4;
        gpuCheck = await runGpuCheckPage(browser, server.url, `suite=dispatch&cells=lstm&hidden=128&batch=32&window=64&embedding=32&steps=${steps}`, 20 * 60_000, log).catch(
          (err: unknown) => {
            log(`  the WebGPU comparison failed: ${(err as Error).message}`);
            return null;
          },
        );
      }
      log(`Text lab: animation-frame gaps while it trains (${args.framesMs / 1000} s window)`);
      frames = await measureTextLabFrames(browser, server.url, args.framesMs, log);
      if (args.quality) {
        log(`Text lab: the default run's validation bits/char after ${args.qualitySeconds.join(' s and ')} s`);
        pageQuality = await measurePageQuality(browser, server.url, args.qualitySeconds, log);
      }
      log('page weights (first visits, compressed) and CLI start-up');
      sizes = await measureSizes(browser, log);
    } finally {
      await browser.close();
      await server.close();
    }
  }

  let minchar: MinCharRun | null = null;
  if (args.browser && args.quality) {
    log(`min-char-rnn for ${args.qualitySeconds.join(' s and ')} s on the same split (after the page, alone)`);
    minchar = await runMinChar(args.qualitySeconds, log);
  }
  const summary = {
    ...summarize({ tutorialSeconds: node.tutorialSeconds, report, frameGapP95Ms: frames?.p95Ms ?? null, webgpu: gpuCheck?.dispatch[0] ?? null, sizes }),
    ...qualitySummary(pageQuality?.points ?? null, minchar),
  };
  const markdown = renderMarkdown(args, node, report, frames, summary) + (args.quality ? qualityMarkdown(pageQuality, minchar) : '');
  console.log(markdown);

  const results = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: platform(), release: release(), node: process.version },
    durationS: (Date.now() - t0) / 1000,
    summary,
    ...nestSummary(summary),
    node,
    browser: report && { ...report, speedWorkerHeapBytes: speedWorkerHeap },
    textLab: frames,
    webgpuFused: gpuCheck,
    quality: { page: pageQuality, minchar },
    sizes,
    markdown,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${args.out} (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);
}

/** `--only=quality`: build (unless --no-build), serve, the page's default run, then min-char-rnn. */
async function qualityOnly(args: Args): Promise<void> {
  if (args.build) {
    log('building the app (vite build)');
    buildApp();
  }
  const server = await startPreview();
  const pageQuality = await (async () => {
    try {
      const browser = await launchBrowser();
      try {
        log(`Text lab: the default run's validation bits/char after ${args.qualitySeconds.join(' s and ')} s`);
        return await measurePageQuality(browser, server.url, args.qualitySeconds, log);
      } finally {
        await browser.close();
      }
    } finally {
      await server.close();
    }
  })();
  log(`min-char-rnn for ${args.qualitySeconds.join(' s and ')} s on the same split (after the page, alone)`);
  const minchar = await runMinChar(args.qualitySeconds, log);
  const summary = qualitySummary(pageQuality.points, minchar);
  const markdown = `## Benchmark (learning speed only) — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores\n\n${summaryTable(summary)}\n${qualityMarkdown(pageQuality, minchar)}`;
  console.log(markdown);
  const results = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: platform(), release: release(), node: process.version },
    durationS: (Date.now() - t0) / 1000,
    summary,
    ...nestSummary(summary),
    quality: { page: pageQuality, minchar },
    markdown,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${args.out} (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);
}

/** `--only=threads`: build (unless --no-build), serve, then WASM single-threaded vs threads per size. */
async function onlyThreads(args: Args): Promise<void> {
  if (args.build) {
    log('building the app (vite build)');
    buildApp();
  }
  const server = await startPreview();
  let rows;
  try {
    const browser = await launchBrowser();
    try {
      log(`Chromium ${browser.version()}: the Text worker on WASM, 1 thread vs one per core (training only)`);
      rows = await measureWasmThreads(browser, server.url, log);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
  const summary = Object.fromEntries(
    rows.flatMap((r) => [
      [`text.wasm_threads.${r.size}.chars_per_s_1`, r.charsPerSecSingle],
      [`text.wasm_threads.${r.size}.chars_per_s_n`, r.charsPerSecThreads],
      [`text.wasm_threads.${r.size}.threads`, r.threads],
      [`text.wasm_threads.${r.size}.ratio`, Number(r.ratio.toFixed(3))],
    ]),
  );
  const markdown = `## WASM threads — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores\n\n${threadsMarkdown(rows)}`;
  console.log(markdown);
  const results = { generatedAt: new Date().toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(' ')}`, machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null }, summary, rows, markdown };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${args.out}`);
}

/** `--only=sizes`: build (unless --no-build), then the page weights and the CLI start-up. */
async function onlySizes(args: Args): Promise<void> {
  if (args.build) {
    log('building the app (vite build)');
    buildApp();
  }
  const browser = await launchBrowser();
  let sizes: SizeResults;
  try {
    log(`Chromium ${browser.version()}: page weights (first visits, compressed) and CLI start-up`);
    sizes = await measureSizes(browser, log);
  } finally {
    await browser.close();
  }
  const all = summarize({ tutorialSeconds: null, report: null, frameGapP95Ms: null, sizes });
  const summary = { 'page.first_visit_kb.classify': all['page.first_visit_kb.classify'], 'page.first_visit_kb.text': all['page.first_visit_kb.text'], 'cli.startup_ms': all['cli.startup_ms'] };
  const markdown = `## Sizes — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}\n\n${summaryTable(summary)}\n`;
  console.log(markdown);
  const results = { generatedAt: new Date().toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(' ')}`, summary, ...nestSummary(summary), sizes, markdown };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${args.out}`);
}

function qualityMarkdown(page: PageQuality | null, minchar: MinCharRun | null): string {
  const seconds = [...new Set([...(page?.points ?? []), ...(minchar?.points ?? [])].map((p) => p.seconds))].sort((a, b) => a - b);
  const rows = seconds.map((s) => {
    const ours = page?.points.find((p) => p.seconds === s);
    const ref = minchar?.points.find((p) => p.seconds === s);
    return [
      `${s} s`,
      ours ? formatFigure(ours.validBits) : '—',
      ours ? `${ours.chars}` : '—',
      ref ? formatFigure(ref.validBits) : '—',
      ref ? `${ref.chars}` : '—',
      ours && ref ? formatFigure(ours.validBits / ref.validBits) : '—',
    ];
  });
  const settings = page?.model && page.train ? `${JSON.stringify(page.model)} ${JSON.stringify(page.train)} on ${page.backend}` : '—';
  return [
    '',
    `### How fast the default Text lab run learns (validation bits/char on the whole last 5%, rows of 256 from a zero state; min-char-rnn: ${minchar?.implementation === 'js-port' ? 'JavaScript port' : 'NumPy original, the better of that and its state carried through'})`,
    markdownTable(['training wall time', 'page', 'page chars', 'min-char-rnn', 'min-char chars', 'page / min-char'], rows, ['l', 'r', 'r', 'r', 'r', 'r']),
    `Page defaults: ${settings}.`,
    '',
  ].join('\n\n');
}

function renderMarkdown(
  args: Args,
  node: NodeResults,
  report: SpeedReport | null,
  frames: FrameGapResult | null,
  summary: ReturnType<typeof summarize>,
): string {
  const parts: string[] = [];
  parts.push(`## Benchmark${args.quick ? ' (quick)' : ''} — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}`);
  if (report) parts.push(`Browser: \`${report.userAgent}\``);
  parts.push('### Summary', summaryTable(summary));
  parts.push(
    '### Node (from scratch, the core alone)',
    markdownTable(
      ['task', 'value', 'unit'],
      node.figures.map((f) => [f.label + (f.note ? ` (${f.note})` : ''), formatFigure(f.value), f.unit]),
      ['l', 'r', 'l'],
    ),
  );
  if (report) {
    parts.push(
      `### Browser, per engine (worker; ${report.budgetMs} ms timed per measurement after one warm-up unit; × = speed-up over from scratch, else over the first engine in race order that ran the task)`,
      engineMatrix(report),
    );
    const engines = report.engines.map((e) => `- ${e.engine}: ${e.available ? `${e.backend}${e.adapter ? `, adapter ${[e.adapter.vendor, e.adapter.architecture].filter(Boolean).join(' ')}${e.adapter.isFallbackAdapter ? ' (fallback)' : ''}` : ''}${e.renderer ? `, renderer ${e.renderer}` : ''}${e.software ? ' — SOFTWARE' : ''}` : `unavailable (${e.reason})`}`);
    parts.push('### Engines', engines.join('\n'));
    parts.push('### Memory after the timed steps', memoryTable(report));
  }
  if (frames) {
    parts.push(
      '### Text lab page while training',
      `p95 gap between animation frames: ${formatFigure(frames.p95Ms)} ms over ${frames.frames} frames; backend ${frames.backend}; ` +
        `${frames.stepsAfter - frames.stepsBefore} training steps in the window (lab reports ${frames.charsPerSec ?? '—'} chars/s); ` +
        `training worker JS heap ${frames.workerHeapBytes ? `${(frames.workerHeapBytes / 2 ** 20).toFixed(1)} MB` : '—'}.`,
    );
  }
  return parts.join('\n\n') + '\n';
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

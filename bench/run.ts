// `npm run bench`: how fast the playground is on this machine. A benchmark, never a test — it asserts
// nothing and hard-codes no expected figure; it measures, prints Markdown and writes bench/results.json.
//
//   npm run bench                      full run (about 8–10 minutes on a 2-core machine)
//   npm run bench -- --quick           hidden 128 only, shorter budgets (about 4 minutes)
//   npm run bench -- --only=sizes      only the page weights and the CLI start-up (bench/sizes.ts; ~1 minute)
//   options: --no-build (reuse dist/), --engines=scratch,wasm,…, --skip-browser, --frames-ms=N, --out=path
//
// Parts: (1) Node — the from-scratch engines on the core, including the tutorial's 20,000 passes;
// (2) `vite build` + `vite preview` on a free port; (3) headless Chromium opens the Speed page with
// `#/speed?suite=bench&autorun=1` — its worker runs every task on every backend and publishes a JSON
// report; (4) the Text lab page trains with its defaults while the main thread's animation-frame gaps are
// recorded; (5) what a first visit of each lab transfers, and the CLI's start-up (bench/sizes.ts);
// (6) the tables and bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { dirname } from 'node:path';
import { engineMatrix, markdownTable, memoryTable, summaryTable } from '../src/core/bench/markdown';
import { formatFigure, type SpeedReport } from '../src/core/bench/results';
import { nestSummary, summarize } from '../src/core/bench/summary';
import { ALL_ENGINES, type SpeedEngine } from '../src/core/bench/tasks';
import { launchBrowser, measureTextLabFrames, runSpeedPage, type FrameGapResult } from './browser';
import { runNodeBench, type NodeResults } from './node';
import { buildApp, startPreview } from './server';
import { measureSizes, type SizeResults } from './sizes';

interface Args {
  quick: boolean;
  build: boolean;
  browser: boolean;
  engines?: SpeedEngine[];
  framesMs: number;
  out: string;
  /** Only the page weights and the CLI start-up. */
  onlySizes: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, build: true, browser: true, framesMs: 0, out: '', onlySizes: false };
  for (const a of argv) {
    const [key, value] = a.split('=', 2);
    if (key === '--quick') args.quick = true;
    else if (key === '--no-build') args.build = false;
    else if (key === '--skip-browser') args.browser = false;
    else if (key === '--engines' && value) args.engines = value.split(',').filter((e): e is SpeedEngine => (ALL_ENGINES as readonly string[]).includes(e));
    else if (key === '--frames-ms' && value) args.framesMs = Number(value);
    else if (key === '--out' && value) args.out = value;
    else if (key === '--only' && value === 'sizes') args.onlySizes = true;
    else if (key === '--help' || key === '-h') {
      console.log('usage: npm run bench [-- --quick] [--only=sizes] [--no-build] [--engines=scratch,cpu,wasm,webgl,webgpu] [--skip-browser] [--frames-ms=N] [--out=path]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  if (!args.framesMs) args.framesMs = args.quick ? 5000 : 10_000;
  // --only=sizes writes its own file, so it never replaces a full run's results.
  if (!args.out) args.out = args.onlySizes ? 'bench/results-sizes.json' : 'bench/results.json';
  return args;
}

const t0 = Date.now();
const log = (line: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  log(`bench${args.quick ? ' --quick' : ''}: ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), ${platform()} ${release()}, Node ${process.version}`);
  if (args.onlySizes) return onlySizes(args);

  log('Node: from-scratch engines');
  const node: NodeResults = await runNodeBench(args.quick, log);

  let report: SpeedReport | null = null;
  let frames: FrameGapResult | null = null;
  let speedWorkerHeap: number | null = null;
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
      log(`Text lab: animation-frame gaps while it trains (${args.framesMs / 1000} s window)`);
      frames = await measureTextLabFrames(browser, server.url, args.framesMs, log);
      log('page weights (first visits, compressed) and CLI start-up');
      sizes = await measureSizes(browser, log);
    } finally {
      await browser.close();
      await server.close();
    }
  }

  const summary = summarize({ tutorialSeconds: node.tutorialSeconds, report, frameGapP95Ms: frames?.p95Ms ?? null, sizes });
  const markdown = renderMarkdown(args, node, report, frames, summary);
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
    sizes,
    markdown,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${args.out} (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);
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

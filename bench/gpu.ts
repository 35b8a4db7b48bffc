// `npm run bench -- --gpu`: the one-command real-GPU check. Builds the app (unless --no-build), serves it, and
// runs Chromium with the HARDWARE WebGPU adapter (flags below), then the Speed page's GPU suite
// (`#/speed?suite=gpu`, plan.ts's gpuPlan): LSTM 128 (embedding 32, window 64 × batch 32) trained on WebGPU
// with the fused kernels, on WebGPU through TensorFlow.js ops, and on WASM — chars/s, and GPU dispatches per
// step counted in the worker. Prints Markdown and writes the `gpu.*` keys into bench/results.json (merged
// into a full run's file when there is one).
//
// A software adapter (SwiftShader, llvmpipe…: what a machine without a GPU gets) is refused — exit code 3 and
// a message — since its figures say nothing about a GPU; `--allow-software` runs anyway (to try the command
// out on such a machine; it then falls back to the SwiftShader flags the tests use if the hardware flags
// give no adapter at all). A benchmark, never a test: nothing here is asserted.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { dirname } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM_MESSAGE } from '../scripts/chromium';
import { gpuMarkdown, summarizeGpu } from '../src/core/bench/gpuSummary';
import type { AdapterSummary } from '../src/core/bench/results';
import { isSoftwareAdapter } from '../src/core/softwareGpu';
import { nestSummary } from '../src/core/bench/summary';
import { runSpeedPage } from './browser';
import { buildApp, startPreview } from './server';

/** Exit code when the adapter is a software one (or there is none) and --allow-software was not given. */
export const NO_HARDWARE_EXIT = 3;

/**
 * Chromium flags for WebGPU on the real GPU. Headless Chromium exposes WebGPU only with
 * --enable-unsafe-webgpu; on Linux, Dawn's hardware path is Vulkan, which Chromium enables only with the
 * Vulkan feature (--use-angle=vulkan and --disable-vulkan-surface: no window surface in headless), and
 * --ignore-gpu-blocklist keeps a blocklisted driver from being swapped for SwiftShader. Nothing here forces
 * SwiftShader: a machine without a usable GPU falls back to it by itself (as the tests' CHROMIUM_ARGS do),
 * and the probe below tells. macOS (Metal) and Windows (D3D12) need only the first flag. WebGL is not raced
 * here (ANGLE on Vulkan may leave tfjs without WebGL, which is why the tests never pass it).
 */
export function hardwareGpuArgs(os: NodeJS.Platform = platform()): string[] {
  const base = CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu');
  const linux = os === 'linux' ? ['--enable-features=Vulkan', '--use-angle=vulkan', '--disable-vulkan-surface', '--ignore-gpu-blocklist'] : ['--ignore-gpu-blocklist'];
  return ['--enable-unsafe-webgpu', ...linux, ...base];
}

/** What navigator.gpu offers on the served page; evaluated as source text (tsx would wrap a named function). */
const PROBE_SOURCE = `(async function () {
  if (!navigator.gpu) return { error: 'navigator.gpu is undefined (WebGPU is off in this browser)' };
  var adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { error: 'navigator.gpu.requestAdapter() returned null (no usable adapter)' };
  var info = adapter.info || {};
  return { adapter: { vendor: info.vendor || '', architecture: info.architecture || '', device: info.device || '',
    description: info.description || '', isFallbackAdapter: Boolean(adapter.isFallbackAdapter || info.isFallbackAdapter) } };
})()`;

type Probe = { adapter: AdapterSummary } | { error: string };

async function probeAdapter(browser: Browser, url: string): Promise<Probe> {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  try {
    await page.goto(`${url}#/speed`);
    return (await page.evaluate(PROBE_SOURCE)) as Probe;
  } finally {
    await page.close();
  }
}

const describeAdapter = (a: AdapterSummary) =>
  `${[a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ') || '(unnamed)'}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}`;

export interface GpuArgs {
  build: boolean;
  allowSoftware: boolean;
  quick: boolean;
  out: string;
}

/** Runs the check; returns the process exit code (0, or NO_HARDWARE_EXIT when refused). */
export async function runGpuBench(args: GpuArgs, log: (line: string) => void): Promise<number> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  if (args.build) {
    log('building the app (vite build)');
    buildApp();
  }
  const server = await startPreview();
  let flags = hardwareGpuArgs();
  let browser = await chromium.launch({ executablePath, headless: true, args: flags });
  try {
    log(`Chromium ${browser.version()} (${executablePath}) with the hardware WebGPU flags: ${flags.join(' ')}`);
    let probe = await probeAdapter(browser, server.url);
    const refuse = (why: string) => {
      console.error(
        `\nnpm run bench -- --gpu: ${why}\n` +
          'Its figures would measure the CPU emulating a GPU, not a GPU. Run it on a machine with a GPU and its driver ' +
          '(Linux: a Vulkan driver — `vulkaninfo --summary` should list the GPU), or add --allow-software to run it anyway.\n',
      );
      return NO_HARDWARE_EXIT;
    };
    if ('error' in probe) {
      if (!args.allowSoftware) return refuse(`no WebGPU adapter with the hardware flags: ${probe.error}.`);
      log(`  no adapter with the hardware flags (${probe.error}); --allow-software: the SwiftShader flags the tests use`);
      await browser.close();
      flags = CHROMIUM_ARGS;
      browser = await chromium.launch({ executablePath, headless: true, args: flags });
      probe = await probeAdapter(browser, server.url);
      if ('error' in probe) throw new Error(`no WebGPU adapter at all: ${probe.error}`);
    }
    const software = isSoftwareAdapter(probe.adapter);
    log(`  WebGPU adapter: ${describeAdapter(probe.adapter)} — ${software ? 'SOFTWARE' : 'hardware'}`);
    if (software && !args.allowSoftware) return refuse(`the WebGPU adapter is a software one: ${describeAdapter(probe.adapter)}.`);

    log('Speed page, GPU suite: LSTM 128 (window 64, batch 32) on WebGPU fused, WebGPU TensorFlow.js ops and WASM');
    const { report } = await runSpeedPage(browser, server.url, { suite: 'gpu', quick: false, budgetMs: args.quick ? 500 : undefined, timeoutMs: 20 * 60_000, log });
    const summary = summarizeGpu(report);
    const title = `## GPU check — ${new Date().toISOString().slice(0, 10)}, ${describeAdapter(probe.adapter)}${software ? ' — SOFTWARE adapter (--allow-software): not a GPU figure' : ''}`;
    const markdown = `${title}\n\nBrowser: \`${report.userAgent}\`\n\n${gpuMarkdown(report, summary)}\n`;
    console.log(markdown);
    writeResults(args.out, {
      summary,
      run: {
        generatedAt: new Date().toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: platform(), release: release(), node: process.version },
        chromium: { executablePath, version: browser.version(), flags },
        adapter: probe.adapter,
        report,
        markdown,
      },
    });
    log(`wrote the gpu.* keys to ${args.out}`);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Sets summary['gpu.*'], the nested `gpu` object and `gpuRun` in `path`, keeping what a full run wrote there. */
function writeResults(path: string, { summary, run }: { summary: ReturnType<typeof summarizeGpu>; run: object }): void {
  let results: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      results = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      results = {};
    }
  }
  const previous = typeof results.summary === 'object' && results.summary !== null ? (results.summary as Record<string, unknown>) : {};
  results.summary = { ...previous, ...summary };
  results.gpu = nestSummary(summary).gpu;
  results.gpuRun = run;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
}

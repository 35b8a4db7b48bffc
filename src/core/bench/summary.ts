// The headline figures of `npm run bench` (bench/results.json's summary keys), derived from the run's rows.
// Definitions: "LSTM 128" is the Text lab's LSTM (embedding 32, window 64, batch 32); "best backend" is the
// TensorFlow.js backend with the highest LSTM 128 training throughput in this run; the baseline ratio and
// the generation figures are taken on that same backend.
import { bestRow, findRow, type SpeedReport } from './results';
import type { TfjsEngine } from './tasks';

export const SUMMARY_TASKS = {
  train: 'train-lstm-128',
  rnn: 'train-rnn-128',
  generate: 'generate-lstm-128',
  baseline: 'baseline-train-lstm-128',
} as const;

const TFJS: readonly TfjsEngine[] = ['cpu', 'wasm', 'webgl', 'webgpu'];

export interface BenchSummary {
  'classify.tutorial_20000_passes_s': number | null;
  'text.train_chars_per_s': number | null;
  'text.rnn128_chars_per_s': number | null;
  /** Which engine reached text.rnn128_chars_per_s (the from-scratch RNN competes here). */
  'text.rnn128_engine': string | null;
  'text.baseline_chars_per_s': number | null;
  'text.ratio_vs_baseline': number | null;
  'text.backend': string | null;
  'generation.first_char_ms': number | null;
  'generation.chars_per_s': number | null;
  'page.p95_frame_gap_ms': number | null;
  /** Compute dispatches per LSTM 128 training step on WebGPU with the fused kernels (counted in the worker). */
  'webgpu.dispatches_per_step': number | null;
  /** The same through TensorFlow.js ops (fusedKernels: false). */
  'webgpu.dispatches_per_step_tfjs': number | null;
  /** LSTM 128 training chars/s on WebGPU, fused kernels and TensorFlow.js ops, measured in the same run. */
  'webgpu.fused_chars_per_s': number | null;
  'webgpu.tfjs_chars_per_s': number | null;
  /** webgpu.fused_chars_per_s / webgpu.tfjs_chars_per_s. */
  'webgpu.fused_vs_tfjs': number | null;
  /** Compressed bytes (KB = 1000 bytes) a first visit of each lab transfers, service worker blocked. */
  'page.first_visit_kb.classify': number | null;
  'page.first_visit_kb.text': number | null;
  /** The command line: start → first line of output (ms). */
  'cli.startup_ms': number | null;
}

/** The fused-vs-ops measurement of the #/gpu-check page (check/fusedChecks.ts's DispatchResult, in part). */
export interface WebGpuFusedFigures {
  fused: { perStep: number; charsPerSec: number };
  ops: { perStep: number; charsPerSec: number };
}

export interface SummaryInputs {
  /** Node, from scratch, hidden 3. */
  tutorialSeconds: number | null;
  report: SpeedReport | null;
  /** p95 animation-frame gap on the Text lab page while it trains. */
  frameGapP95Ms: number | null;
  /** LSTM 128 on WebGPU, fused kernels against TensorFlow.js ops (absent when not measured). */
  webgpu?: WebGpuFusedFigures | null;
  /** Page weights and CLI start-up (bench/sizes.ts), when measured. */
  sizes?: { firstVisitKb: { classify: number | null; text: number | null }; cliStartupMs: number | null } | null;
}

export function summarize({ tutorialSeconds, report, frameGapP95Ms, webgpu, sizes }: SummaryInputs): BenchSummary {
  const rows = report?.rows ?? [];
  const train = bestRow(rows, SUMMARY_TASKS.train, TFJS);
  const backend = train?.engine ?? null;
  const rnn = bestRow(rows, SUMMARY_TASKS.rnn);
  const baseline = backend ? findRow(rows, SUMMARY_TASKS.baseline, backend) : undefined;
  const baselineValue = baseline?.status === 'ok' ? baseline.value : null;
  const generate = backend ? findRow(rows, SUMMARY_TASKS.generate, backend) : undefined;
  const generated = generate?.status === 'ok' ? generate : undefined;
  return {
    'classify.tutorial_20000_passes_s': tutorialSeconds,
    'text.train_chars_per_s': train?.value ?? null,
    'text.rnn128_chars_per_s': rnn?.value ?? null,
    'text.rnn128_engine': rnn?.engine ?? null,
    'text.baseline_chars_per_s': baselineValue,
    'text.ratio_vs_baseline': train?.value && baselineValue ? train.value / baselineValue : null,
    'text.backend': backend,
    'generation.first_char_ms': generated?.firstCharMs ?? null,
    'generation.chars_per_s': generated?.value ?? null,
    'page.p95_frame_gap_ms': frameGapP95Ms,
    'webgpu.dispatches_per_step': webgpu?.fused.perStep ?? null,
    'webgpu.dispatches_per_step_tfjs': webgpu?.ops.perStep ?? null,
    'webgpu.fused_chars_per_s': webgpu?.fused.charsPerSec ?? null,
    'webgpu.tfjs_chars_per_s': webgpu?.ops.charsPerSec ?? null,
    'webgpu.fused_vs_tfjs': webgpu ? webgpu.fused.charsPerSec / webgpu.ops.charsPerSec : null,
    'page.first_visit_kb.classify': sizes?.firstVisitKb.classify ?? null,
    'page.first_visit_kb.text': sizes?.firstVisitKb.text ?? null,
    'cli.startup_ms': sizes?.cliStartupMs ?? null,
  };
}

type Nested = { [key: string]: Nested | number | string | null };

/** The flat summary as nested objects too ({ classify: { tutorial_20000_passes_s } }, { page: { first_visit_kb:
 *  { text } } }), for either lookup. */
export function nestSummary(summary: object): Record<string, Nested> {
  const out: Record<string, Nested> = {};
  for (const [key, value] of Object.entries(summary) as [string, number | string | null | undefined][]) {
    const path = key.split('.');
    let node: Nested = out;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      node = typeof next === 'object' && next !== null ? next : (node[part] = {});
    }
    node[path[path.length - 1]] = value ?? null;
  }
  return out;
}

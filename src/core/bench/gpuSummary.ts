// The figures of `npm run bench -- --gpu` (bench/results.json's `gpu.*` keys), from the Speed worker's report
// of the GPU suite (plan.ts's gpuPlan: LSTM 128, embedding 32, window 64 × batch 32, on WASM and on WebGPU with
// the fused kernels and through TensorFlow.js ops). Dispatches are counted in the worker over the timed steps.
import { markdownTable } from './markdown';
import { isSoftwareAdapter } from '../softwareGpu';
import { findRow, formatFigure, type SpeedReport, type SpeedRow } from './results';
import { GPU_CHECK_TASK } from './plan';
import { SPEED_ENGINE_LABELS, type SpeedEngine } from './tasks';

export interface GpuSummary {
  /** The WebGPU adapter as the browser names it (vendor, architecture, device, description). */
  'gpu.adapter': string | null;
  /** 'hardware', or 'software' (a fallback adapter such as SwiftShader: only with --allow-software). */
  'gpu.adapter_kind': 'hardware' | 'software' | null;
  /** LSTM 128 training chars/s: WebGPU with the fused kernels, WebGPU through TensorFlow.js ops, WASM. */
  'gpu.fused_chars_per_s': number | null;
  'gpu.tfjs_chars_per_s': number | null;
  'gpu.wasm_chars_per_s': number | null;
  /** GPU compute dispatches per training step, fused and through TensorFlow.js ops. */
  'gpu.dispatches_per_step': number | null;
  'gpu.dispatches_per_step_tfjs': number | null;
  /** Ratios of the chars/s above, same run. */
  'gpu.fused_vs_tfjs': number | null;
  'gpu.fused_vs_wasm': number | null;
}

export const GPU_SUMMARY_NOTES: Record<keyof GpuSummary, string> = {
  'gpu.adapter': 'the WebGPU adapter Chromium got',
  'gpu.adapter_kind': "'hardware', or 'software' (only with --allow-software)",
  'gpu.fused_chars_per_s': 'LSTM 128 training, window 64, batch 32, WebGPU with the fused kernels (chars/s)',
  'gpu.tfjs_chars_per_s': 'the same, WebGPU through TensorFlow.js ops (chars/s)',
  'gpu.wasm_chars_per_s': 'the same on WASM (chars/s)',
  'gpu.dispatches_per_step': 'GPU compute dispatches per training step, fused kernels (counted in the worker)',
  'gpu.dispatches_per_step_tfjs': 'the same through TensorFlow.js ops',
  'gpu.fused_vs_tfjs': 'fused ÷ TensorFlow.js ops, same run',
  'gpu.fused_vs_wasm': 'fused WebGPU ÷ WASM, same run',
};

const okValue = (row: SpeedRow | undefined) => (row?.status === 'ok' ? row.value : null);
const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);

/** The `gpu.*` figures of a GPU-suite report (null where an engine did not run). */
export function summarizeGpu(report: SpeedReport): GpuSummary {
  const task = GPU_CHECK_TASK.id;
  const fused = findRow(report.rows, task, 'webgpu');
  const ops = findRow(report.rows, task, 'webgpu-ops');
  const wasm = findRow(report.rows, task, 'wasm');
  const adapter = report.engines.find((e) => e.engine === 'webgpu')?.adapter;
  const fusedValue = okValue(fused);
  return {
    'gpu.adapter': adapter ? [adapter.vendor, adapter.architecture, adapter.device, adapter.description].filter(Boolean).join(' ') || '(unnamed)' : null,
    'gpu.adapter_kind': adapter ? (isSoftwareAdapter(adapter) ? 'software' : 'hardware') : null,
    'gpu.fused_chars_per_s': fusedValue,
    'gpu.tfjs_chars_per_s': okValue(ops),
    'gpu.wasm_chars_per_s': okValue(wasm),
    'gpu.dispatches_per_step': fused?.dispatchesPerStep ?? null,
    'gpu.dispatches_per_step_tfjs': ops?.dispatchesPerStep ?? null,
    'gpu.fused_vs_tfjs': ratio(fusedValue, okValue(ops)),
    'gpu.fused_vs_wasm': ratio(fusedValue, okValue(wasm)),
  };
}

/** One row per engine — chars/s and dispatches per step — then the summary keys. */
export function gpuMarkdown(report: SpeedReport, summary: GpuSummary): string {
  const engines: SpeedEngine[] = ['webgpu', 'webgpu-ops', 'wasm'];
  const rows = engines.map((engine) => {
    const row = findRow(report.rows, GPU_CHECK_TASK.id, engine);
    const value = row?.status === 'ok' ? formatFigure(row.value) : `${row?.status ?? 'not run'}${row?.reason ? `: ${row.reason}` : ''}`;
    return [SPEED_ENGINE_LABELS[engine], value, row?.dispatchesPerStep !== undefined ? formatFigure(row.dispatchesPerStep) : '—'];
  });
  const keys = (Object.keys(summary) as (keyof GpuSummary)[]).map((key) => {
    const v = summary[key];
    return [`\`${key}\``, typeof v === 'number' ? formatFigure(v) : (v ?? '—'), GPU_SUMMARY_NOTES[key]];
  });
  return [
    markdownTable([`${GPU_CHECK_TASK.label}`, 'chars/s', 'GPU dispatches / step'], rows, ['l', 'r', 'r']),
    markdownTable(['key', 'value', 'what'], keys, ['l', 'r', 'l']),
  ].join('\n\n');
}

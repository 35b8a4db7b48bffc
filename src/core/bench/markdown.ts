// Markdown tables for `npm run bench`: the summary, and every (task × engine) figure of a run.
import { formatFigure, formatSpeedup, speedup, type EngineInfo, type SpeedReport, type SpeedRow } from './results';
import type { QualitySummary } from './qualityBench';
import type { BenchSummary } from './summary';
import { SPEED_ENGINE_LABELS, type SpeedEngine } from './tasks';

/** A Markdown table; cells are escaped for pipes and newlines. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n');
}

const SUMMARY_NOTES: Record<keyof BenchSummary | keyof QualitySummary, string> = {
  'classify.tutorial_20000_passes_s': 'Node, from scratch, hidden 3 (seconds)',
  'text.train_chars_per_s': 'LSTM 128, window 64, batch 32, best backend (predicted chars/s)',
  'text.rnn128_chars_per_s': 'vanilla RNN 128, best engine (chars/s)',
  'text.rnn128_engine': 'engine of the RNN 128 figure',
  'text.baseline_chars_per_s': 'tfjs lstm-text-generation approach, LSTM 128, same backend',
  'text.ratio_vs_baseline': 'our LSTM 128 ÷ baseline, same backend, same run',
  'text.backend': 'best backend for LSTM 128 training',
  'generation.first_char_ms': 'LSTM 128, request → first character (ms)',
  'generation.chars_per_s': 'LSTM 128, streaming',
  'page.p95_frame_gap_ms': 'Text lab page while it trains (ms)',
  'webgpu.dispatches_per_step': 'LSTM 128 on WebGPU, fused kernels: compute dispatches per training step',
  'webgpu.dispatches_per_step_tfjs': 'the same through TensorFlow.js ops',
  'webgpu.fused_chars_per_s': 'LSTM 128 training on WebGPU, fused kernels (chars/s)',
  'webgpu.tfjs_chars_per_s': 'LSTM 128 training on WebGPU, TensorFlow.js ops, same run (chars/s)',
  'webgpu.fused_vs_tfjs': 'fused ÷ TensorFlow.js ops on WebGPU, same run',
  'text.valid_bits_90s': 'Text lab, every default, 90 s of training: validation bits/char (whole last 5%)',
  'text.valid_bits_300s': 'the same after 300 s',
  'text.minchar_valid_bits_90s': "min-char-rnn, 90 s, same split and measure",
  'text.minchar_valid_bits_300s': 'min-char-rnn, 300 s',
  'text.valid_bits_90s_vs_minchar': 'page ÷ min-char-rnn after 90 s (lower is better)',
  'text.valid_bits_300s_vs_minchar': 'page ÷ min-char-rnn after 300 s',
  'text.minchar_implementation': "min-char-rnn run: 'numpy' (the original) or 'js-port'",
  'page.first_visit_kb.classify': 'first visit of #/classify, compressed bytes over the wire (KB; goal ≤ 250)',
  'page.first_visit_kb.text': 'first visit of #/text, compressed bytes over the wire (KB; goal ≤ 700)',
  'cli.startup_ms': 'command line: start → first output line (ms; goal < 300)',
};

export function summaryTable(summary: Partial<BenchSummary & QualitySummary>): string {
  const rows = (Object.keys(summary) as (keyof BenchSummary & keyof QualitySummary)[]).map((key) => {
    const v = summary[key];
    return [`\`${key}\``, typeof v === 'number' ? formatFigure(v) : (v ?? '—'), SUMMARY_NOTES[key]];
  });
  return markdownTable(['key', 'value', 'what'], rows, ['l', 'r', 'l']);
}

function cell(rows: readonly SpeedRow[], row: SpeedRow | undefined, notes: string[]): string {
  if (!row) return '';
  if (row.status === 'n/a') return 'n/a';
  if (row.status !== 'ok') {
    notes.push(`${row.label} on ${SPEED_ENGINE_LABELS[row.engine]}: ${row.status} — ${row.reason ?? ''}`);
    return `${row.status} [${notes.length}]`;
  }
  const s = speedup(rows, row);
  let text = formatFigure(row.value);
  if (row.firstCharMs !== undefined) text += ` (1st ${formatFigure(row.firstCharMs)} ms)`;
  if (s !== null && row.engine !== 'scratch') text += ` · ${formatSpeedup(s)}`;
  if (row.dispatchesPerStep !== undefined) text += ` · ${formatFigure(row.dispatchesPerStep)} dispatches/step`;
  return text;
}

/** One row per task, one column per engine; footnotes say why a cell was skipped or failed ('n/a': the
 *  engine cannot run the task at all). */
export function engineMatrix(report: SpeedReport): string {
  const engines: SpeedEngine[] = report.engines.map((e) => e.engine);
  const tasks: { id: string; label: string; unit: string }[] = [];
  for (const r of report.rows) if (!tasks.some((t) => t.id === r.task)) tasks.push({ id: r.task, label: r.label, unit: r.unit });
  const notes: string[] = [];
  const body = tasks.map((t) => [
    `${t.label} (${t.unit})`,
    ...engines.map((e) => cell(report.rows, report.rows.find((r) => r.task === t.id && r.engine === e), notes)),
  ]);
  const header = ['task', ...engines.map((e) => engineHeader(report.engines.find((i) => i.engine === e)))];
  const table = markdownTable(header, body, ['l', ...engines.map(() => 'r' as const)]);
  const foot = notes.map((n, i) => `[${i + 1}] ${n}`).join('\n');
  return foot ? `${table}\n\n${foot}` : table;
}

function engineHeader(info: EngineInfo | undefined): string {
  if (!info) return '';
  return `${SPEED_ENGINE_LABELS[info.engine]}${info.software ? ' (software)' : ''}${info.available ? '' : ' (unavailable)'}`;
}

/** Live tensors before and after the timed units, per engine (the leak check); JS heap where reported. */
export function memoryTable(report: SpeedReport): string {
  const measured = report.rows.filter(
    (r) => r.status === 'ok' && r.tensorsStart !== undefined && (r.kind === 'text-train' || r.kind === 'text-generate' || r.kind === 'baseline-generate'),
  );
  const withHeap = measured.some((r) => r.heapBytes);
  const rows = measured.map((r) => [
    r.label,
    SPEED_ENGINE_LABELS[r.engine],
    String(r.units ?? ''),
    `${r.tensorsStart} → ${r.tensorsEnd}`,
    ...(withHeap ? [r.heapBytes ? `${(r.heapBytes / 2 ** 20).toFixed(1)} MB` : '—'] : []),
  ]);
  const header = ['task', 'engine', 'timed units', 'live tensors (start → end)', ...(withHeap ? ['JS heap'] : [])];
  return markdownTable(header, rows, ['l', 'l', 'r', 'r', 'r']);
}

// Behaviour of the speed plans, the cost model that keeps runs within their time caps, the summary keys of
// bench/results.json, the Markdown tables and the page's link options. No timings are asserted.
import { describe, expect, it } from 'vitest';
import { CostModel, unitCost } from '../../src/core/bench/costModel';
import { engineMatrix, markdownTable, summaryTable } from '../../src/core/bench/markdown';
import { benchPlan, GPU_CHECK_TASK, gpuPlan, racePlan } from '../../src/core/bench/plan';
import { bestRow, formatFigure, formatSpeedup, referenceRow, speedup, type SpeedReport, type SpeedRow } from '../../src/core/bench/results';
import { gpuMarkdown, summarizeGpu } from '../../src/core/bench/gpuSummary';
import { nestSummary, summarize } from '../../src/core/bench/summary';
import { ALL_ENGINES, baselineTrainTask, classifyTask, textModel, textTrainTask, unsupportedReason } from '../../src/core/bench/tasks';
import { parseRaceOptions, planFor } from '../../src/labs/speed/raceOptions';

describe('plans', () => {
  it('the race covers every engine with the Classify net at hidden 3 and 50 and the text model', () => {
    const plan = racePlan(500);
    expect(plan.engines).toEqual([...ALL_ENGINES]);
    expect(plan.budgetMs).toBe(500);
    const ids = plan.tasks.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['classify-h3', 'classify-h50', 'train-rnn-64', 'train-lstm-64', 'generate-rnn-64']));
    // Generation follows the training task of its model.
    expect(ids.indexOf('generate-rnn-64')).toBe(ids.indexOf('train-rnn-64') + 1);
    expect(plan.engineBudgetMs).toBeGreaterThan(0);
  });

  it('the benchmark measures RNN, GRU and LSTM at 128 and 256 (quick: 128), window 64, batch 32, and the baseline', () => {
    const full = benchPlan(false);
    const quick = benchPlan(true);
    for (const cell of ['rnn', 'gru', 'lstm']) {
      for (const hidden of [128, 256]) {
        const task = full.tasks.find((t) => t.id === `train-${cell}-${hidden}`);
        expect(task?.kind === 'text-train' && task.seqLength === 64 && task.batchSize === 32).toBe(true);
        expect(quick.tasks.some((t) => t.id === `train-${cell}-${hidden}`)).toBe(hidden === 128);
      }
    }
    for (const id of ['generate-lstm-128', 'baseline-train-lstm-128', 'baseline-generate-lstm-128', 'heatmap-h3', 'classify-h50']) {
      expect(full.tasks.some((t) => t.id === id)).toBe(true);
    }
    expect(quick.budgetMs).toBeLessThan(full.budgetMs);
  });

  it('says which engine cannot run what', () => {
    expect(unsupportedReason('scratch', classifyTask(3))).toBeNull();
    expect(unsupportedReason('scratch', textTrainTask(textModel('rnn', 64), 32, 16))).toBeNull();
    expect(unsupportedReason('scratch', textTrainTask(textModel('lstm', 64), 32, 16))).toMatch(/LSTM/);
    expect(unsupportedReason('scratch', textTrainTask(textModel('rnn', 64, 'embedding'), 32, 16))).toMatch(/one-hot/);
    expect(unsupportedReason('scratch', baselineTrainTask(128))).not.toBeNull();
    expect(unsupportedReason('wasm', textTrainTask(textModel('lstm', 64), 32, 16))).toBeNull();
    // WebGPU through TensorFlow.js ops differs from the fused engine only in the Text lab's training.
    expect(unsupportedReason('webgpu-ops', textTrainTask(textModel('lstm', 64), 32, 16))).toBeNull();
    expect(unsupportedReason('webgpu-ops', classifyTask(3))).toMatch(/fused kernels/);
    expect(unsupportedReason('webgpu-ops', baselineTrainTask(128))).toMatch(/fused kernels/);
  });

  it('the GPU check trains LSTM 128 (window 64, batch 32) on WASM and on both WebGPU engines', () => {
    const plan = gpuPlan();
    expect(plan.engines).toEqual(['wasm', 'webgpu', 'webgpu-ops']);
    expect(plan.tasks).toEqual([GPU_CHECK_TASK]);
    expect(GPU_CHECK_TASK).toMatchObject({ id: 'train-lstm-128', seqLength: 64, batchSize: 32, model: { cell: 'lstm', hidden: 128, embedding: 32 } });
    expect(plan.engineBudgetMs).toBeUndefined();
  });
});

describe('cost model', () => {
  const V = 90;
  const small = unitCost(textTrainTask(textModel('rnn', 64), 32, 16), V)!;
  const big = unitCost(textTrainTask(textModel('lstm', 256), 64, 32), V)!;
  const baseline = unitCost(baselineTrainTask(128), V)!;

  it('ranks work sensibly', () => {
    expect(big.cost).toBeGreaterThan(small.cost * 10);
    expect(unitCost(classifyTask(3), V)).toBeNull();
  });

  it('predicts from the same engine and family, warm-up included', () => {
    const costs = new CostModel();
    expect(costs.predict('webgpu', small)).toBeNull();
    costs.observe('webgpu', small, 100, 1100);
    const p = costs.predict('webgpu', big)!;
    expect(p.unitMs).toBeCloseTo((100 * big.cost) / small.cost, 6);
    expect(p.warmupExtraMs).toBe(1000);
    expect(p.minimumMs).toBeCloseTo(1000 + 2 * p.unitMs, 6);
  });

  it('bridges to another family through an engine that ran both', () => {
    const costs = new CostModel();
    costs.observe('wasm', small, 10, 10);
    costs.observe('wasm', baseline, 1000, 3000);
    costs.observe('cpu', small, 40, 40);
    // cpu is 4× slower than wasm on text steps, so its baseline unit should be predicted 4× slower.
    expect(costs.predictMs('cpu', baseline)).toBeCloseTo(4000, 6);
    expect(costs.predictMs('webgl', baseline)).toBeNull();
  });
});

function row(partial: Partial<SpeedRow> & Pick<SpeedRow, 'task' | 'engine'>): SpeedRow {
  return { kind: 'text-train', label: partial.task, unit: 'chars/s', status: 'ok', value: 1, ...partial };
}

const ROWS: SpeedRow[] = [
  row({ task: 'train-rnn-128', engine: 'scratch', value: 1000 }),
  row({ task: 'train-rnn-128', engine: 'wasm', value: 5000 }),
  row({ task: 'train-lstm-128', engine: 'cpu', value: 500 }),
  row({ task: 'train-lstm-128', engine: 'wasm', value: 6000, tensorsStart: 40, tensorsEnd: 40 }),
  row({ task: 'train-lstm-128', engine: 'webgpu', status: 'skipped', value: null, reason: 'too slow' }),
  row({ task: 'generate-lstm-128', engine: 'wasm', kind: 'text-generate', value: 3000, firstCharMs: 4 }),
  row({ task: 'baseline-train-lstm-128', engine: 'wasm', kind: 'baseline-train', value: 50 }),
  row({ task: 'heatmap-h3', engine: 'scratch', kind: 'heatmap', unit: 'ms/frame', value: 2 }),
  row({ task: 'heatmap-h3', engine: 'wasm', kind: 'heatmap', unit: 'ms/frame', status: 'n/a', value: null, reason: 'JS only' }),
];
const REPORT: SpeedReport = {
  userAgent: 'test',
  startedAt: '2026-01-01T00:00:00Z',
  budgetMs: 100,
  engines: [
    { engine: 'scratch', available: true, backend: 'scratch', software: false },
    { engine: 'cpu', available: true, backend: 'cpu', software: false },
    { engine: 'wasm', available: true, backend: 'wasm', software: false },
    { engine: 'webgpu', available: true, backend: 'webgpu', software: true },
  ],
  rows: ROWS,
};

describe('results and summary', () => {
  it('speed-ups are over from scratch, else over the first engine in race order that ran the task', () => {
    expect(referenceRow(ROWS, 'train-rnn-128')?.engine).toBe('scratch');
    expect(referenceRow(ROWS, 'train-lstm-128')?.engine).toBe('cpu');
    expect(speedup(ROWS, ROWS[1])).toBe(5);
    expect(speedup(ROWS, ROWS[3])).toBe(12);
    expect(speedup(ROWS, ROWS[4])).toBeNull();
    expect(bestRow(ROWS, 'train-lstm-128')?.engine).toBe('wasm');
    expect(referenceRow(ROWS, 'generate-lstm-128')?.engine).toBe('wasm');
  });

  it('derives every summary key, on the best backend', () => {
    const s = summarize({ tutorialSeconds: 0.4, report: REPORT, frameGapP95Ms: 17 });
    expect(s).toEqual({
      'classify.tutorial_20000_passes_s': 0.4,
      'text.train_chars_per_s': 6000,
      'text.rnn128_chars_per_s': 5000,
      'text.rnn128_engine': 'wasm',
      'text.baseline_chars_per_s': 50,
      'text.ratio_vs_baseline': 120,
      'text.backend': 'wasm',
      'generation.first_char_ms': 4,
      'generation.chars_per_s': 3000,
      'page.p95_frame_gap_ms': 17,
      'webgpu.dispatches_per_step': null,
      'webgpu.dispatches_per_step_tfjs': null,
      'webgpu.fused_chars_per_s': null,
      'webgpu.tfjs_chars_per_s': null,
      'webgpu.fused_vs_tfjs': null,
      'page.first_visit_kb.classify': null,
      'page.first_visit_kb.text': null,
      'cli.startup_ms': null,
    });
    expect(nestSummary(s).text.ratio_vs_baseline).toBe(120);
    expect(nestSummary(s).classify.tutorial_20000_passes_s).toBe(0.4);
    const sized = summarize({ tutorialSeconds: null, report: null, frameGapP95Ms: null, sizes: { firstVisitKb: { classify: 210, text: 650 }, cliStartupMs: 80 } });
    expect(nestSummary(sized).page).toEqual({ p95_frame_gap_ms: null, first_visit_kb: { classify: 210, text: 650 } });
    expect(nestSummary(sized).cli).toEqual({ startup_ms: 80 });
  });

  it('reports the fused WebGPU kernels against TensorFlow.js ops', () => {
    const webgpu = { fused: { perStep: 140, charsPerSec: 500 }, ops: { perStep: 3300, charsPerSec: 50 } };
    const s = summarize({ tutorialSeconds: null, report: null, frameGapP95Ms: null, webgpu });
    expect(nestSummary(s).webgpu).toEqual({
      dispatches_per_step: 140,
      dispatches_per_step_tfjs: 3300,
      fused_chars_per_s: 500,
      tfjs_chars_per_s: 50,
      fused_vs_tfjs: 10,
    });
  });

  it('leaves figures null when the run lacks them', () => {
    const s = summarize({ tutorialSeconds: null, report: null, frameGapP95Ms: null });
    expect(Object.values(s).every((v) => v === null)).toBe(true);
  });

  it('formats figures and speed-ups for people', () => {
    expect(formatFigure(12345.6)).toBe('12,346');
    expect(formatFigure(56.78)).toBe('56.8');
    expect(formatFigure(0.01234)).toBe('0.012');
    expect(formatFigure(null)).toBe('—');
    expect(formatSpeedup(123.4)).toBe('123×');
    expect(formatSpeedup(0.5)).toBe('0.5×');
    expect(formatSpeedup(0.00076)).toBe('0.00076×');
    expect(formatSpeedup(2.94)).toBe('2.9×');
  });
});

describe('markdown', () => {
  it('escapes cells and aligns columns', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']], ['l', 'r'])).toBe('| a | b |\n| --- | ---: |\n| x\\|y | 1 |');
  });

  it('puts tasks in rows and engines in columns, with footnotes for skipped cells', () => {
    const md = engineMatrix(REPORT);
    expect(md).toContain('WebGPU (fused kernels) (software)');
    expect(md).toMatch(/skipped \[1\]/);
    expect(md).toContain('[1] train-lstm-128 on WebGPU (fused kernels): skipped — too slow');
    expect(md).toContain('6,000 · 12×');
    expect(md).toContain('heatmap-h3 (ms/frame) | 2.00 |  | n/a |'); // no cpu row: empty cell
    expect(md).not.toContain('JS only');
    expect(summaryTable(summarize({ tutorialSeconds: 0.4, report: REPORT, frameGapP95Ms: 17 }))).toContain('`text.ratio_vs_baseline` | 120');
  });
});

describe('the real-GPU check (npm run bench -- --gpu)', () => {
  const row = (engine: SpeedRow['engine'], value: number, dispatchesPerStep?: number): SpeedRow => ({
    task: 'train-lstm-128', kind: 'text-train', label: 'LSTM 128', engine, unit: 'chars/s', status: 'ok', value, ...(dispatchesPerStep ? { dispatchesPerStep } : {}),
  });
  const adapter = { vendor: 'nvidia', architecture: 'hopper', device: '', description: '', isFallbackAdapter: false };
  const report: SpeedReport = {
    userAgent: 'test', startedAt: '', budgetMs: 2000,
    engines: [{ engine: 'wasm', available: true, software: false }, { engine: 'webgpu', available: true, software: false, adapter }, { engine: 'webgpu-ops', available: true, software: false, adapter }],
    rows: [row('wasm', 10_000), row('webgpu', 80_000, 146), row('webgpu-ops', 4_000, 3282)],
  };

  it('derives the gpu.* keys: chars/s, dispatches per step, ratios, and what the adapter is', () => {
    const s = summarizeGpu(report);
    expect(s).toMatchObject({
      'gpu.adapter': 'nvidia hopper',
      'gpu.adapter_kind': 'hardware',
      'gpu.fused_chars_per_s': 80_000,
      'gpu.tfjs_chars_per_s': 4_000,
      'gpu.wasm_chars_per_s': 10_000,
      'gpu.dispatches_per_step': 146,
      'gpu.dispatches_per_step_tfjs': 3282,
      'gpu.fused_vs_tfjs': 20,
      'gpu.fused_vs_wasm': 8,
    });
    expect(nestSummary(s).gpu).toMatchObject({ fused_vs_tfjs: 20 });
    expect(gpuMarkdown(report, s)).toContain('| WebGPU (TensorFlow.js ops) | 4,000 | 3,282 |');
    const software = summarizeGpu({ ...report, engines: [{ engine: 'webgpu', available: true, software: true, adapter: { ...adapter, isFallbackAdapter: true } }], rows: [] });
    expect(software).toMatchObject({ 'gpu.adapter_kind': 'software', 'gpu.fused_chars_per_s': null, 'gpu.fused_vs_tfjs': null });
  });
});

describe('page options from the link', () => {
  it('reads budget, engines, suite and autorun', () => {
    const o = parseRaceOptions('#/speed?budget=250&engines=wasm,scratch,nope&autorun=1');
    expect(o).toMatchObject({ suite: 'race', budgetMs: 250, budgetSet: true, engines: ['scratch', 'wasm'], autorun: true });
    const plan = planFor(o);
    expect(plan.budgetMs).toBe(250);
    expect(plan.engines).toEqual(['scratch', 'wasm']);
  });

  it('reads the GPU suite and a task filter', () => {
    const gpu = parseRaceOptions('#/speed?suite=gpu&autorun=1');
    expect(planFor(gpu)).toEqual(gpuPlan());
    const race = planFor(parseRaceOptions('#/speed?engines=webgpu,webgpu-ops&tasks=train-rnn-64,nope'));
    expect(race.engines).toEqual(['webgpu', 'webgpu-ops']);
    expect(race.tasks.map((t) => t.id)).toEqual(['train-rnn-64']);
    // A filter that matches nothing keeps the whole suite.
    expect(planFor(parseRaceOptions('#/speed?tasks=nope')).tasks).toEqual(racePlan().tasks);
  });

  it('defaults, clamps, and keeps the bench suite budgets unless one is given', () => {
    expect(parseRaceOptions('#/speed')).toMatchObject({ suite: 'race', budgetSet: false, autorun: false });
    expect(parseRaceOptions('#/speed?budget=1').budgetMs).toBe(50);
    const bench = parseRaceOptions('#/speed?suite=bench&quick=1');
    expect(planFor(bench).budgetMs).toBe(benchPlan(true).budgetMs);
    expect(planFor({ ...bench, budgetMs: 300, budgetSet: true }).budgetMs).toBe(300);
  });
});

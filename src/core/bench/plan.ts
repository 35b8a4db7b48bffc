// The standard runs: the page's short race, `npm run bench`'s full table, and `npm run bench -- --gpu`'s
// real-GPU check.
import {
  ALL_ENGINES,
  baselineGenerateTask,
  baselineTrainTask,
  classifyTask,
  heatmapTask,
  textGenerateDeviceTask,
  textGenerateTask,
  textModel,
  textTrainTask,
  type SpeedEngine,
  type SpeedTask,
} from './tasks';

export interface SpeedPlan {
  engines: SpeedEngine[];
  tasks: SpeedTask[];
  /** Timed work per measurement (ms), after one warm-up unit. */
  budgetMs: number;
  /**
   * Time one engine may spend on the whole plan (ms). A task whose warm-up plus one unit is predicted to
   * overrun what is left is skipped and says so (see costModel.ts). Undefined: no cap.
   */
  engineBudgetMs?: number;
}

/** Budgets the page offers (ms of timed work per measurement). */
export const RACE_BUDGETS = [250, 500, 1000, 2000] as const;
export const DEFAULT_RACE_BUDGET = 1000;

/**
 * The page's race: small enough that every engine finishes in seconds, even software WebGPU. The text model
 * is the Text lab's kind at a third of its default size (the lab trains LSTM 128, window 64, batch 32).
 */
export function racePlan(budgetMs: number = DEFAULT_RACE_BUDGET, engines: readonly SpeedEngine[] = ALL_ENGINES): SpeedPlan {
  const rnn = textModel('rnn', 64);
  return {
    engines: [...engines],
    tasks: [
      classifyTask(3),
      classifyTask(50),
      textTrainTask(rnn, 32, 16),
      // Generation follows its training task and streams from the model it trained.
      textGenerateTask(rnn, 4000),
      textTrainTask(textModel('lstm', 64), 32, 16),
    ],
    budgetMs,
    // Software WebGPU can take seconds per text step: cap each engine's share of the race.
    engineBudgetMs: Math.max(12_000, budgetMs * 15),
  };
}

/** `npm run bench`: the table. Quick mode keeps hidden 128 only and shorter budgets. */
export function benchPlan(quick = false): SpeedPlan {
  const hiddens = quick ? [128] : [128, 256];
  const text: SpeedTask[] = [];
  // Cheapest first within an engine, so the time cap drops the expensive end. Generation follows the
  // training task of its model and streams from the weights it trained.
  for (const hidden of hiddens) {
    for (const cell of ['rnn', 'gru', 'lstm'] as const) {
      const model = textModel(cell, hidden);
      text.push(textTrainTask(model, 64, 32));
      if (hidden === 128 && cell !== 'gru') text.push(textGenerateTask(model, 5000));
      // The same model sampled on the device instead: the issue asks for both sides measured.
      if (hidden === 128 && cell === 'lstm') text.push(textGenerateDeviceTask(model, 2000));
    }
  }
  return {
    // WASM first: it is the fastest backend here, and its timings let the cost model predict the others.
    engines: ['scratch', 'wasm', 'webgl', 'cpu', 'webgpu'],
    tasks: [
      classifyTask(3),
      classifyTask(50),
      heatmapTask(3),
      heatmapTask(50),
      ...text,
      baselineTrainTask(128),
      baselineGenerateTask(128, 400),
    ],
    budgetMs: quick ? 1000 : 2500,
    engineBudgetMs: quick ? 45_000 : 110_000,
  };
}

/** The real-GPU check's model: the Text lab's LSTM 128 (embedding 32) at the bench's window 64 × batch 32. */
export const GPU_CHECK_TASK = textTrainTask(textModel('lstm', 128), 64, 32);

/**
 * `npm run bench -- --gpu` (and `#/speed?suite=gpu`): LSTM 128 training on WASM, on WebGPU with the fused
 * kernels and on WebGPU through TensorFlow.js ops — chars/s, and dispatches per step on WebGPU. No time cap:
 * on a real GPU it takes seconds; on the software adapter (--allow-software) a minute or two.
 */
export function gpuPlan(budgetMs = 2000): SpeedPlan {
  return { engines: ['wasm', 'webgpu', 'webgpu-ops'], tasks: [GPU_CHECK_TASK], budgetMs };
}

// Options of the Speed page that a link can preset (used by the e2e test and `npm run bench`):
//   #/speed?budget=250                 timed work per measurement, ms (50–10000)
//   #/speed?engines=scratch,wasm       which engines race (default: all)
//   #/speed?suite=bench&quick=1        the benchmark's full table instead of the short race
//   #/speed?suite=gpu                  `npm run bench -- --gpu`: LSTM 128 on WASM and both WebGPU engines
//   #/speed?tasks=train-rnn-64         only these tasks of the suite (ids, comma-separated; default: all)
//   #/speed?autorun=1                  start as soon as the page opens
import { benchPlan, DEFAULT_RACE_BUDGET, gpuPlan, racePlan, type SpeedPlan } from '../../core/bench/plan';
import { ALL_ENGINES, type SpeedEngine } from '../../core/bench/tasks';

export type Suite = 'race' | 'bench' | 'gpu';

export interface RaceOptions {
  suite: Suite;
  quick: boolean;
  budgetMs: number;
  /** Whether budgetMs was chosen (a link or the page's control) rather than defaulted. */
  budgetSet: boolean;
  engines: SpeedEngine[];
  /** Task ids to keep (empty: every task of the suite). */
  tasks: string[];
  autorun: boolean;
}

export const DEFAULT_OPTIONS: RaceOptions = { suite: 'race', quick: false, budgetMs: DEFAULT_RACE_BUDGET, budgetSet: false, engines: [...ALL_ENGINES], tasks: [], autorun: false };

const isEngine = (s: string): s is SpeedEngine => (ALL_ENGINES as readonly string[]).includes(s);

/** Reads the options from the part of a location hash after '?' (anything unknown is ignored). */
export function parseRaceOptions(hash: string): RaceOptions {
  const q = hash.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
  const options: RaceOptions = { ...DEFAULT_OPTIONS, engines: [...DEFAULT_OPTIONS.engines] };
  const suite = params.get('suite');
  if (suite === 'bench' || suite === 'gpu') options.suite = suite;
  const tasks = params.get('tasks');
  if (tasks) options.tasks = tasks.split(',').map((s) => s.trim()).filter(Boolean);
  options.quick = params.get('quick') === '1';
  options.autorun = params.get('autorun') === '1';
  const budget = Number(params.get('budget'));
  if (params.has('budget') && Number.isFinite(budget) && budget > 0) {
    options.budgetMs = Math.min(10_000, Math.max(50, Math.round(budget)));
    options.budgetSet = true;
  }
  const engines = params.get('engines');
  if (engines) {
    const picked = engines.split(',').map((s) => s.trim()).filter(isEngine);
    if (picked.length) options.engines = ALL_ENGINES.filter((e) => picked.includes(e));
  }
  return options;
}

/** The plan the options describe. The bench and GPU suites keep their own budgets unless `budget` was given. */
export function planFor(options: RaceOptions): SpeedPlan {
  return keepTasks(suitePlan(options), options.tasks);
}

function suitePlan(options: RaceOptions): SpeedPlan {
  if (options.suite === 'race') return racePlan(options.budgetMs, options.engines);
  const plan = options.suite === 'gpu' ? gpuPlan() : benchPlan(options.quick);
  const engines = plan.engines.filter((e) => options.engines.includes(e));
  return options.budgetSet ? { ...plan, engines, budgetMs: options.budgetMs } : { ...plan, engines };
}

/** The plan with only the listed tasks (all of them when the list is empty or matches none). */
function keepTasks(plan: SpeedPlan, ids: readonly string[]): SpeedPlan {
  const tasks = plan.tasks.filter((t) => ids.includes(t.id));
  return tasks.length ? { ...plan, tasks } : plan;
}

// The hostile-input suite's fixed seed and case counts. Every area's test file runs exactly the cases its
// generator lists for HOSTILE_SEED (and asserts so), so the totals here are the cases the suite runs.
//
// To explore further, change HOSTILE_SEED locally: the named cases stay, the random families change.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CaseLog } from './outcome';

export const HOSTILE_SEED = 20_240_611;

/** Random valid point sets for the CSV round trip. */
export const POINT_SETS = 50;

/** Random valid lab states for the shared-link round trip. */
export const LINK_STATES = 40;

/** Each area must run at least this many cases (a guard against a generator silently shrinking). */
export const HOSTILE_FLOORS = {
  csv: 500,
  corpus: 500,
  corpusLarge: 6,
  model: 500,
  modelGraph: 10,
  link: 500,
  reference: 400,
} as const;

/**
 * Logs an area's case count and records it, with every problem found, in test-results/hostile-input/<area>.json
 * (one file per area, so test files running in parallel never overwrite each other; sum them for the total).
 */
export function recordCaseCount(area: keyof typeof HOSTILE_FLOORS, log: CaseLog): void {
  console.log(`hostile-input suite [${area}]: ${log.ran} cases (seed ${HOSTILE_SEED}), ${log.failures.length + log.display.length} problem(s)`);
  try {
    mkdirSync('test-results/hostile-input', { recursive: true });
    const record = { area, cases: log.ran, seed: HOSTILE_SEED, problems: [...log.failures, ...log.display] };
    writeFileSync(`test-results/hostile-input/${area}.json`, JSON.stringify(record, null, 1) + '\n');
  } catch {
    // A read-only checkout still runs the suite; the log line above carries the count.
  }
}

// Saved models whose layer graph is broken (a layer named as input that does not exist, a cycle, a renamed
// layer): the importer must refuse each with a message — and never hang. Each case runs in its own worker
// thread with a watchdog, because a hang inside TensorFlow.js's synchronous deserializer cannot be
// interrupted in-process: without the watchdog one bad file would freeze the whole test run (as it freezes
// the Text lab's worker).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { GraphReport } from './fuzz/graphWorker';
import { graphCases } from './fuzz/modelCases';
import { CaseLog, type Outcome } from './fuzz/outcome';
import { HOSTILE_FLOORS, recordCaseCount } from './fuzz/suite';

const log = new CaseLog();
const cases = graphCases();
/** Generous: a tiny import takes milliseconds; only a hang (or a machine stalled for seconds) reaches it. */
const WATCHDOG_MS = 5_000;
/** Workers at once: each loads TensorFlow.js; a hung one spins a core until it is terminated. */
const PARALLEL = 4;

type Ending = { kind: 'report'; report: GraphReport } | { kind: 'hang' } | { kind: 'crash'; error: string };

// Worker threads do not inherit Vitest's TypeScript transform: a two-line bootstrap loads the entry with tsx.
const ENTRY = new URL('./fuzz/graphWorker.ts', import.meta.url).href;
// tsx's ESM API (its package exports map './esm/api' to this file for `import`).
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(ENTRY)}, ${JSON.stringify(ENTRY)}));`;

/** Runs case `index` in a fresh worker; resolves with its report, or 'hang' when the watchdog fires. */
function runCase(index: number): Promise<Ending> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { index }, stderr: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (ending: Ending) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(ending);
    };
    worker.on('message', (m: GraphReport) => {
      // The watchdog starts once the worker is ready: loading TensorFlow.js is not the case's time.
      if (m.type === 'ready') timer = setTimeout(() => finish({ kind: 'hang' }), WATCHDOG_MS);
      else finish({ kind: 'report', report: m });
    });
    worker.on('error', (err) => finish({ kind: 'crash', error: String(err) }));
    worker.on('exit', (code) => finish({ kind: 'crash', error: `worker exited with code ${code} before reporting` }));
  });
}

async function runAll(): Promise<Ending[]> {
  const endings: Ending[] = new Array(cases.length);
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const i = next++;
      endings[i] = await runCase(i);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return endings;
}

describe('hostile model graphs', () => {
  it(`every broken layer graph is refused with a message, never a hang (${cases.length} cases, watchdog ${WATCHDOG_MS / 1000} s)`, async () => {
    const mark = log.mark();
    const endings = await runAll();
    for (const [i, c] of cases.entries()) {
      const e = endings[i];
      if (e.kind === 'hang') {
        log.ran++;
        log.note(c.name, `no answer within ${WATCHDOG_MS / 1000} s: the import hangs (the worker was terminated)`);
        continue;
      }
      if (e.kind === 'crash') {
        log.ran++;
        log.note(c.name, `the worker thread failed: ${e.error}`);
        continue;
      }
      const r = e.report;
      if (r.type !== 'result') continue;
      const outcome: Outcome<null> = r.kind === 'accepted' ? { kind: 'accepted', value: null } : r.kind === 'refused' ? { kind: 'refused', message: r.message } : { kind: 'escaped', error: new Error(r.error) };
      log.judge(c.name, outcome, c, () => (r.kind === 'accepted' ? r.problem : null));
      log.note(c.name, r.leaked === 0 ? null : `${r.leaked} tensor(s) leaked`);
    }
    expect(log.since(mark), log.report('model graphs', mark)).toEqual([]);
  }, 120_000);

  it(`reports the number of cases run (at least ${HOSTILE_FLOORS.modelGraph})`, () => {
    recordCaseCount('modelGraph', log);
    expect(log.ran).toBe(cases.length);
    expect(log.ran).toBeGreaterThanOrEqual(HOSTILE_FLOORS.modelGraph);
  });
});

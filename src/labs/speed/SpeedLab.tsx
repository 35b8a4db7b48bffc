// The Speed view: the same short workloads raced on every engine this browser has — from scratch in
// JavaScript, then TensorFlow.js on CPU, WASM, WebGL and WebGPU (twice: with the app's fused kernels and
// through TensorFlow.js ops alone) — in a worker, with progress and cancel.
import { useEffect, useMemo, useRef, useState } from 'react';
import { RACE_BUDGETS } from '../../core/bench/plan';
import { ALL_ENGINES, isWebGpuEngine, SPEED_ENGINE_LABELS as ENGINE_LABELS, type SpeedEngine } from '../../core/bench/tasks';
import { downloadText } from '../../ui/download';
import { ErrorDetails, plainHeadline } from '../ErrorDetails';
import { EnvironmentPanel } from './EnvironmentPanel';
import { parseRaceOptions, planFor, type RaceOptions } from './raceOptions';
import { ResultsTable } from './ResultsTable';
import { SpeedChart } from './SpeedChart';
import { useSpeedRace, type RacePhase } from './useSpeedRace';
import './speed.css';

/** Why the WebGPU engines cannot run in this browser (checked before racing), or null. */
const NO_WEBGPU = typeof navigator !== 'undefined' && !('gpu' in navigator) ? 'this browser has no WebGPU (navigator.gpu is missing)' : null;

const PHASE_TEXT: Record<RacePhase, string> = {
  idle: 'Ready.',
  running: 'Running…',
  cancelling: 'Cancelling…',
  finished: 'Finished.',
  cancelled: 'Cancelled.',
  error: 'Failed.',
};

export function SpeedLab() {
  const [options, setOptions] = useState<RaceOptions>(() => parseRaceOptions(window.location.hash));
  const { state, start, cancel } = useSpeedRace();
  const plan = useMemo(() => planFor(options), [options]);
  const running = state.phase === 'running' || state.phase === 'cancelling';

  const run = () => start(planFor(options), { url: new URL('corpus/sotu.txt', document.baseURI).href });

  // ?autorun=1 (the benchmark's entry point): start once, on mount.
  const autoran = useRef(false);
  useEffect(() => {
    if (options.autorun && !autoran.current) {
      autoran.current = true;
      start(planFor(options), { url: new URL('corpus/sotu.txt', document.baseURI).href });
    }
  }, [options, start]);

  const budgets = RACE_BUDGETS.includes(options.budgetMs as (typeof RACE_BUDGETS)[number])
    ? [...RACE_BUDGETS]
    : [...RACE_BUDGETS, options.budgetMs].sort((a, b) => a - b);
  const softwareEngines = new Set(state.engines.filter((e) => e.software).map((e) => e.engine));
  const toggleEngine = (engine: SpeedEngine, on: boolean) =>
    setOptions((o) => ({ ...o, engines: ALL_ENGINES.filter((e) => (e === engine ? on : o.engines.includes(e))) }));
  const fraction = state.progress.total ? state.progress.done / state.progress.total : 0;

  return (
    <div className="speed-lab">
      <section className="panel">
        <h1>Speed: the same network on every engine</h1>
        <p className="muted">
          The third step of the story: the network you trained from scratch, run by a compiled framework and by the GPU. Each engine
          gets the same short workloads — the Classify network (full-batch passes on the tutorial&apos;s data) and the Text lab&apos;s
          recurrent model (training and generation, in characters per second) — in a background worker, with one warm-up step
          before timing. Figures are for <em>this</em> browser on <em>this</em> machine.
        </p>
        <div className="row">
          <label>
            Time per measurement
            <select
              value={options.budgetMs}
              disabled={running}
              onChange={(e) => setOptions((o) => ({ ...o, budgetMs: Number(e.currentTarget.value), budgetSet: true }))}
              data-testid="speed-budget"
            >
              {budgets.map((b) => (
                <option key={b} value={b}>
                  {b < 1000 ? `${b} ms` : `${b / 1000} s`}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="speed-engine-picks">
            <legend>Engines</legend>
            {ALL_ENGINES.map((engine) => {
              // Greyed out where the browser has no WebGPU; the race still lists it as unavailable, with the reason.
              const unavailable = isWebGpuEngine(engine) ? NO_WEBGPU : null;
              return (
                <label key={engine} className={unavailable ? 'speed-check muted' : 'speed-check'} title={unavailable ?? undefined}>
                  <input
                    type="checkbox"
                    checked={options.engines.includes(engine)}
                    disabled={running || unavailable !== null}
                    onChange={(e) => toggleEngine(engine, e.currentTarget.checked)}
                    data-testid={`speed-engine-${engine}`}
                  />
                  {ENGINE_LABELS[engine]}
                  {unavailable && <span className="small"> (no WebGPU here)</span>}
                </label>
              );
            })}
          </fieldset>
          <button type="button" className="primary" onClick={run} disabled={running || options.engines.length === 0} data-testid="speed-run">
            {state.phase === 'idle' ? 'Run the race' : 'Run again'}
          </button>
          <button type="button" onClick={cancel} disabled={!running} data-testid="speed-cancel">
            Cancel
          </button>
        </div>
        <div className="speed-status" role="status" aria-live="polite" data-testid="speed-status" data-phase={state.phase}>
          <progress max={1} value={fraction} data-testid="speed-progress" />
          <span>
            {PHASE_TEXT[state.phase]} {state.progress.total > 0 && `${state.progress.done} of ${state.progress.total} measurements`}
            {running && state.progress.engine && ` · ${ENGINE_LABELS[state.progress.engine]}: ${state.progress.task ?? ''}`}
            {state.elapsedMs > 0 && ` · ${(state.elapsedMs / 1000).toFixed(1)} s`}
          </span>
        </div>
        {state.error && (
          <p className="notice error" role="alert" data-testid="speed-error">
            {plainHeadline(state.error)}
          </p>
        )}
        {state.error && <ErrorDetails text={state.error} />}
        <EnvironmentPanel userAgent={state.userAgent} engines={state.engines} />
      </section>

      <section className="panel" data-testid="speed-results" aria-label="Results">
        <h2>Results</h2>
        {state.rows.length === 0 ? (
          <p className="muted">Run the race to see how fast each engine is here.</p>
        ) : (
          <>
            <SpeedChart tasks={plan.tasks} rows={state.rows} engines={state.engines} />
            <ResultsTable rows={state.rows} softwareEngines={softwareEngines} />
          </>
        )}
        {state.report && (
          <details className="speed-raw">
            <summary>Raw results (JSON)</summary>
            <button type="button" onClick={() => downloadText('speed-results.json', JSON.stringify(state.report, null, 2), 'application/json')}>
              Download JSON
            </button>
            <pre data-testid="speed-json">{JSON.stringify(state.report, null, 2)}</pre>
          </details>
        )}
      </section>

      <section className="panel muted small">
        <h2>Reading the numbers</h2>
        <p>
          Speed-ups are relative to the from-scratch JavaScript engine where it can run the task, otherwise to the first engine
          (in the order shown) that did. Tiny networks (the Classify net has 2 inputs and a handful of hidden units) are dominated by per-operation overhead,
          so the hand-written loop wins there; the recurrent text models do enough arithmetic per step for compiled kernels and
          GPUs to pay off. Generation runs on a plain-JavaScript copy of the weights with the hidden state carried from character
          to character, so after the first character (which includes copying the weights off the device) every backend streams at
          about the same rate. A software adapter (⚠) emulates the GPU on the CPU: correct, but slow.
        </p>
        <p>
          WebGPU races twice on the Text lab&apos;s training. <em>Fused kernels</em> runs each recurrent layer as a few WGSL programs written
          for this app that step through the whole window on the GPU; <em>TensorFlow.js ops</em> runs the same model, batch and math as a few
          dozen small TensorFlow.js operations per time step. Every GPU dispatch costs a roughly fixed overhead whatever the GPU, so the
          column &ldquo;GPU dispatches / step&rdquo; (counted in the worker while it trained) is much of why one is faster than the other.
        </p>
      </section>
    </div>
  );
}

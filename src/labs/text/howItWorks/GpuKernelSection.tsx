// "On the GPU": the current cell's fused WebGPU forward kernel (WGSL, read from the kernel module's own
// source: wgslSource.ts) next to the equations it computes, and how many GPU dispatches a training step costs
// with the fused kernels and through TensorFlow.js ops — the bench's figures, labelled as such, and a count
// for this model on this browser's WebGPU on request (useDispatchCount.ts). The source is shown as text.
import { useEffect, useRef, useState } from 'react';
import type { TextModelSpec } from '../../../core/text/engine';
import { formatFigure } from '../../../core/bench/results';
import { MathBlock } from '../../../ui/MathBlock';
import { cellEquations } from './cellEquations';
import { loadKernelSources, type KernelSources } from './kernelSources';
import { useDispatchCount } from './useDispatchCount';
import { displayWgsl, forwardKernelWgsl } from './wgslSource';

interface Props {
  model: Omit<TextModelSpec, 'vocabSize'>;
  vocabSize: number;
  seqLength: number;
  batchSize: number;
}

/**
 * `npm run bench` on the 2-core development machine (headless Chromium 156, software WebGPU adapter), LSTM 128,
 * embedding 32, window 64 × batch 32: `webgpu.dispatches_per_step` and `webgpu.dispatches_per_step_tfjs`
 * (README, Performance). Update with the README when the bench is rerun.
 */
const BENCH_DISPATCHES = { fused: 34, ops: 3282, model: 'LSTM 128, window 64, batch 32' };

/** What each part of the kernel computes, in the equations' terms. */
const READING: Record<TextModelSpec['cell'], [string, string][]> = {
  rnn: [
    ['X[row * H + j]', 'W xₜ + b for every step of the window, computed before this kernel as one large product'],
    ['z += result[prev + k] * U[k * H + j]', 'U hₜ₋₁: thread j takes column j (and j + WG, …)'],
    ['result[next + j] = tanhF(z)', 'hₜ, written where step t + 1 reads it'],
    ['storageBarrier()', 'every thread waits for the whole hₜ before step t + 1 starts'],
  ],
  gru: [
    ['zu, zr, zh = X[…]', 'W_z xₜ + b_z, W_r xₜ + b_r, W_h xₜ + b_h (the kernel calls z “u”), for the whole window beforehand'],
    ['zu += hk * U[…], zr += hk * U[…]', 'U_z hₜ₋₁ and U_r hₜ₋₁: thread j computes column j'],
    ['result[rh + j] = r * result[prev + j]', 'rₜ ⊙ hₜ₋₁, which every thread needs whole: a barrier follows'],
    ['zh += result[rh + k] * U[…]', 'U_h (rₜ ⊙ hₜ₋₁)'],
    ['candidate + result[a + j] * (…)', 'hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ h̃ₜ'],
  ],
  lstm: [
    ['zi, zf, zc, zo = X[…]', 'W xₜ + b of the four gates, for the whole window beforehand as one product'],
    ['zi += hk * U[u] …', 'U hₜ₋₁ for the four gates: thread j computes column j of each'],
    ['let c = f * … + i * g', 'cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ'],
    ['result[next + j] = o * tanhF(c)', 'hₜ = oₜ ⊙ tanh(cₜ); the gates are kept for the backward kernel'],
    ['storageBarrier()', 'every thread waits for the whole hₜ before step t + 1 starts'],
  ],
};

const CELL_NAMES = { rnn: 'RNN', gru: 'GRU', lstm: 'LSTM' } as const;
const HAS_WEBGPU = typeof navigator !== 'undefined' && 'gpu' in navigator;
const dispatches = (n: number | undefined) => (n === undefined ? '—' : Number.isInteger(n) ? n.toLocaleString('en-US') : formatFigure(n));

export function GpuKernelSection({ model, vocabSize, seqLength, batchSize }: Props) {
  const section = useRef<HTMLElement>(null);
  // The kernel sources load when the section first comes into view (How it works starts closed).
  const [open, setOpen] = useState(false);
  const [sources, setSources] = useState<KernelSources | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { count, start } = useDispatchCount();

  useEffect(() => {
    const el = section.current;
    if (!el || open) return;
    if (typeof IntersectionObserver === 'undefined') {
      setOpen(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setOpen(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [open]);

  useEffect(() => {
    if (!open || sources) return;
    let live = true;
    loadKernelSources().then(
      (s) => live && setSources(s),
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [open, sources]);

  const H = model.hidden;
  const wgsl = sources ? forwardKernelWgsl(sources.forward[model.cell], sources.program, H) : null;
  const equations = cellEquations({ ...model, vocabSize, seqLength });
  const name = CELL_NAMES[model.cell];
  const countModel = { cell: model.cell, hidden: H, input: model.input, embedding: model.embedding, layers: model.layers };

  return (
    <section className="tl-gpu" data-testid="text-how-gpu" ref={section}>
      <h3>On the GPU: one {name} cell as a WebGPU kernel</h3>
      <p className="tl-muted">
        On WebGPU this app does not run the {name} as TensorFlow.js&apos;s small operations (a few dozen per time step, each a separate GPU
        dispatch with a fixed cost of tens of microseconds whatever the GPU). Each layer runs as kernels written for it in WGSL: the forward
        kernel below walks the whole window of {seqLength} steps in one dispatch, one workgroup per batch row, its threads sharing the hidden
        units; one backward kernel walks it back, and the weight gradients of the window are single large matrix products.
      </p>
      <div className="tl-gpu-pair">
        <div className="tl-gpu-math">
          <h4>The math, per time step</h4>
          {equations.map((eq) => (
            <div key={eq.tex}>
              <p className="tl-muted">{eq.caption}</p>
              {/* Scrolls sideways in the narrow column: focusable, so a keyboard can scroll it too. */}
              <div className="tl-gpu-eq" tabIndex={0} role="group" aria-label={eq.caption}>
                <MathBlock tex={eq.tex} />
              </div>
            </div>
          ))}
          <h4>Reading the kernel</h4>
          <dl className="tl-gpu-reading">
            {READING[model.cell].map(([code, meaning]) => (
              <div key={code}>
                <dt>
                  <code>{code}</code>
                </dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
        </div>
        <figure className="tl-gpu-code">
          <figcaption className="tl-muted">
            {sources ? sources.paths[model.cell] : 'the kernel module'}, as built for H = {H}
            {model.cell === 'lstm' && H % 4 === 0 && ' (with H a multiple of 4 the lab runs its vectorised twin, lstmForwardVec4.ts: the same math, four columns of up to four batch rows per thread, so each load of U serves four rows)'}
          </figcaption>
          {wgsl !== null ? (
            <pre data-testid="text-how-wgsl" tabIndex={0} role="group" aria-label={`WGSL source of the ${name} forward kernel`}>
              <code>{displayWgsl(wgsl)}</code>
            </pre>
          ) : (
            <p className="tl-muted">{loadError ? `The kernel source could not be loaded: ${loadError}` : open ? 'Loading the kernel source…' : ''}</p>
          )}
        </figure>
      </div>
      <h4>GPU dispatches per training step</h4>
      <table className="tl-gpu-counts" data-testid="text-how-dispatches">
        <thead>
          <tr>
            <th scope="col">Where the number comes from</th>
            <th scope="col" className="num">Fused kernels</th>
            <th scope="col" className="num">TensorFlow.js ops</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              Measured by <code>npm run bench</code> ({BENCH_DISPATCHES.model}, software adapter, counted in the worker)
            </td>
            <td className="num">{dispatches(BENCH_DISPATCHES.fused)}</td>
            <td className="num">{dispatches(BENCH_DISPATCHES.ops)}</td>
          </tr>
          {count.phase === 'done' && (
            <tr data-testid="text-how-dispatches-counted">
              <td>
                Counted just now for this model ({model.layers > 1 ? `${model.layers} × ` : ''}
                {name} {H}, window {seqLength}, batch {batchSize}) on this browser&apos;s WebGPU
                {count.engine?.adapter ? ` (${[count.engine.adapter.vendor, count.engine.adapter.architecture].filter(Boolean).join(' ') || 'unnamed adapter'})` : ''}
                {count.engine?.software ? ' — a software adapter, so the speeds say little' : ''}
                {count.fused?.value && count.ops?.value ? `: ${formatFigure(count.fused.value)} vs ${formatFigure(count.ops.value)} chars/s` : ''}
              </td>
              <td className="num">{count.fused?.status === 'ok' ? dispatches(count.fused.dispatchesPerStep) : (count.fused?.reason ?? '—')}</td>
              <td className="num">{count.ops?.status === 'ok' ? dispatches(count.ops.dispatchesPerStep) : (count.ops?.reason ?? '—')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="tl-muted">
        <button type="button" onClick={() => start(countModel, seqLength, batchSize)} disabled={!HAS_WEBGPU || count.phase === 'running'} data-testid="text-how-count">
          Count them for this model
        </button>{' '}
        {!HAS_WEBGPU
          ? 'This browser has no WebGPU, so there is nothing to count here.'
          : count.phase === 'running'
            ? 'Training a few steps with each (on a software adapter the TensorFlow.js-ops steps take a while)…'
            : count.phase === 'error'
              ? `Could not count: ${count.error}`
              : 'Trains this model for a few steps both ways in a background worker and counts the dispatches. The Speed page races the two on your GPU.'}
      </p>
    </section>
  );
}

// The fused WebGPU kernels (src/core/text/webgpu/) on the software adapter: the #/gpu-check page's worker
// compares them with the TensorFlow.js-ops training graph (unrolled.ts) and with float64 finite differences
// through the JS stepper, the fused optimiser with tf.train.adam (check/optimizerChecks.ts), trains many
// fused steps watching the tensor count, and counts compute dispatches per training step; this spec
// asserts on the JSON report it publishes (check/fusedChecks.ts and check/optimizerChecks.ts say what each
// number is). Sizes are tiny: SwiftShader's WebGPU is ~40× slower than WASM.
import { expect, test } from './fixtures';
import type { GpuCheckReport } from '../../src/workers/gpuCheckProtocol';

async function runCheck(page: import('@playwright/test').Page, query: string, timeout: number): Promise<GpuCheckReport> {
  await page.goto(`./#/gpu-check?${query}`);
  const status = page.getByTestId('gpu-check-status');
  await expect(status).not.toHaveAttribute('data-status', 'running', { timeout });
  const report = JSON.parse((await page.getByTestId('gpu-check-report').textContent()) ?? '{}') as GpuCheckReport;
  expect(await status.getAttribute('data-status'), await status.textContent() ?? '').toBe('done');
  return report;
}

test('fused kernels equal the TensorFlow.js-ops graph and float64 finite differences; tensor count flat', async ({ page }) => {
  test.setTimeout(600_000);
  const report = await runCheck(page, 'suite=correctness', 560_000);
  expect(report.backend?.backend).toBe('webgpu');
  expect(report.agreement).toHaveLength(15); // 3 cells × 5 size cases
  for (const c of report.agreement) {
    const name = `${c.cell} ${c.input} ×${c.layers} H${c.hidden} B${c.batch} T${c.window} V${c.vocab}${c.chunk ? ` chunk ${c.chunk}` : ''}`;
    expect(c.logitsMaxAbs, `${name}: logits`).toBeLessThan(1e-4);
    expect(c.gradMaxRel, `${name}: gradients`).toBeLessThan(1e-3);
  }
  expect(report.finite).toHaveLength(3);
  for (const f of report.finite) {
    expect(f.lossAbs, `${f.cell}: loss vs the float64 stepper`).toBeLessThan(1e-5);
    expect(f.gradMaxRel, `${f.cell}: gradients vs float64 central differences`).toBeLessThan(1e-3);
  }
  expect(report.memory).toHaveLength(3);
  for (const m of report.memory) expect(m.after, `${m.cell}: tensors after ${m.steps} fused steps`).toBe(m.before);
  expect(report.engine).toHaveLength(3);
  for (const e of report.engine) {
    expect(e.firstLossAbs, `${e.cell}: the engine's first fused step's loss against its ops step`).toBeLessThan(1e-5);
    expect(e.evalAbs, `${e.cell}: evaluation after ${e.steps} steps, fused against ops`).toBeLessThan(1e-3);
  }
  // The fused optimiser (clipping + Adam) against tf.train.adam after the clipping ops, same gradients.
  expect(report.optimizer.map((o) => o.clipping)).toEqual(['off', 'inactive', 'active']);
  for (const o of report.optimizer) {
    expect(o.weightMaxRel, `optimizer, clipping ${o.clipping}: weights after ${o.steps} steps`).toBeLessThan(1e-5);
    expect(o.updateMaxRel, `optimizer, clipping ${o.clipping}: w_N − w_0`).toBeLessThan(1e-4);
    // 9 variables: ⌈9/7⌉ sums (when clipping) + ⌈9/6⌉ moment updates + 9 weight updates.
    expect(o.fusedDispatches, `optimizer, clipping ${o.clipping}: dispatches`).toBe(o.clipping === 'off' ? 11 : 13);
    expect(o.fusedDispatches * 10).toBeLessThan(o.tfjsDispatches);
  }
});

test('a fused training step issues a few dozen dispatches where TensorFlow.js ops issue hundreds', async ({ page }) => {
  test.setTimeout(300_000);
  // A small LSTM and RNN (the count does not depend on the sizes, except for the window's per-step ops).
  const report = await runCheck(page, 'suite=dispatch&cells=rnn,lstm&hidden=16&batch=4&window=16&embedding=8&vocab=11&steps=4&evalChars=300', 280_000);
  expect(report.dispatch.map((d) => d.cell)).toEqual(['rnn', 'lstm']);
  for (const d of report.dispatch) {
    console.log(`${d.cell}: ${d.fused.perStep} dispatches per fused step, ${d.ops.perStep} through TensorFlow.js ops`);
    expect(d.fused.perStep, `${d.cell}: fused dispatches per step`).toBeLessThanOrEqual(400);
    expect(d.fused.evaluate, `${d.cell}: fused evaluation`).toBeLessThan(d.ops.evaluate);
  }
  // The ops graph already runs the vanilla RNN as one op per layer (unrolled.ts's rnnLayer), with per-step
  // ops left; the LSTM's ops graph takes a few dozen ops per time step.
  const [rnn, lstm] = report.dispatch;
  expect(rnn.fused.perStep).toBeLessThan(rnn.ops.perStep);
  expect(lstm.fused.perStep * 5).toBeLessThan(lstm.ops.perStep);
});

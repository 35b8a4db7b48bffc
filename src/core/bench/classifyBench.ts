// The Classify lab's network on the tutorial's data: full-batch passes per second (from scratch and on
// TensorFlow.js), the tutorial's 20,000-pass run, and the heatmap the lab draws every frame.
import { extentOf, toArrays, tutorialMoons } from '../datasets';
import { GridScratch, probabilityGrid } from '../mlp/grid';
import { tutorialInit } from '../mlp/params';
import { ScratchMlp } from '../mlp/scratchMlp';
import type { MlpParams } from '../mlp/types';
import { createRng } from '../rng';
import { measureRate, now, type MeasureOptions, type Rate } from './timing';

/** The tutorial's passes: `for i in range(0, 20000)` in build_model. */
export const TUTORIAL_PASSES = 20_000;

export interface ClassifyData {
  X: Float64Array;
  y: Int32Array;
}

/** The tutorial's 200 moons and its starting weights (np.random.seed(0), then randn). */
export function tutorialSetup(hidden: number): { data: ClassifyData; params: MlpParams } {
  const data = toArrays(tutorialMoons().points);
  return { data, params: tutorialInit(hidden, 2, createRng(0)) };
}

/** Full-batch passes per second of the from-scratch engine (tutorial settings: SGD, lr 0.01, L2 0.01). */
export async function measureScratchClassify(hidden: number, options: MeasureOptions): Promise<Rate> {
  const { data, params } = tutorialSetup(hidden);
  const mlp = new ScratchMlp(params);
  return measureRate((n) => mlp.step(data.X, data.y, n), options);
}

/** Seconds for the tutorial's 20,000 passes, from scratch, from its own starting weights. */
export function tutorialRunSeconds(hidden = 3, passes = TUTORIAL_PASSES): { seconds: number; loss: number } {
  const { data, params } = tutorialSetup(hidden);
  const mlp = new ScratchMlp(params);
  const t0 = now();
  mlp.step(data.X, data.y, passes);
  const seconds = (now() - t0) / 1000;
  return { seconds, loss: mlp.loss(data.X, data.y) };
}

/**
 * Milliseconds to compute the class probabilities over the lab's resolution×resolution grid (what its
 * heatmap redraws each frame while the weights change), with weights trained for a few passes.
 */
export async function measureHeatmap(hidden: number, resolution: number, options: MeasureOptions): Promise<{ msPerFrame: number; frames: number }> {
  const { data, params } = tutorialSetup(hidden);
  const mlp = new ScratchMlp(params);
  mlp.step(data.X, data.y, 50);
  const p = mlp.getParams();
  const extent = extentOf(tutorialMoons().points);
  const out = new Float32Array(resolution * resolution * p.classes);
  const scratch = new GridScratch();
  const rate = await measureRate((n) => {
    for (let i = 0; i < n; i++) probabilityGrid(p, 'tanh', extent, resolution, resolution, out, scratch);
  }, options);
  return { msPerFrame: rate.ms / rate.units, frames: rate.units };
}

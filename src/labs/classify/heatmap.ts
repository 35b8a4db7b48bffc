// Turns the network's outputs over a grid into pixels. The math (probabilities, hidden activations) comes
// from the core; this file only maps numbers to colours.
import { CLASS_RGB } from './colors';

/**
 * Each cell gets the probability-weighted mix of the class colours, faded toward white where the network
 * is unsure: strength grows with confidence (max p rescaled so 1/K → 0 and 1 → 1).
 */
export function paintProbabilities(probs: Float32Array, K: number, cells: number, out: Uint8ClampedArray): void {
  const floor = 1 / K;
  for (let c = 0; c < cells; c++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let max = 0;
    for (let k = 0; k < K; k++) {
      const p = probs[c * K + k];
      const rgb = CLASS_RGB[k];
      r += p * rgb[0];
      g += p * rgb[1];
      b += p * rgb[2];
      if (p > max) max = p;
    }
    const confidence = Math.max(0, (max - floor) / (1 - floor));
    const t = 0.18 + 0.55 * confidence;
    out[4 * c] = 255 + (r - 255) * t;
    out[4 * c + 1] = 255 + (g - 255) * t;
    out[4 * c + 2] = 255 + (b - 255) * t;
    out[4 * c + 3] = 255;
  }
}

/** A hidden unit's activation: negative values orange, positive blue, scaled by the largest magnitude. */
export function paintActivations(values: Float32Array, cells: number, out: Uint8ClampedArray): void {
  let scale = 1e-9;
  for (let c = 0; c < cells; c++) scale = Math.max(scale, Math.abs(values[c]));
  const neg = [230, 159, 0];
  const pos = [0, 114, 178];
  for (let c = 0; c < cells; c++) {
    const v = values[c] / scale;
    const rgb = v < 0 ? neg : pos;
    const t = Math.min(1, Math.abs(v)) * 0.8;
    out[4 * c] = 255 + (rgb[0] - 255) * t;
    out[4 * c + 1] = 255 + (rgb[1] - 255) * t;
    out[4 * c + 2] = 255 + (rgb[2] - 255) * t;
    out[4 * c + 3] = 255;
  }
}

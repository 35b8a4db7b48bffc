// Seeded initial weights, computed in JavaScript so a given seed gives the same model on every backend.
//
// Keras conventions: kernels Glorot-uniform U(±√(6/(fan_in+fan_out))), recurrent kernels orthogonal,
// biases zero, LSTM forget-gate bias 1 ("unit forget bias": the cell starts out remembering), embeddings
// U(±0.05). Orthogonal recurrent kernels keep ‖h·R‖ = ‖h‖ at the start, so gradients through time neither
// explode nor vanish from the first step. We make each gate's H×H block orthogonal (Keras orthogonalises the
// whole H×kH matrix; per-block is the common PyTorch-style choice and avoids a slow QR of a tall matrix).
import { seededRandom, type UniformRandom } from '../sampling';

export function glorotUniform(fanIn: number, fanOut: number, rng: UniformRandom): Float32Array {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * a;
  return out;
}

export function uniform(n: number, limit: number, rng: UniformRandom): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng.next() - 1) * limit;
  return out;
}

function gaussian(rng: UniformRandom): number {
  // Box–Muller; 1 − u keeps the log argument in (0, 1].
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A random H×H orthogonal matrix (modified Gram–Schmidt on Gaussian rows, in float64), written into
 * columns [col0, col0+H) of the row-major `out` with `cols` columns.
 */
function orthogonalBlock(out: Float32Array, cols: number, col0: number, h: number, rng: UniformRandom): void {
  const q = new Float64Array(h * h);
  for (let i = 0; i < q.length; i++) q[i] = gaussian(rng);
  for (let i = 0; i < h; i++) {
    const ri = i * h;
    for (let j = 0; j < i; j++) {
      const rj = j * h;
      let dot = 0;
      for (let k = 0; k < h; k++) dot += q[ri + k] * q[rj + k];
      for (let k = 0; k < h; k++) q[ri + k] -= dot * q[rj + k];
    }
    let norm = 0;
    for (let k = 0; k < h; k++) norm += q[ri + k] * q[ri + k];
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < h; k++) q[ri + k] /= norm;
  }
  for (let r = 0; r < h; r++) for (let c = 0; c < h; c++) out[r * cols + col0 + c] = q[r * h + c];
}

/** Recurrent kernel [H, gates·H] with an orthogonal H×H block per gate. */
export function orthogonalGates(h: number, gates: number, rng: UniformRandom): Float32Array {
  const out = new Float32Array(h * gates * h);
  for (let g = 0; g < gates; g++) orthogonalBlock(out, gates * h, g * h, h, rng);
  return out;
}

export { seededRandom };

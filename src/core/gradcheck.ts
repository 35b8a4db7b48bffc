// Finite-difference gradient checking, shared by the MLP and RNN tests.
//
// Central differences: dL/dθ ≈ (L(θ+h) − L(θ−h)) / 2h, with truncation error O(h²). In float64, h = 1e-5
// balances that against round-off (≈ ε·|L|/h), giving relative errors near 1e-9 for smooth losses.

/** Numerically differentiates `loss` with respect to every entry of `param` (perturbed in place, restored). */
export function numericGradient(loss: () => number, param: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(param.length);
  for (let i = 0; i < param.length; i++) {
    const saved = param[i];
    param[i] = saved + h;
    const plus = loss();
    param[i] = saved - h;
    const minus = loss();
    param[i] = saved;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/** max_i |a_i − b_i| / max(|a_i| + |b_i|, floor): the usual symmetric relative error, guarded near zero. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-8): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]) + Math.abs(b[i]), floor);
    if (err > worst) worst = err;
  }
  return worst;
}

// The LSTM layer over a window as ONE differentiable op, with its backward pass written out (BPTT on
// tensors). Autodiff through lstmStep (cellSteps.ts) records every split, σ, tanh, product and sum with its
// own gradient ops. Written out, the default LSTM 128 step (window 16 × batch 64) runs ~1,020 kernels
// instead of ~1,440, keeps less (2–3× less memory for 2–3 layers), and in Node on WASM is 1.16× faster
// (1.31× at window 64 × batch 32; interleaved runs in one process), 1.04× on the CPU backend. The training
// graph uses it on the CPU and WASM backends (unrolled.ts, writesOutLstm, says what was measured in the
// page). The same math:
//
//   forward, per step (x_t [B, 4H] = input·W + b, one input per step; h_{−1}, c_{−1} = 0 or the carried state)
//     z_t = x_t + h_{t−1} · U                                [B, 4H], gate blocks i, f, c̃, o (Keras order)
//     a_t = σ(z_t ⊙ s) ⊙ s − e,  s = [1 1 2 1], e = [0 0 1 0]  one σ over all four blocks: the c̃ block comes
//           out as 2σ(2z) − 1 = tanh(z), so a_t = [i, f, g, o] with g = tanh(z_c̃)
//     c_t = f ⊙ c_{t−1} + i ⊙ g,   τ_t = tanh(c_t),   h_t = o ⊙ τ_t
//   backward, t = T−1 … 0 (dy_t = ∂L/∂h_t from above; the carries come from step t+1, zero at T−1)
//     dh   = dy_t + dz_{t+1} · Uᵀ
//     dc   = dh ⊙ o ⊙ (1 − τ²) + dc_{t+1} ⊙ f_{t+1}
//     ∂a   = [dc ⊙ g, dc ⊙ c_{t−1}, dc ⊙ i, dh ⊙ τ]
//     dz_t = ∂a ⊙ (1 − a) ⊙ (a + e)        σ' = a(1 − a) on the σ blocks, tanh' = (1 − g)(1 + g) on c̃
//   ∂x_t = dz_t,   ∂U = [h_{−1} … h_{T−2}]ᵀ · [dz_0 … dz_{T−1}]   one matmul for the window
// The inputs stay one tensor per step (the caller's per-step row lookups): measured, looking the window up
// as one [T·B, 4H] product and cutting it here was no faster.
//
// tanh(c) is computed as 2σ(2c) − 1 on WASM, whose Tanh kernel runs ~10× slower than its Sigmoid (measured
// on [64, 128]: 145 µs against 15 µs); the two agree to float32 rounding. tests/unit/text-tfjs-unrolled.test.ts
// checks logits and gradients against the LayersModel (model.apply + autodiff), carried state included.
import * as tf from '../../tf';
import { onWasm, stepRows } from './stepRows';

/** A layer's state between windows: h and c, [B, H] each. */
export interface LstmState {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
}

/**
 * s = [1 1 2 1] and e = [0 0 1 0] per gate block of width H, tiled to [B, 4H]: a same-shape product runs
 * ~10× faster than a broadcast one on WASM (measured: [64, 512] ⊙ [64, 512] 12 µs, ⊙ [512] 140 µs).
 */
function blockMasks(B: number, H: number): { s: tf.Tensor2D; e: tf.Tensor2D } {
  const s = new Float32Array(B * 4 * H).fill(1);
  const e = new Float32Array(B * 4 * H);
  for (let b = 0; b < B; b++) {
    s.fill(2, (4 * b + 2) * H, (4 * b + 3) * H);
    e.fill(1, (4 * b + 2) * H, (4 * b + 3) * H);
  }
  return { s: tf.tensor2d(s, [B, 4 * H]), e: tf.tensor2d(e, [B, 4 * H]) };
}



/** The T blocks [B, D] of a window [T·B, D]. */
function cutSteps(all: tf.Tensor2D, T: number): tf.Tensor2D[] {
  const row = stepRows(all, T);
  return Array.from({ length: T }, (_, t) => row(t));
}

/** tanh, through σ where the backend's Tanh is slow (see the header). */
function tanhOf(x: tf.Tensor2D): tf.Tensor2D {
  if (!onWasm()) return tf.tanh(x);
  return tf.sub<tf.Tensor2D>(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1);
}

/**
 * The layer's inputs x_t = input·W + b [B, 4H] for the whole window as one [T·B, 4H] tensor (the first
 * layer's lookup of every id at once, or later layers' product), cut per step inside the op, where nothing
 * is taped.
 */
export interface LstmInputs {
  all: tf.Tensor2D;
  T: number;
}

/**
 * Every h_t as [T·B, H] (row t·B + b) from the inputs and U [H, 4H]; differentiable in the inputs and U.
 * `initial` is the state before step 0 (null: zeros; no gradient flows into it); `onFinal` receives the
 * state after the last step, kept (the receiver disposes it).
 */
export function lstmLayer(inputs: LstmInputs, recurrent: tf.Tensor2D, initial: LstmState | null, onFinal?: (state: LstmState) => void): tf.Tensor2D {
  const H = recurrent.shape[0];
  const T = inputs.T;
  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [all, U, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const x = cutSteps(all, T);
    const { s, e } = blockMasks(x[0].shape[0], H);
    const a: tf.Tensor2D[] = [];
    const c: tf.Tensor2D[] = [];
    const tau: tf.Tensor2D[] = [];
    const h: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const hPrev = t ? h[t - 1] : (initial?.h ?? null);
      const cPrev = t ? c[t - 1] : (initial?.c ?? null);
      // One tidy per step: only what the backward pass reads outlives it (a, c, τ, h).
      const step = tf.tidy(() => {
        const z = hPrev ? tf.add<tf.Tensor2D>(x[t], tf.matMul(hPrev, U)) : x[t];
        const act = tf.sub<tf.Tensor2D>(tf.mul(tf.sigmoid(tf.mul(z, s)), s), e);
        const [i, f, g, o] = tf.split(act, 4, 1) as tf.Tensor2D[];
        const input = tf.mul<tf.Tensor2D>(i, g);
        const cell = cPrev ? tf.add<tf.Tensor2D>(tf.mul(f, cPrev), input) : input;
        const tc = tanhOf(cell);
        return { act, cell, tc, out: tf.mul<tf.Tensor2D>(o, tc) };
      });
      a.push(step.act);
      c.push(step.cell);
      tau.push(step.tc);
      h.push(step.out);
    }
    // The forward runs in its own tidy: the final state escapes it by keep (the caller owns it).
    onFinal?.({ h: tf.keep(tf.clone(h[T - 1])), c: tf.keep(tf.clone(c[T - 1])) });
    const start = initial ? [initial.h, initial.c] : [];
    save([...a, ...c, ...tau, ...h, U, e, ...start]);
    return {
      value: tf.concat(h, 0),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const as = saved.slice(0, T) as tf.Tensor2D[]; // a_t = [i, f, g, o]
        const cs = saved.slice(T, 2 * T) as tf.Tensor2D[];
        const taus = saved.slice(2 * T, 3 * T) as tf.Tensor2D[];
        const hs = saved.slice(3 * T, 4 * T) as tf.Tensor2D[];
        const [Us, es] = saved.slice(4 * T, 4 * T + 2);
        const [h0, c0] = saved.slice(4 * T + 2) as tf.Tensor2D[];
        const UT = tf.transpose(Us) as tf.Tensor2D;
        const dyRow = stepRows(dy, T);
        const dz: tf.Tensor2D[] = new Array<tf.Tensor2D>(T);
        let carryH: tf.Tensor2D | null = null; // dz_{t+1} · Uᵀ
        let carryC: tf.Tensor2D | null = null; // dc_{t+1} ⊙ f_{t+1}
        for (let t = T - 1; t >= 0; t--) {
          const hIn: tf.Tensor2D | null = carryH;
          const cIn: tf.Tensor2D | null = carryC;
          const cPrev = t ? cs[t - 1] : (c0 ?? null);
          // One tidy per step: dz_t and the two carries outlive it.
          // dz_t, then (t > 0) the carries into step t − 1.
          const [d, nextH, nextC] = tf.tidy((): tf.Tensor2D[] => {
            const [i, f, g, o] = tf.split(as[t], 4, 1) as tf.Tensor2D[];
            const dh: tf.Tensor2D = hIn ? tf.add<tf.Tensor2D>(dyRow(t), hIn) : dyRow(t);
            const fromH = tf.mul<tf.Tensor2D>(tf.mul(dh, o), tf.sub(1, tf.square(taus[t])));
            const dc: tf.Tensor2D = cIn ? tf.add<tf.Tensor2D>(fromH, cIn) : fromH;
            const da = tf.concat<tf.Tensor2D>([tf.mul(dc, g), cPrev ? tf.mul(dc, cPrev) : tf.zerosLike(dc), tf.mul(dc, i), tf.mul(dh, taus[t])] as tf.Tensor2D[], 1);
            const dzt = tf.mul<tf.Tensor2D>(da, tf.mul(tf.sub(1, as[t]), tf.add(as[t], es)));
            return t > 0 ? [dzt, tf.matMul(dzt, UT) as tf.Tensor2D, tf.mul<tf.Tensor2D>(dc, f)] : [dzt];
          });
          dz[t] = d;
          tf.dispose([hIn, cIn].filter((x): x is tf.Tensor2D => x !== null));
          carryH = nextH ?? null;
          carryC = nextC ?? null;
        }
        // With a carried h_{−1}, step 0 adds h_{−1}ᵀ · dz_0 to ∂U; from zeros it adds nothing.
        const previous = h0 ? [h0, ...hs.slice(0, T - 1)] : hs.slice(0, T - 1);
        const dU = previous.length ? tf.matMul(tf.transpose(tf.concat(previous, 0)), tf.concat(dz.slice(T - previous.length), 0)) : tf.zerosLike(Us);
        return [tf.concat(dz, 0), dU];
      },
    };
  });
  return layer(inputs.all, recurrent) as tf.Tensor2D;
}

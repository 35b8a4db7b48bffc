// Memory layout of the packed buffers the fused recurrent kernels write, for a window of T steps, B rows,
// H units and G gate blocks (rnn 1, gru 3, lstm 4). Rows are time-major everywhere: row t·B + b is batch
// row b at step t, as in unrolled.ts. All offsets are in floats.
//
// Forward buffer F (written by <cell>Forward.ts):
//   hs    [(T+1)·B, H]  block 0 = h_{−1} = 0, block t+1 = h_t             (all cells)
//   cs    [(T+1)·B, H]  block 0 = c_{−1} = 0, block t+1 = c_t             (lstm)
//   acts  [T·B, G·H]    gate activations: lstm σ(i), σ(f), tanh(c̃), σ(o); gru u, r, h̃
//   rh    [T·B, H]      r_t ⊙ h_{t−1}, the GRU's input to U_h               (gru)
// Backward buffer D (written by <cell>Backward.ts):
//   dz    [T·B, G·H]    ∂loss/∂x_t for the layer input x_t = input·W + b (lstm, rnn: the pre-activations);
//                       gru: [T·B, 2H] for the u, r pre-activations, then
//   dah   [T·B, H]      the GRU's ∂/∂(x_h + (r⊙h)·U_h)                     (gru)
//   carry [B, H]        lstm: ∂loss/∂c carried to the previous step; gru: ∂loss/∂h_t
//   drh   [B, H]        gru: ∂loss/∂(r ⊙ h_{t−1}) of the step just done
import type { CellType } from '../engine';

export const GATES: Record<CellType, number> = { rnn: 1, gru: 3, lstm: 4 };

export interface ForwardLayout {
  hs: number;
  cs: number;
  acts: number;
  rh: number;
  length: number;
}

export interface BackwardLayout {
  dz: number;
  dah: number;
  carry: number;
  drh: number;
  length: number;
}

export function forwardLayout(cell: CellType, T: number, B: number, H: number): ForwardLayout {
  const G = GATES[cell];
  const state = (T + 1) * B * H;
  const hs = 0;
  const cs = state;
  const csLength = cell === 'lstm' ? state : 0;
  const acts = cs + csLength;
  const actsLength = cell === 'rnn' ? 0 : T * B * G * H;
  const rh = acts + actsLength;
  const rhLength = cell === 'gru' ? T * B * H : 0;
  return { hs, cs, acts, rh, length: rh + rhLength };
}

export function backwardLayout(cell: CellType, T: number, B: number, H: number): BackwardLayout {
  const G = GATES[cell];
  const dz = 0;
  const dah = cell === 'gru' ? T * B * 2 * H : T * B * G * H;
  const carry = dah + (cell === 'gru' ? T * B * H : 0);
  const drh = carry + B * H;
  return { dz, dah, carry, drh, length: drh + (cell === 'gru' ? B * H : 0) };
}

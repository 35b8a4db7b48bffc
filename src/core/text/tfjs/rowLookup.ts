// The first recurrent layer's input lookup, x_n = P[ids_n] for a table P [V, D] (the input kernel W for
// one-hot input, E·W + b with an embedding), as one op per backend with its gradient written out:
//   ∂P[v, :] = Σ_{n : ids_n = v} ∂X[n, :]          (∂ids: none)
// tfjs's own gather gradient (UnsortedSegmentSum) is missing on WASM, and on the CPU backend it runs one
// masked sum per row of the table — ~V ops per lookup, per time step (measured: the CPU backend's LSTM
// training 4× slower). So:
//   WASM with core/wasmRows.ts's kernels (the worker, the CLI and the bench register them): a heap-view row
//     gather forward, a row scatter-add backward — N·D copies and adds;
//   WebGPU with the fused kernels: tf.gather forward, one scatter-add dispatch backward (../webgpu);
//   otherwise (CPU; WASM without the kernels): the gradient as the product oneHot(ids)ᵀ · ∂X, [V, N]·[N, D],
//     and forward a gather, except on WASM, whose Gather walks elements one by one (170 µs for 32 rows of
//     128, where oneHot(ids) · P takes 65 µs). Vocabularies are small, so the one-hot matrix is cheap.
import * as tf from '../../tf';
import { hasHeapViewRows, heapRowGather, heapRowScatterAdd } from '../../wasmRows';
import { rowScatterAdd } from '../webgpu/rowScatterAdd';
import { oneHotOf } from './oneHot';
import { onWasm } from './stepRows';

/** ids ↦ rows of `table` [V, D], differentiable in the table; `fused`: the fused WebGPU path. */
export function rowLookup(table: tf.Tensor2D, fused = false): (ids: tf.Tensor1D) => tf.Tensor2D {
  const V = table.shape[0];
  return (ids) => {
    if (fused) return writtenOutLookup(table, [ids], (rows) => tf.gather(rows, ids) as tf.Tensor2D, (dy, [at]) => rowScatterAdd(at as tf.Tensor1D, dy, V));
    if (hasHeapViewRows()) return writtenOutLookup(table, [ids], (rows) => heapRowGather(rows, ids), (dy, [at]) => heapRowScatterAdd(at as tf.Tensor1D, dy, V));
    const oneHot = oneHotOf(ids, V).toFloat() as tf.Tensor2D; // [N, V]
    const forward = (rows: tf.Tensor2D): tf.Tensor2D => (onWasm() ? tf.matMul(oneHot, rows) : (tf.gather(rows, ids) as tf.Tensor2D));
    return writtenOutLookup(table, [oneHot], forward, (dy, [saved]) => tf.matMul(tf.transpose(saved) as tf.Tensor2D, dy));
  };
}

/**
 * The lookup as one customGrad op from its forward and its ∂table. `keep` are the tensors the gradient reads
 * (the ids, or their one-hot matrix): saved with the op, since autodiff disposes the forward's intermediates
 * before it runs the backward.
 */
function writtenOutLookup(
  table: tf.Tensor2D,
  keep: tf.Tensor[],
  forward: (rows: tf.Tensor2D) => tf.Tensor2D,
  gradient: (dy: tf.Tensor2D, saved: tf.Tensor[]) => tf.Tensor2D,
): tf.Tensor2D {
  const lookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [rows, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save(keep);
    return { value: forward(rows), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => gradient(dy as tf.Tensor2D, saved) };
  });
  return lookup(table) as tf.Tensor2D;
}

// How the TensorFlow.js engine cuts an evaluation into forward passes (tfjs/engine.ts evaluate), shared with
// the resource estimate (resources.ts). A pass is `rows` rows of EVAL_ROW characters; its logits are
// [rows·EVAL_ROW, V]. Up to 64 rows per pass, fewer for large vocabularies, so one pass's logits stay under
// EVAL_VALUES_PER_PASS values (16 MB of float32): below WebGPU's smallest storage buffer (128 MB) and a
// WebGL texture of 4096², even at the 65,536-character vocabulary limit (one row: 256 × 65,536 values).

/** Characters per evaluation row: the state is carried along a row and starts from zero at each row. */
export const EVAL_ROW = 256;
/** Rows per evaluation pass for small vocabularies. */
export const EVAL_MAX_ROWS_PER_PASS = 64;
/** Logit values one pass may produce (rows × EVAL_ROW × V), unless a single row is larger. */
export const EVAL_VALUES_PER_PASS = 1 << 22;

/** Rows per forward pass for a vocabulary of `vocabSize` (at least 1). */
export function evalRowsPerPass(vocabSize: number): number {
  return Math.max(1, Math.min(EVAL_MAX_ROWS_PER_PASS, Math.floor(EVAL_VALUES_PER_PASS / (EVAL_ROW * Math.max(1, vocabSize)))));
}

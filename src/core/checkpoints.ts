// When the labs save a checkpoint of a training run, whatever the storage: often enough that a crashed or
// closed tab loses at most this much training, rarely enough that saving never shows in the frame rate.

/** Milliseconds between two checkpoints of a running training session (Classify and Text labs); the labs
 *  also save one on every pause. */
export const CHECKPOINT_EVERY_MS = 30_000;

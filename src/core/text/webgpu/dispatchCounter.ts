// Counts WebGPU compute dispatches in this realm (page or worker): wraps
// GPUComputePassEncoder.prototype.dispatchWorkgroups once, so every kernel — TensorFlow.js's and ours — is
// counted where it is encoded. The bench and the GPU self-check read it around a training step to print
// "dispatches per step". No-op (returns false) where WebGPU does not exist, e.g. in Node.

let count = 0;
let installed = false;

interface PassPrototype {
  dispatchWorkgroups(this: unknown, ...args: unknown[]): unknown;
}

/** Installs the counter (idempotent); false when this realm has no GPUComputePassEncoder. */
export function installDispatchCounter(): boolean {
  if (installed) return true;
  const encoder = (globalThis as { GPUComputePassEncoder?: { prototype: PassPrototype } }).GPUComputePassEncoder;
  if (!encoder) return false;
  const proto = encoder.prototype;
  const original = proto.dispatchWorkgroups;
  proto.dispatchWorkgroups = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  installed = true;
  return true;
}

/** Dispatches encoded since the counter was installed. */
export function dispatchCount(): number {
  return count;
}

// A real GPU device loss on purpose, for tests: destroying the WebGPU backend's GPUDevice is the only way a
// page can lose its device, but the app destroys devices itself too (tf.removeBackend when it switches
// backends), and those losses (reason 'destroyed') are not failures. Devices destroyed through
// destroyGpuDevice are marked here, so backend.ts reports their loss like any other.
import * as tf from '../core/tf';

const simulated = new WeakSet<object>();

/** The slice of a GPUDevice used here. */
interface DestroyableDevice {
  destroy(): void;
}

/** The WebGPU backend's device, if the active backend has one. */
function activeDevice(): DestroyableDevice | undefined {
  return (tf.backend() as { device?: DestroyableDevice }).device;
}

/** Destroys the active WebGPU device as a loss to report; false when the backend has none. */
export function destroyGpuDevice(): boolean {
  const device = activeDevice();
  if (!device) return false;
  simulated.add(device);
  device.destroy();
  return true;
}

/** Whether `device` was destroyed by destroyGpuDevice (its 'destroyed' loss is then a loss to report). */
export function isSimulatedLoss(device: object): boolean {
  return simulated.has(device);
}

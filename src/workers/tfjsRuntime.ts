// Registers what the @tensorflow/tfjs package would, minus what a worker does not need at start: every
// gradient (training) and the chained ops (`x.add(y)`, which tfjs-layers and older code may call). The
// backends are backend.ts's job: WASM statically; CPU, WebGL and WebGPU imported only when needed. The
// converter, tfjs-data and the CPU and WebGL backends thus stay out of the first download (see ../core/tf.ts).
//
// Browser only: import it first in a worker entry (text.worker.ts, speed.worker.ts, gpuCheck.worker.ts) or
// in a chunk only a worker loads (classifyTfjsEngine.ts). These deep imports are ES modules that Node cannot
// load; in Node the @tensorflow/tfjs package registers the same (src/cli/tfjsBackend.ts, the unit tests).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

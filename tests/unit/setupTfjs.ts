// Loaded before every unit test file (vitest.config.ts, setupFiles). The project's code imports TensorFlow.js
// through src/core/tf.ts (tfjs-core and tfjs-layers only) and registers nothing; in Node the @tensorflow/tfjs
// package registers the gradients, the chained ops and the CPU (and WebGL) backends, as it did when the code
// imported it directly — the same package the CLI loads (src/cli/tfjsBackend.ts).
import '@tensorflow/tfjs';

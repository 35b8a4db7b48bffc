// The TensorFlow.js API the project's code uses: tfjs-core's tensors, ops, optimisers and model I/O, and
// tfjs-layers' models — not the @tensorflow/tfjs package, which also brings the WebGL backend, the graph-model
// converter and tfjs-data into every bundle that imports it (~55 KB compressed in the Text worker that it
// never needs at start).
//
// Import this file, never '@tensorflow/tfjs', from src/core and src/workers (lint enforces it).
// Nothing is registered here: no backend, no gradients, no chained ops (`x.add(y)`). Whoever runs the core
// does that once, before the first op:
// - in a browser worker, src/workers/tfjsRuntime.ts (the gradients, the chained ops, the CPU backend), then
//   backend.ts's selectBackend (WASM statically; WebGL and WebGPU by dynamic import when tried);
// - in Node (CLI, tests, bench), the @tensorflow/tfjs package: its Node build registers the gradients, the
//   chained ops and the CPU backend (tfjs-core's own deep imports cannot load in Node). See
//   src/cli/tfjsBackend.ts and tests/unit/setupTfjs.ts.
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';

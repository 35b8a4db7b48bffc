// Reads a TensorFlow.js text model's weights into the plain-JavaScript stepper's format. The stepper itself
// (JsCharStepper, the math, its types) lives in ../jsStepper.ts, free of TensorFlow.js so the page can run it;
// it is re-exported here for the worker, the CLI and the tests.
import * as tf from '../../tf';
import type { StepperLayerWeights, StepperWeights } from '../jsStepper';
import { describeTextModel, type TextModelStructure } from './model';

export { JsCharStepper, sequenceLoss } from '../jsStepper';
export type { StepperLayerWeights, StepperWeights, StepTrace, TraceChannel, Weights } from '../jsStepper';

/** Copies the model's weights to typed arrays (async reads, safe while training continues). */
export async function readStepperWeights(model: tf.LayersModel, structure?: TextModelStructure): Promise<StepperWeights> {
  const s = structure ?? describeTextModel(model);
  const layers = [...(s.embedding ? [s.embedding] : []), ...s.recurrent.map((r) => r.layer), s.output];
  // Clones share the variables' data (refcounted), so an optimiser update during the reads cannot free it.
  const clones = tf.tidy(() => layers.map((l) => l.getWeights().map((w) => tf.clone(w))));
  try {
    const data = await Promise.all(clones.map((ws) => Promise.all(ws.map((w) => w.data() as Promise<Float32Array>))));
    let k = 0;
    const embedding = s.embedding ? data[k++][0] : undefined;
    const rec: StepperLayerWeights[] = s.recurrent.map((r) => {
      const [kernel, recurrent, bias] = data[k++];
      return { inputDim: r.info.inputDim, kernel, recurrent, bias, gateActivation: r.info.gateActivation ?? 'sigmoid' };
    });
    const [outKernel, outBias] = data[k];
    return {
      cell: s.spec.cell,
      vocabSize: s.spec.vocabSize,
      hidden: s.spec.hidden,
      embedding,
      layers: rec,
      outKernel,
      outBias,
      outputSoftmax: s.outputSoftmax,
    };
  } finally {
    tf.dispose(clones);
  }
}

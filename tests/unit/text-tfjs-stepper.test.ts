// The plain-JS stepper reproduces the layers model's forward pass; the layers model's gradients match
// central differences computed through the stepper in float64.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellType, TextModelSpec } from '../../src/core/text/engine';
import { maxRelativeError, numericGradient } from '../../src/core/gradcheck';
import { buildTextModel } from '../../src/core/text/tfjs/model';
import { meanCrossEntropy } from '../../src/core/text/tfjs/loss';
import { JsCharStepper, readStepperWeights, sequenceLoss, type StepperWeights } from '../../src/core/text/tfjs/stepper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const V = 7;
const TOKENS = Int32Array.from([0, 3, 1, 4, 1, 5, 6, 2, 6, 5, 3, 5, 0, 2]);

function spec(cell: CellType, layers: number, input: TextModelSpec['input']): TextModelSpec {
  return { cell, layers, hidden: 6, input, embedding: 4, dropout: 0, vocabSize: V };
}

/** The model's softmax outputs for one sequence: [T, V]. */
async function modelProbs(net: tf.LayersModel, s: TextModelSpec, tokens: Int32Array): Promise<Float32Array> {
  const probs = tf.tidy(() => {
    const x = tf.tensor2d(tokens, [1, tokens.length], 'int32');
    const input = s.input === 'embedding' ? x : tf.oneHot(x, V).toFloat();
    return tf.softmax(net.predict(input) as tf.Tensor);
  });
  const data = (await probs.data()) as Float32Array;
  probs.dispose();
  return data;
}

describe('JsCharStepper matches the layers model', () => {
  for (const cell of ['rnn', 'gru', 'lstm'] as const) {
    for (const layers of [1, 2]) {
      for (const input of ['embedding', 'onehot'] as const) {
        it(`${cell} × ${layers} (${input})`, async () => {
          const s = spec(cell, layers, input);
          const net = buildTextModel(s, 11);
          // Larger random weights than the init so the gates saturate differently and any convention
          // mismatch (gate order, reset placement, sigmoid kind) shows.
          tf.tidy(() => net.setWeights(net.getWeights().map((w) => tf.randomNormal(w.shape, 0, 0.7, 'float32', 5))));
          const expected = await modelProbs(net, s, TOKENS);
          const stepper = new JsCharStepper(await readStepperWeights(net));
          let worst = 0;
          for (let t = 0; t < TOKENS.length; t++) {
            const p = stepper.next(TOKENS[t]);
            for (let v = 0; v < V; v++) worst = Math.max(worst, Math.abs(p[v] - expected[t * V + v]));
          }
          expect(worst).toBeLessThan(1e-5);
          // reset() returns to the zero state.
          stepper.reset();
          const first = Array.from(stepper.next(TOKENS[0]));
          first.forEach((p, v) => expect(Math.abs(p - expected[v])).toBeLessThan(1e-5));
          net.dispose();
        });
      }
    }
  }
});

/** Float64 copies of every weight array, in the model's trainableWeights order. */
function float64Weights(w: StepperWeights): { sw: StepperWeights; arrays: Float64Array[] } {
  const f = (a: Float32Array | Float64Array) => Float64Array.from(a);
  const sw: StepperWeights = {
    ...w,
    embedding: w.embedding && f(w.embedding),
    layers: w.layers.map((l) => ({ ...l, kernel: f(l.kernel), recurrent: f(l.recurrent), bias: f(l.bias) })),
    outKernel: f(w.outKernel),
    outBias: f(w.outBias),
  };
  const arrays = [
    ...(sw.embedding ? [sw.embedding] : []),
    ...sw.layers.flatMap((l) => [l.kernel, l.recurrent, l.bias]),
    sw.outKernel,
    sw.outBias,
  ] as Float64Array[];
  return { sw, arrays };
}

describe('gradients: tf.variableGrads vs float64 central differences through the stepper', () => {
  for (const cell of ['rnn', 'gru', 'lstm'] as const) {
    it(`${cell}`, async () => {
      const s = spec(cell, 2, 'embedding');
      const net = buildTextModel(s, 3);
      tf.tidy(() => net.setWeights(net.getWeights().map((w) => tf.randomNormal(w.shape, 0, 0.5, 'float32', 9))));
      const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
      const tokens = TOKENS;
      const T = tokens.length - 1;
      const { value, grads } = tf.variableGrads(() => {
        const logits = net.apply(tf.tensor2d(tokens.subarray(0, T), [1, T], 'int32')) as tf.Tensor;
        return meanCrossEntropy(logits, tf.tensor2d(tokens.subarray(1), [1, T], 'int32'));
      }, vars);
      const analytic = await Promise.all(vars.map((v) => grads[v.name].data()));
      const lossTf = (await value.data())[0];
      tf.dispose([value, ...Object.values(grads)]);

      const { sw, arrays } = float64Weights(await readStepperWeights(net));
      const stepper = new JsCharStepper(sw);
      expect(Math.abs(sequenceLoss(stepper, tokens) - lossTf)).toBeLessThan(1e-5);
      arrays.forEach((param, i) => {
        const numeric = numericGradient(() => sequenceLoss(stepper, tokens), param, 1e-5);
        // float32 autodiff vs float64 differences: ~1e-7 absolute; the floor keeps tiny entries fair.
        expect(maxRelativeError(numeric, analytic[i], 1e-4)).toBeLessThan(1e-3);
      });
      net.dispose();
    });
  }
});

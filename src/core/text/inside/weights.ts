// The weights of any engine's stepper in one layout (StepperWeights, Keras conventions), so the inside views
// trace and differentiate every engine through one implementation: JsCharStepper's (tfjs models, any
// backend) as they are; the from-scratch RNN's min-char-rnn matrices transposed into it.
//   scratch: h = tanh(Wxh·x + Whh·h + bh), y = Why·h + by      Wxh [H][V], Whh [H][H], Why [V][H]
//   Keras:   h = tanh(x·K + b + h·R),       y = h·W + b        K [V, H],   R [H, H],   W [H, V]
// so K = Wxhᵀ, R = Whhᵀ, W = Whyᵀ.
import type { CharStepper } from '../engine';
import { RnnStepper } from '../scratch/rnnStepper';
import type { RnnParams } from '../scratch/rnnParams';
import { JsCharStepper, type StepperWeights } from '../jsStepper';

/** rows×cols row-major → cols×rows row-major. */
function transpose(m: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
  return out;
}

/** The from-scratch RNN's parameters as a one-hot, one-layer SimpleRNN's StepperWeights. */
export function stepperWeightsFromRnnParams(p: RnnParams): StepperWeights {
  const { hidden: H, vocab: V } = p;
  return {
    cell: 'rnn',
    vocabSize: V,
    hidden: H,
    layers: [{ inputDim: V, kernel: transpose(p.Wxh, H, V), recurrent: transpose(p.Whh, H, H), bias: p.bh.slice(), gateActivation: 'sigmoid' }],
    outKernel: transpose(p.Why, V, H),
    outBias: p.by.slice(),
    outputSoftmax: false,
  };
}

/** The weights behind an engine's stepper (both engines' steppers are supported). */
export function stepperWeightsOf(stepper: CharStepper): StepperWeights {
  if (stepper instanceof JsCharStepper) return stepper.weights;
  if (stepper instanceof RnnStepper) return stepperWeightsFromRnnParams(stepper.params);
  throw new TypeError('this stepper does not expose its weights');
}

// The body of "How it works" (HowItWorks.tsx loads it the first time the panel opens): the chosen cell's
// equations with the current sizes filled in, the unrolled window, where the gradients come from, and the
// cell's fused WebGPU kernel next to its math (GpuKernelSection.tsx).
import { MathBlock } from '../../../ui/MathBlock';
import { InsideHowItWorks } from '../inside/InsideHowItWorks';
import { equationsFor } from './cellEquations';
import { GpuKernelSection } from './GpuKernelSection';
import type { HowItWorksProps } from './HowItWorks';
import { UnrollDiagram } from './UnrollDiagram';

const CELL_NAMES = { rnn: 'RNN', gru: 'GRU', lstm: 'LSTM' } as const;

export default function HowItWorksBody({ model, vocabSize, seqLength, batchSize, params }: HowItWorksProps) {
  const equations = equationsFor({ ...model, vocabSize, seqLength });
  return (
    <>
      <p>
        A character-level language model reads text one character at a time and, at every step, outputs a probability for each of the{' '}
        {vocabSize > 0 ? vocabSize : 'V'} characters of its vocabulary that could come next. Training nudges the weights to make the true next character more likely.
        {params !== undefined && ` This model has ${params.toLocaleString('en-US')} trainable parameters.`}
      </p>
      <ol className="tl-equations">
        {equations.map((eq) => (
          <li key={eq.tex}>
            <p className="tl-muted">{eq.caption}</p>
            <MathBlock tex={eq.tex} />
          </li>
        ))}
      </ol>
      <h3>One training window, unrolled</h3>
      <UnrollDiagram seqLength={seqLength} layers={model.layers} cellLabel={CELL_NAMES[model.cell]} />
      <p className="tl-muted">
        Each training step takes a batch of windows of T characters, runs them forward (left to right) and backpropagates the loss through time (right to
        left). Gradients stop at the window's left edge, so the model learns dependencies of up to about T characters directly; a state carried over from the
        previous window can still bring in older context.
      </p>
      <h3>Where the gradients come from</h3>
      <p className="tl-muted">
        The from-scratch engine derives backpropagation through time by hand, on plain arrays. On TensorFlow.js the GRU gets its gradients from automatic
        differentiation of the unrolled window (and so does the LSTM, except on TensorFlow.js's CPU backend); the vanilla RNN's backward pass, and the
        LSTM's on the CPU backend, are written out on tensors instead (the same equations as from scratch, with the gradient of the recurrent weights taken
        for the whole window in one matrix product), because autodiff would record every step separately. Tests check each against the others.
      </p>
      <GpuKernelSection model={model} vocabSize={vocabSize} seqLength={seqLength} batchSize={batchSize} />
      <InsideHowItWorks />
    </>
  );
}

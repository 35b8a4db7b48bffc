// The tutorial's equations with the current sizes filled in: forward pass, softmax, loss with L2, the
// backprop deltas and the update, beside the shapes of every array.
import { MathBlock } from '../../ui/MathBlock';
import type { Activation } from '../../core/mlp/types';
import type { NetSettings } from './labState';

const DERIVATIVE: Record<Activation, { f: string; df: string }> = {
  tanh: { f: '\\tanh', df: '1 - a_1^{2}' },
  relu: { f: '\\operatorname{ReLU}', df: '\\mathbb{1}[z_1 > 0]' },
  sigmoid: { f: '\\sigma', df: 'a_1 \\odot (1 - a_1)' },
};

interface Props {
  hidden: number;
  classes: number;
  n: number;
  activation: Activation;
  net: NetSettings;
}

export function HowItWorks({ hidden: H, classes: K, n: N, activation, net }: Props) {
  const { f, df } = DERIVATIVE[activation];
  const scale = net.reduction === 'sum' ? '' : `\\tfrac{1}{|B|}`;
  return (
    <details className="panel how" data-testid="how-it-works">
      <summary><h2>How it works</h2></summary>
      <div className="how-grid">
        <div>
          <h3>Forward pass</h3>
          <p>A batch of {N} points, each a row of <MathBlock display={false} tex="X" />:</p>
          <MathBlock tex={`\\underbrace{z_1}_{${N}\\times${H}} = \\underbrace{X}_{${N}\\times 2}\\,\\underbrace{W_1}_{2\\times ${H}} + \\underbrace{b_1}_{1\\times ${H}},\\qquad a_1 = ${f}(z_1)`} />
          <MathBlock tex={`\\underbrace{z_2}_{${N}\\times${K}} = a_1\\,\\underbrace{W_2}_{${H}\\times ${K}} + \\underbrace{b_2}_{1\\times ${K}},\\qquad \\hat y = \\operatorname{softmax}(z_2),\\quad \\hat y_{nk} = \\frac{e^{z_{2,nk}}}{\\sum_{j=1}^{${K}} e^{z_{2,nj}}}`} />
          <h3>Loss: cross-entropy plus L2</h3>
          <MathBlock tex={`L = \\frac{1}{N}\\Big[-\\sum_{n=1}^{N} \\log \\hat y_{n,\\,y_n} + \\frac{\\lambda}{2}\\big(\\lVert W_1\\rVert^2 + \\lVert W_2\\rVert^2\\big)\\Big],\\qquad \\lambda = ${net.reg}`} />
          <p className="muted small">Biases are not regularised. The loss shown in the charts is exactly this, on all training points.</p>
        </div>
        <div>
          <h3>Backpropagation</h3>
          <MathBlock tex={`\\delta_3 = \\hat y - Y \\quad(${N}\\times ${K},\\ Y\\text{ one-hot})`} />
          <MathBlock tex={`\\delta_2 = \\big(\\delta_3 W_2^{\\top}\\big) \\odot ${f}'(z_1), \\qquad ${f}'(z_1) = ${df}`} />
          <MathBlock tex={`\\frac{\\partial L}{\\partial W_2} \\propto a_1^{\\top}\\delta_3,\\quad \\frac{\\partial L}{\\partial b_2} \\propto \\textstyle\\sum_n \\delta_3,\\quad \\frac{\\partial L}{\\partial W_1} \\propto X^{\\top}\\delta_2,\\quad \\frac{\\partial L}{\\partial b_1} \\propto \\textstyle\\sum_n \\delta_2`} />
          <h3>Update</h3>
          <MathBlock tex={`W \\leftarrow W - \\varepsilon\\, ${scale}\\big(\\nabla_W + \\lambda W\\big), \\qquad \\varepsilon = ${net.learningRate}`} />
          <p className="muted small">
            {net.reduction === 'sum'
              ? 'As in the tutorial, the gradient is summed over the examples (not averaged), so ε = 0.01 on 200 points is a step of 2 on the mean gradient.'
              : 'The gradient is averaged over the batch; λW is spread over the batches of an epoch.'}{' '}
            The same network also runs in TensorFlow.js, where <code>tf.variableGrads</code> derives these gradients automatically;
            the two engines agree to float32 precision.
          </p>
        </div>
      </div>
    </details>
  );
}

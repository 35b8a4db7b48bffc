// "How it works" for Inside the network: what each view shows and the equation behind it.
import { MathBlock } from '../../../ui/MathBlock';

export function InsideHowItWorks() {
  return (
    <div data-testid="inside-how">
      <h3>Inside the network</h3>
      <p className="tl-muted">
        <strong>Units over text.</strong> The model reads the text from a zero state, one character at a time; after each character every unit of every layer has a value. Colouring the
        text by one unit’s value h<sub>t,j</sub> (or, for an LSTM, its cell state c or a gate i, f, o; for a GRU its update z or reset r) shows what that unit responds to — as in
        Karpathy, Johnson and Fei-Fei, “Visualizing and Understanding Recurrent Networks” (2015), where single LSTM cells tracked quotes, brackets and the position in a line. It uses a
        copy of the weights in plain JavaScript (float64), so it works on every backend, between training bursts.
      </p>
      <p className="tl-muted">
        <strong>Probe.</strong> A pattern becomes a target y<sub>t</sub> per character (1 inside quotes, else 0; the column in the line; …). Each unit j is scored by the Pearson
        correlation of its values with the target over the first 2,000 characters of the text:
      </p>
      <MathBlock tex={String.raw`r_j = \frac{\sum_t (h_{t,j} - \bar h_j)(y_t - \bar y)}{\sqrt{\sum_t (h_{t,j} - \bar h_j)^2 \,\sum_t (y_t - \bar y)^2}}`} />
      <p className="tl-muted">
        <strong>Gradients through time.</strong> The loss at step t reaches the hidden state k steps earlier through a product of Jacobians, one per step:
      </p>
      <MathBlock tex={String.raw`\frac{\partial L_t}{\partial h_{t-k}} = \frac{\partial L_t}{\partial h_t}\prod_{j=t-k+1}^{t}\frac{\partial h_j}{\partial h_{j-1}},\qquad \text{RNN: } \frac{\partial h_j}{\partial h_{j-1}} = \operatorname{diag}(1-h_j^2)\,R^\top`} />
      <p className="tl-muted">
        When the factors are mostly smaller than 1 the norm shrinks geometrically with k (a straight falling line on the log scale): the vanishing gradient, why a vanilla RNN struggles
        to learn long-range structure. The LSTM adds a path through its cell state, c<sub>j</sub> = f<sub>j</sub> ⊙ c<sub>j−1</sub> + i<sub>j</sub> ⊙ g<sub>j</sub>, whose factor is the
        forget gate f<sub>j</sub>: near 1, the gradient survives. The chart is computed by backpropagation through time written out by hand (float64, checked against finite differences),
        averaged over 16 windows of held-out text, each after 20 characters of warm-up, for the loss of one character.
      </p>
      <p className="tl-muted">
        <strong>Cell race.</strong> An RNN, a GRU and an LSTM with the same number of units, the same text, seed and training settings each train for the same number of seconds.
        Against time the cheaper cell gets more steps; against characters seen, each step counts the same. The LSTM has four times the RNN’s recurrent weights, the GRU three times.
      </p>
    </div>
  );
}

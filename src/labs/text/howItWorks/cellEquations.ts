// The TeX shown in the "How it works" panel: the chosen cell's equations with the current sizes filled in.
// Only strings built from our own numbers go into TeX — never user text.
import type { CellType, InputEncoding } from '../../../core/text/engine';

export interface EquationSizes {
  cell: CellType;
  layers: number;
  hidden: number;
  input: InputEncoding;
  embedding: number;
  /** 0 while no corpus is loaded: the equations then show the symbol V. */
  vocabSize: number;
  seqLength: number;
}

export interface Equation {
  /** What the line computes, in words. */
  caption: string;
  tex: string;
}

const real = (rows: number | string, cols?: number | string) => (cols === undefined ? `\\mathbb{R}^{${rows}}` : `\\mathbb{R}^{${rows}\\times ${cols}}`);

/** The vocabulary size as TeX: the number, or V before a corpus is known. */
const vocab = (s: EquationSizes) => (s.vocabSize > 0 ? String(s.vocabSize) : 'V');

/** Width of the first layer's input vector x_t, as TeX. */
export function inputWidth(s: EquationSizes): string {
  return s.input === 'embedding' ? String(s.embedding) : vocab(s);
}

function inputEquation(s: EquationSizes): Equation {
  return s.input === 'embedding'
    ? {
        caption: `Each character index c_t picks a row of a learned embedding table (${vocab(s)} characters × ${s.embedding}).`,
        tex: `x_t = E_{c_t,:} \\in ${real(s.embedding)}, \\quad E \\in ${real(vocab(s), s.embedding)}`,
      }
    : {
        caption: `Each character is a one-hot vector over the ${vocab(s)}-character vocabulary.`,
        tex: `x_t = \\mathbf{e}_{c_t} \\in \\{0,1\\}^{${vocab(s)}}`,
      };
}

/** The recurrent cell's own equations (what one fused forward kernel computes per time step). */
export function cellEquations(s: EquationSizes): Equation[] {
  const H = s.hidden;
  const D = inputWidth(s);
  const shapes = `W_{\\ast} \\in ${real(H, D)},\\ U_{\\ast} \\in ${real(H, H)},\\ b_{\\ast} \\in ${real(H)}`;
  switch (s.cell) {
    case 'rnn':
      return [
        {
          caption: 'The new hidden state mixes the input with the previous state and squashes the sum.',
          tex: `h_t = \\tanh\\left(W x_t + U h_{t-1} + b\\right), \\quad W \\in ${real(H, D)},\\ U \\in ${real(H, H)}`,
        },
      ];
    case 'gru':
      return [
        { caption: 'Update gate: how much of the old state to keep (the TensorFlow.js / Keras convention).', tex: `z_t = \\sigma\\left(W_z x_t + U_z h_{t-1} + b_z\\right)` },
        { caption: 'Reset gate: how much of the old state the candidate may see.', tex: `r_t = \\sigma\\left(W_r x_t + U_r h_{t-1} + b_r\\right)` },
        { caption: 'Candidate state.', tex: `\\tilde h_t = \\tanh\\left(W_h x_t + U_h (r_t \\odot h_{t-1}) + b_h\\right)` },
        { caption: 'Blend the old state with the candidate.', tex: `h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde h_t, \\quad ${shapes}` },
      ];
    case 'lstm':
      return [
        {
          caption: 'Input, forget and output gates, and the candidate cell content.',
          tex: `\\begin{aligned} i_t &= \\sigma(W_i x_t + U_i h_{t-1} + b_i) & f_t &= \\sigma(W_f x_t + U_f h_{t-1} + b_f) \\\\ o_t &= \\sigma(W_o x_t + U_o h_{t-1} + b_o) & g_t &= \\tanh(W_g x_t + U_g h_{t-1} + b_g) \\end{aligned}`,
        },
        { caption: 'The cell keeps what the forget gate lets through and adds what the input gate admits.', tex: `c_t = f_t \\odot c_{t-1} + i_t \\odot g_t` },
        { caption: 'The hidden state is a gated view of the cell.', tex: `h_t = o_t \\odot \\tanh(c_t), \\quad ${shapes}` },
      ];
  }
}

function stackEquation(s: EquationSizes): Equation[] {
  if (s.layers <= 1) return [];
  return [
    {
      caption: `With ${s.layers} layers, layer ℓ reads the hidden state of layer ℓ−1 as its input (so its W has ${s.hidden} columns).`,
      tex: `x^{(\\ell)}_t = h^{(\\ell-1)}_t, \\quad \\ell = 2, \\dots, ${s.layers}`,
    },
  ];
}

function outputEquations(s: EquationSizes): Equation[] {
  const V = vocab(s);
  const H = s.hidden;
  const T = s.seqLength;
  return [
    {
      caption: 'The top layer scores every character of the vocabulary; softmax turns scores into probabilities.',
      tex: `p_t = \\operatorname{softmax}\\left(W_y h^{(${s.layers})}_t + b_y\\right) \\in ${real(V)}, \\quad W_y \\in ${real(V, H)}`,
    },
    {
      caption: `Loss: mean surprise of the true next character over the ${T}-character window (nats; divide by ln 2 for bits).`,
      tex: `\\mathcal{L} = -\\frac{1}{${T}} \\sum_{t=1}^{${T}} \\log p_t[c_{t+1}]`,
    },
  ];
}

/** All equations for the panel, in reading order. */
export function equationsFor(s: EquationSizes): Equation[] {
  return [inputEquation(s), ...cellEquations(s), ...stackEquation(s), ...outputEquations(s)];
}

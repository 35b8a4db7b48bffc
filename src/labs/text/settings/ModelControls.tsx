// The model and training settings form. It edits a draft; the lab decides whether a change applies at once
// (no model yet, or the learning rate) or first asks to reset the model.
import type { CellType, InputEncoding, TextOptimizer } from '../../../core/text/engine';
import type { EngineChoice } from '../../../workers/textProtocol';
import { NumberField } from '../../../ui/NumberField';
import { SelectField } from '../../../ui/SelectField';
import { ENGINE_LABELS, TEXT_UI_RANGES, type LabSettings } from './labSettings';
import { describeLrSchedule } from '../../../core/text/lrSchedule';

interface Props {
  draft: LabSettings;
  /** The engine choice can't change while a worker is starting. */
  engineBusy: boolean;
  onChange(next: LabSettings): void;
}

const ENGINES = (Object.keys(ENGINE_LABELS) as EngineChoice[]).map((value) => ({ value, label: ENGINE_LABELS[value] }));
const CELLS: { value: CellType; label: string }[] = [
  { value: 'rnn', label: 'Vanilla RNN' },
  { value: 'gru', label: 'GRU' },
  { value: 'lstm', label: 'LSTM' },
];
const INPUTS: { value: InputEncoding; label: string }[] = [
  { value: 'onehot', label: 'One-hot' },
  { value: 'embedding', label: 'Learned embedding' },
];
const OPTIMIZERS: { value: TextOptimizer; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'rmsprop', label: 'RMSProp' },
  { value: 'adagrad', label: 'Adagrad' },
  { value: 'sgd', label: 'SGD' },
];
const HIDDEN_SIZES = [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024];
const LAYERS = ['1', '2', '3'] as const;

export function ModelControls({ draft, engineBusy, onChange }: Props) {
  const scratch = draft.engine === 'scratch';
  const model = (patch: Partial<LabSettings['model']>) => onChange({ ...draft, model: { ...draft.model, ...patch } });
  const train = (patch: Partial<LabSettings['train']>) => onChange({ ...draft, train: { ...draft.train, ...patch } });
  const hiddenOptions = HIDDEN_SIZES.includes(draft.model.hidden) ? HIDDEN_SIZES : [...HIDDEN_SIZES, draft.model.hidden].sort((a, b) => a - b);

  return (
    <section className="tl-card tl-model" aria-labelledby="tl-model-title">
      <h2 id="tl-model-title">2 · Model &amp; training</h2>
      <div className="tl-grid">
        <SelectField label="Engine" value={draft.engine} options={ENGINES} disabled={engineBusy} testId="text-engine" onChange={(engine) => onChange({ ...draft, engine })} />
        <SelectField
          label="Cell"
          value={draft.model.cell}
          options={CELLS.map((c) => ({ ...c, disabled: scratch && c.value !== 'rnn' }))}
          testId="text-cell"
          onChange={(cell) => model({ cell })}
        />
        <SelectField
          label="Layers"
          value={String(draft.model.layers) as (typeof LAYERS)[number]}
          options={LAYERS.map((v) => ({ value: v, label: v, disabled: scratch && v !== '1' }))}
          testId="text-layers"
          onChange={(v) => model({ layers: Number(v) })}
        />
        <SelectField
          label="Hidden units"
          value={String(draft.model.hidden)}
          options={hiddenOptions.map((h) => ({ value: String(h), label: String(h) }))}
          testId="text-hidden"
          onChange={(v) => model({ hidden: Number(v) })}
        />
        <SelectField
          label="Input"
          value={draft.model.input}
          options={INPUTS.map((i) => ({ ...i, disabled: scratch && i.value !== 'onehot' }))}
          testId="text-input"
          onChange={(input) => model({ input })}
        />
        {draft.model.input === 'embedding' && (
          <NumberField label="Embedding size" value={draft.model.embedding} {...TEXT_UI_RANGES.embedding} testId="text-embedding" onCommit={(embedding) => model({ embedding })} />
        )}
        <NumberField
          label="Dropout"
          value={draft.model.dropout}
          {...TEXT_UI_RANGES.dropout}
          step={0.05}
          integer={false}
          disabled={scratch}
          testId="text-dropout"
          onCommit={(dropout) => model({ dropout })}
        />
        <NumberField label="BPTT window (characters)" value={draft.train.seqLength} {...TEXT_UI_RANGES.seqLength} testId="text-window" onCommit={(seqLength) => train({ seqLength })} />
        <NumberField label="Batch size" value={draft.train.batchSize} {...TEXT_UI_RANGES.batchSize} testId="text-batch" onCommit={(batchSize) => train({ batchSize })} />
        <SelectField label="Optimizer" value={draft.train.optimizer} options={OPTIMIZERS} testId="text-optimizer" onChange={(optimizer) => train({ optimizer })} />
        <NumberField
          label="Learning rate"
          value={draft.train.learningRate}
          {...TEXT_UI_RANGES.learningRate}
          step="any"
          integer={false}
          hint={`Changes apply live. ${describeLrSchedule(draft.train.lrSchedule, draft.train.learningRate)}`.trim()}
          testId="text-lr"
          onCommit={(learningRate) => train({ learningRate })}
        />
        <NumberField
          label="Gradient clip (norm, 0 = off)"
          value={draft.train.clipNorm}
          {...TEXT_UI_RANGES.clipNorm}
          step="any"
          integer={false}
          testId="text-clip"
          onCommit={(clipNorm) => train({ clipNorm })}
        />
      </div>
      {scratch && <p className="tl-hint">The from-scratch engine is min-char-rnn: one vanilla RNN layer on one-hot input, written in plain JavaScript.</p>}
    </section>
  );
}

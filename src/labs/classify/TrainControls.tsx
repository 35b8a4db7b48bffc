// Network and training controls, the run buttons, the live numbers and the share link.
import type { Activation, Optimizer, Reduction } from '../../core/mlp/types';
import type { ClassifyEngineId } from '../../workers/classifyProtocol';
import { useEmbed } from '../../ui/EmbedContext';
import { ShareDialog } from '../../ui/ShareDialog';
import { RATES, type LabState, type NetSettings } from './labState';
import { stateToLinkParam } from './stateCodec';
import type { RunStatus } from './useTrainer';

interface Props {
  net: NetSettings;
  onChange: (net: NetSettings) => void;
  running: boolean;
  canTrain: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  status: RunStatus | undefined;
  state: LabState;
}

const ENGINES: { id: ClassifyEngineId; label: string }[] = [
  { id: 'scratch', label: 'From scratch (JavaScript, Float64)' },
  { id: 'tfjs-cpu', label: 'TensorFlow.js autodiff — CPU' },
  { id: 'tfjs-wasm', label: 'TensorFlow.js autodiff — WASM' },
  { id: 'tfjs-webgl', label: 'TensorFlow.js autodiff — WebGL' },
  { id: 'tfjs-webgpu', label: 'TensorFlow.js autodiff — WebGPU' },
];

const fmt = (v: number | undefined, digits = 4) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));

export function TrainControls({ net, onChange, running, canTrain, onPlay, onPause, onStep, onReset, status, state }: Props) {
  const set = <K extends keyof NetSettings>(key: K, value: NetSettings[K]) => onChange({ ...net, [key]: value });
  const m = status?.metrics;
  const { embed, shows } = useEmbed();

  return (
    <div className="panel train-controls">
      <h2>Network &amp; training</h2>
      <div className="run-buttons">
        {shows('train') && <>
        {running ? (
          <button className="primary" onClick={onPause} data-testid="pause">Pause</button>
        ) : (
          <button className="primary" onClick={onPlay} disabled={!canTrain} data-testid="play">Train</button>
        )}
        <button onClick={onStep} disabled={!canTrain} data-testid="step">Step</button>
        <button onClick={onReset} data-testid="reset">Reset weights</button>
        </>}
        {!embed && <ShareDialog lab="classify" title="Classify lab: a neural network learns a decision boundary" defaultHeight={820} setup={() => ({ params: { s: stateToLinkParam(state) } })} />}
      </div>
      <dl className="live-numbers">
        <div><dt>Iteration</dt><dd data-testid="iteration">{status?.iteration ?? 0}</dd></div>
        <div><dt>Train loss</dt><dd data-testid="train-loss">{fmt(m?.trainLoss)}</dd></div>
        <div><dt>Train accuracy</dt><dd data-testid="train-accuracy">{fmt(m?.trainAccuracy, 3)}</dd></div>
        <div><dt>Test loss</dt><dd>{fmt(m?.testLoss)}</dd></div>
        <div><dt>Test accuracy</dt><dd>{fmt(m?.testAccuracy, 3)}</dd></div>
        <div><dt>Engine</dt><dd data-testid="engine-backend">{status?.backend ?? '…'}</dd></div>
      </dl>
      {status?.note && <p className="muted" data-testid="engine-note">{status.note}</p>}
      {shows('settings') && <div className="form-grid">
        <label>
          Engine
          <select value={net.engine} onChange={(e) => set('engine', e.target.value as ClassifyEngineId)} data-testid="engine-select">
            {ENGINES.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
          </select>
        </label>
        <label>
          Hidden units <output>{net.hidden}</output>
          <input type="range" min={1} max={200} value={net.hidden} onChange={(e) => set('hidden', Number(e.target.value))} data-testid="hidden-size" />
        </label>
        <label>
          Activation
          <select value={net.activation} onChange={(e) => set('activation', e.target.value as Activation)} data-testid="activation">
            <option value="tanh">tanh</option>
            <option value="relu">ReLU</option>
            <option value="sigmoid">sigmoid</option>
          </select>
        </label>
        <label>
          Learning rate (ε)
          <input type="number" min={0} step="any" value={net.learningRate} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set('learningRate', e.target.valueAsNumber)} data-testid="learning-rate" />
        </label>
        <label>
          L2 strength (λ)
          <input type="number" min={0} step="any" value={net.reg} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set('reg', e.target.valueAsNumber)} data-testid="reg" />
        </label>
        <label>
          Optimizer
          <select value={net.optimizer} onChange={(e) => set('optimizer', e.target.value as Optimizer)} data-testid="optimizer">
            <option value="sgd">Gradient descent</option>
            <option value="momentum">Momentum (0.9)</option>
            <option value="adam">Adam</option>
          </select>
        </label>
        <label>
          Batch
          <select value={net.batchMode} onChange={(e) => set('batchMode', e.target.value as 'full' | 'mini')} data-testid="batch-mode">
            <option value="full">Full batch (the tutorial)</option>
            <option value="mini">Mini-batches</option>
          </select>
        </label>
        {net.batchMode === 'mini' && (
          <label>
            Batch size
            <input type="number" min={1} max={5000} step={1} value={net.batchSize} onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 1 && set('batchSize', e.target.valueAsNumber)} />
          </label>
        )}
        <label>
          Gradient
          <select value={net.reduction} onChange={(e) => set('reduction', e.target.value as Reduction)} data-testid="reduction">
            <option value="sum">Summed over examples (the tutorial)</option>
            <option value="mean">Mean over the batch</option>
          </select>
        </label>
        <label>
          Pace
          <select value={net.rate} onChange={(e) => set('rate', Number(e.target.value))} data-testid="pace">
            {RATES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </label>
        <label>
          Init seed
          <input type="number" min={0} step={1} value={net.initSeed} onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 0 && set('initSeed', e.target.valueAsNumber)} />
        </label>
      </div>}
    </div>
  );
}

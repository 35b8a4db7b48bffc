// Units over text: pick a text, a layer, what to show (h, c, a gate) and a unit; the text is coloured by
// that unit's value after each character, with the unit's most active contexts below. The probe
// (ProbePanel) ranks the units by how well they follow a pattern; choosing one shows it here.
import { useId, useMemo } from 'react';
import { CELL_CHANNELS, unitColumn, type TraceChannel } from '../../../core/text/inside/trace';
import type { CellType } from '../../../core/text/engine';
import { downloadText } from '../../../ui/download';
import { SelectField } from '../../../ui/SelectField';
import { unitValuesCsv } from './insideCsv';
import { ProbePanel } from './ProbePanel';
import { TopContexts } from './TopContexts';
import type { InspectState, SourceKind } from './useInspect';
import { CHANNEL_LABELS, colourScale } from './unitColor';
import { UnitText } from './UnitText';

interface Props {
  inspect: InspectState;
  cell: CellType;
  layers: number;
  enabled: boolean;
  training: boolean;
}

const SOURCES: { value: SourceKind; label: string }[] = [
  { value: 'valid', label: 'validation text' },
  { value: 'sample', label: 'latest training sample' },
  { value: 'typed', label: 'my own text' },
];

export function UnitsPanel({ inspect, cell, layers, enabled, training }: Props) {
  const typedId = useId();
  const { inputs, update, unit, setUnit, result, error, running } = inspect;
  const hidden = result?.hidden ?? 0;
  const chars = useMemo(() => [...(result?.text ?? '')], [result?.text]);
  const column = useMemo(() => (result ? unitColumn(result.values, result.hidden, unit) : new Float32Array(0)), [result, unit]);
  const { lo, hi } = useMemo(() => colourScale(result?.channel ?? 'h', column), [result?.channel, column]);
  const step = (delta: number) => hidden > 0 && setUnit((unit + delta + hidden) % hidden);
  const channels = CELL_CHANNELS[cell];
  const channel = channels.includes(inputs.channel) ? inputs.channel : 'h';
  const describe = result && `Text coloured by unit ${unit} of layer ${result.layer + 1} (${result.channel}), at step ${result.step.toLocaleString('en-US')}. Left and right arrows, or j and k, step through the ${hidden} units.`;

  return (
    <div className="tl-in-units">
      <h3>Units over text</h3>
      <p className="tl-muted">
        Each character’s background shows one unit’s value just after the network read it: red positive, blue negative (tanh values), green an open gate. Step through the units to find
        one that tracks something — quotes, line length, word ends.
      </p>
      <div className="tl-row tl-in-controls">
        <SelectField label="Text" value={inputs.source} options={SOURCES} onChange={(source) => update({ source })} testId="inside-source" />
        {layers > 1 && (
          <SelectField
            label="Layer"
            value={String(inputs.layer)}
            options={Array.from({ length: layers }, (_, l) => ({ value: String(l), label: `layer ${l + 1}` }))}
            onChange={(v) => update({ layer: Number(v) })}
            testId="inside-layer"
          />
        )}
        <SelectField<TraceChannel> label="Show" value={channel} options={channels.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} onChange={(c) => update({ channel: c })} testId="inside-channel" />
      </div>
      {inputs.source === 'typed' && (
        <div className="tl-in-typed">
          <label htmlFor={typedId} className="tl-label">
            Your text (up to 2,000 characters; characters the model has never seen are skipped)
          </label>
          <textarea id={typedId} className="tl-textarea" rows={3} value={inputs.typed} spellCheck={false} onChange={(e) => update({ typed: e.currentTarget.value })} data-testid="inside-typed" />
          <button type="button" onClick={() => void inspect.run()} disabled={!enabled || running} data-testid="inside-show">
            Show
          </button>
        </div>
      )}
      <div className="tl-row tl-in-unitbar">
        <button type="button" onClick={() => step(-1)} disabled={hidden === 0} aria-label="previous unit">
          ←
        </button>
        <span aria-live="polite" data-testid="inside-unit">
          {hidden > 0 ? `unit ${unit} of ${hidden}` : 'no units yet'}
        </span>
        <button type="button" onClick={() => step(1)} disabled={hidden === 0} aria-label="next unit">
          →
        </button>
        <label className="tl-in-check">
          <input type="checkbox" checked={inspect.live} onChange={(e) => inspect.setLive(e.currentTarget.checked)} /> update while training
        </label>
        {!training && (
          <button type="button" onClick={() => void inspect.run()} disabled={!enabled || running} data-testid="inside-refresh">
            Refresh
          </button>
        )}
        {result && (
          <button type="button" className="tl-link" onClick={() => downloadText(`unit-${result.layer + 1}-${result.channel}-${unit}.csv`, unitValuesCsv(result.text, column), 'text/csv')} data-testid="inside-export-unit">
            Export CSV
          </button>
        )}
      </div>
      {!enabled && <p className="tl-muted">Train or load a model first.</p>}
      {error && (
        <p className="tl-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <>
          <p className="tl-hint" data-testid="inside-source-note">
            {result.sourceNote}, step {result.step.toLocaleString('en-US')} · colour scale {lo.toFixed(lo === 0 ? 0 : 2)} … {hi.toFixed(hi === 1 ? 0 : 2)}
          </p>
          <UnitText chars={chars} column={column} lo={lo} hi={hi} label={describe ?? ''} onStep={step} />
          <h4>Where unit {unit} is most active</h4>
          <TopContexts chars={chars} column={column} lo={lo} hi={hi} />
        </>
      )}
      <ProbePanel inspect={inspect} enabled={enabled} />
    </div>
  );
}

// Dataset controls: presets and their sliders, the drawing tools, undo/redo/clear, the train/test split and
// CSV import/export.
import { useRef } from 'react';
import { defaultOptions, parsePointsCsv, pointsToCsv, PRESETS, type DatasetPreset, type Point } from '../../core/datasets';
import { downloadText } from '../../ui/download';
import { CLASS_COLORS, CLASS_NAMES } from './colors';
import type { DataSpec } from './labState';
import type { Tool } from './PlaneView';

interface Props {
  spec: DataSpec;
  preset: DatasetPreset | undefined;
  points: Point[];
  pointCount: number;
  tool: Tool;
  onTool: (t: Tool) => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onClear: () => void;
  onPreset: (spec: DataSpec) => void;
  onSplit: (testFraction: number) => void;
  onImport: (points: Point[], warnings: string[]) => void;
  onError: (message: string) => void;
}

/** Files above this are refused before reading (the parser has its own, finer limits). */
const MAX_CSV_BYTES = 5_000_000;

export function DataControls(props: Props) {
  const { spec, preset } = props;
  const fileRef = useRef<HTMLInputElement>(null);
  const shown = preset ?? PRESETS[0];

  const choosePreset = (id: string) => {
    const p = PRESETS.find((q) => q.id === id);
    if (!p) return;
    props.onPreset({ ...spec, preset: p.id, ...defaultOptions(p) });
  };
  const change = (patch: Partial<DataSpec>) => props.onPreset({ ...spec, preset: shown.id, ...patch });

  const importFile = async (file: File) => {
    if (file.size > MAX_CSV_BYTES) {
      props.onError(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; CSV files up to ${MAX_CSV_BYTES / 1e6} MB are accepted. Your points were kept.`);
      return;
    }
    const result = parsePointsCsv(await file.text());
    if (!result.ok) props.onError(`Could not import “${file.name}”: ${result.error} Your points were kept.`);
    else if (result.points.length === 0) props.onError(`“${file.name}” has no points. Your points were kept.`);
    else props.onImport(result.points, result.warnings);
  };

  return (
    <div className="panel data-controls">
      <h2>Data</h2>
      <div className="row">
        <label>
          Dataset
          <select value={preset ? preset.id : 'drawn'} onChange={(e) => choosePreset(e.target.value)} data-testid="preset-select">
            {!preset && <option value="drawn">Your drawing</option>}
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id} title={p.description}>{p.label}</option>
            ))}
          </select>
        </label>
        <button onClick={() => change({ seed: (spec.seed + 1) >>> 0 })} title="Same settings, new random points">Regenerate</button>
        <span className="muted" data-testid="point-count">{props.pointCount} points</span>
      </div>
      <div className="row sliders">
        <label>
          Points <output>{spec.count}</output>
          <input type="range" min={shown.minCount} max={shown.maxCount} step={10} value={spec.count} onChange={(e) => change({ count: Number(e.target.value) })} />
        </label>
        <label>
          Noise <output>{spec.noise.toFixed(2)}</output>
          <input type="range" min={0} max={shown.maxNoise} step={0.01} value={spec.noise} onChange={(e) => change({ noise: Number(e.target.value) })} />
        </label>
        <label>
          Classes <output>{spec.classes}</output>
          <input type="range" min={shown.minClasses} max={shown.maxClasses} step={1} value={Math.min(shown.maxClasses, spec.classes)} disabled={shown.minClasses === shown.maxClasses} onChange={(e) => change({ classes: Number(e.target.value) })} />
        </label>
        <label>
          Test split <output>{Math.round(spec.testFraction * 100)}%</output>
          <input type="range" min={0} max={0.5} step={0.05} value={spec.testFraction} onChange={(e) => props.onSplit(Number(e.target.value))} data-testid="test-split" />
        </label>
      </div>
      <fieldset className="row tools">
        <legend>Draw (keys 1–6, E erases; right-click erases too)</legend>
        {CLASS_COLORS.map((color, k) => (
          <button
            key={k}
            className="swatch"
            style={{ background: color }}
            aria-pressed={props.tool.kind === 'add' && props.tool.label === k}
            aria-label={`Draw class ${k + 1} (${CLASS_NAMES[k]})`}
            title={`Class ${k + 1} (${CLASS_NAMES[k]}) — key ${k + 1}`}
            onClick={() => props.onTool({ kind: 'add', label: k })}
            data-testid={`tool-class-${k}`}
          >
            {k + 1}
          </button>
        ))}
        <button aria-pressed={props.tool.kind === 'erase'} onClick={() => props.onTool({ kind: 'erase' })} data-testid="tool-erase">Eraser</button>
        <button onClick={props.onUndo} disabled={!props.canUndo} title="Ctrl+Z" data-testid="undo">Undo</button>
        <button onClick={props.onRedo} disabled={!props.canRedo} title="Ctrl+Shift+Z" data-testid="redo">Redo</button>
        <button onClick={props.onClear} disabled={props.pointCount === 0} data-testid="clear">Clear</button>
      </fieldset>
      <div className="row">
        <button onClick={() => downloadText('points.csv', pointsToCsv(props.points), 'text/csv')} data-testid="csv-export">Export CSV</button>
        <button onClick={() => fileRef.current?.click()} data-testid="csv-import">Import CSV…</button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,text/csv,text/plain"
          hidden
          data-testid="csv-file"
          aria-label="CSV file with x,y,label rows"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
    </div>
  );
}

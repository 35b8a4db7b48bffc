// Loss curves (smoothed training loss, raw minibatch loss, validation loss) with a nats ↔ bits toggle and an
// x-axis of steps or seconds of training, and the read-outs: step, loss, validation loss, characters per
// second, characters seen, elapsed time.
import { useMemo, useState } from 'react';
import { LineChart, type Series } from '../../../ui/LineChart';
import { convertLoss, convertPoints, rescaleX, type LossAxis, type LossUnit } from './lossSeries';
import { formatCompact, formatCount, formatDuration } from '../format';
import type { SessionState } from '../session/sessionState';
import './training.css';

interface Props {
  state: SessionState;
  unit: LossUnit;
  onUnitChange(unit: LossUnit): void;
}

export function TrainingCharts({ state, unit, onUnitChange }: Props) {
  const { trainCurve, rawCurve, validCurve, clock, progress, model } = state;
  const [axis, setAxis] = useState<LossAxis>('step');
  const series = useMemo<Series[]>(() => {
    const x = (points: typeof trainCurve) => (axis === 'time' ? rescaleX(points, clock) : points);
    const out: Series[] = [];
    if (rawCurve.length > 0) out.push({ name: 'training (minibatch)', color: '#a6cee3', points: convertPoints(x(rawCurve), unit) });
    out.push({ name: 'training (smoothed)', color: '#0072b2', points: convertPoints(x(trainCurve), unit) });
    if (validCurve.length > 0) out.push({ name: 'validation', color: '#d55e00', points: convertPoints(x(validCurve), unit), dashed: true });
    return out;
  }, [trainCurve, rawCurve, validCurve, clock, unit, axis]);
  // Every window predicts each of its characters once: batch × window characters per step.
  const charsSeen = model ? state.step * model.train.batchSize * model.train.seqLength : undefined;

  const unitLabel = unit === 'bits' ? 'bits/char' : 'nats/char';
  const fmtLoss = (nats: number | undefined) => (nats === undefined || !Number.isFinite(nats) ? '—' : convertLoss(nats, unit).toFixed(3));
  const lastValid = validCurve[validCurve.length - 1];

  return (
    <section className="tl-card tl-charts" aria-labelledby="tl-charts-title">
      <div className="tl-card-head">
        <h2 id="tl-charts-title">Loss</h2>
        <div className="tl-toggle" role="radiogroup" aria-label="Loss unit">
          {(['nats', 'bits'] as const).map((u) => (
            <label key={u}>
              <input type="radio" name="tl-loss-unit" value={u} checked={unit === u} onChange={() => onUnitChange(u)} data-testid={`text-unit-${u}`} />
              {u === 'bits' ? 'bits per char' : 'nats per char'}
            </label>
          ))}
        </div>
        <div className="tl-toggle" role="radiogroup" aria-label="Loss chart x-axis">
          {(['step', 'time'] as const).map((a) => (
            <label key={a}>
              <input type="radio" name="tl-loss-axis" value={a} checked={axis === a} onChange={() => setAxis(a)} data-testid={`text-axis-${a}`} />
              {a === 'step' ? 'by step' : 'by time'}
            </label>
          ))}
        </div>
      </div>
      <dl className="tl-kv tl-readouts">
        <div>
          <dt>Step</dt>
          <dd data-testid="text-step">{formatCount(state.step)}</dd>
        </div>
        <div>
          <dt>Loss ({unitLabel})</dt>
          <dd data-testid="text-loss" data-nats={progress?.loss ?? ''}>
            {fmtLoss(progress?.loss ?? trainCurve[trainCurve.length - 1]?.[1])}
          </dd>
        </div>
        <div>
          <dt>Validation</dt>
          <dd data-testid="text-valid-loss">
            {fmtLoss(lastValid?.[1])}
            {lastValid && lastValid[0] !== state.step && <small className="tl-muted"> at step {formatCount(lastValid[0])}</small>}
          </dd>
        </div>
        <div>
          <dt>Characters / s</dt>
          <dd data-testid="text-speed">{progress ? formatCompact(progress.charsPerSec) : '—'}</dd>
        </div>
        <div>
          <dt>Characters seen</dt>
          <dd data-testid="text-chars-seen">{charsSeen !== undefined ? formatCompact(charsSeen) : '—'}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd data-testid="text-elapsed">{progress ? formatDuration(progress.elapsedMs / 1000) : '—'}</dd>
        </div>
        {model?.baselineLoss !== undefined && (
          <div>
            <dt>Uniform guess</dt>
            <dd>{fmtLoss(model.baselineLoss)}</dd>
          </div>
        )}
      </dl>
      {trainCurve.length > 0 ? (
        <LineChart series={series} xLabel={axis === 'time' ? 'seconds of training' : 'step'} yLabel={unitLabel} ariaLabel={`Training and validation loss in ${unitLabel} by ${axis === 'time' ? 'seconds of training' : 'step'}`} height={220} width={560} testId="text-loss-chart" />
      ) : (
        <p className="tl-muted tl-empty-chart">The loss curve appears here once training starts.</p>
      )}
    </section>
  );
}

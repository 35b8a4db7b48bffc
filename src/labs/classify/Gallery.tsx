// The tutorial's figure, live: the same data and settings with hidden layers of 1, 2, 3, 4, 5, 20 and 50
// units, each trained for the tutorial's 20,000 passes. The seven networks share one background worker (apart
// from the lab's own), which trains them in turns of short bursts, so the page stays responsive.
import { useEffect, useState } from 'react';
import type { Extent, Point } from '../../core/datasets';
import { toLabelled } from './derive';
import type { NetSettings } from './labState';
import { PlaneView } from './PlaneView';
import { useTrainer } from './useTrainer';
import { useTrainSettings } from './useTrainSettings';

const SIZES = [1, 2, 3, 4, 5, 20, 50] as const;
const PASSES = 20_000;
const NO_TOOL = { kind: 'erase' } as const;
const noop = () => {};

interface Props {
  train: Point[];
  net: NetSettings;
  classes: number;
  extent: Extent;
  points: Point[];
  testPoints: ReadonlySet<Point>;
}

export function Gallery({ train, net, classes, extent, points, testPoints }: Props) {
  const [active, setActive] = useState(false);
  return (
    <section className="panel gallery" data-testid="gallery">
      <h2>Hidden layer size, side by side</h2>
      <p className="muted">
        The tutorial’s figure: the same data and settings, {SIZES.join(', ')} hidden units, {PASSES.toLocaleString('en-US')} passes each.
        Small layers underfit; large ones bend around single points.
      </p>
      {active ? (
        <GalleryRuns train={train} net={net} classes={classes} extent={extent} points={points} testPoints={testPoints} />
      ) : (
        <button className="primary" onClick={() => setActive(true)} data-testid="gallery-start">Train all seven</button>
      )}
    </section>
  );
}

function GalleryRuns({ train, net, classes, extent, points, testPoints }: Props) {
  const trainer = useTrainer();
  const { requests, clearHistory } = trainer;
  // The runs restart when what they are built or trained from changes — not when the lab's own network
  // changes size, engine or pace.
  const { activation, initSeed: seed } = net;
  const settings = useTrainSettings(net);

  useEffect(() => {
    requests.setData(toLabelled(train), toLabelled([]));
  }, [requests, train]);

  useEffect(() => {
    for (const h of SIZES) {
      const run = `h${h}`;
      clearHistory(run);
      // The gallery always uses the from-scratch engine: seven small networks, many passes.
      requests.setup(run, { engine: 'scratch', hidden: h, classes, activation, settings, seed });
      requests.play(run, { untilIteration: PASSES });
    }
  }, [requests, clearHistory, activation, seed, settings, classes, train]);

  return (
    <div className="gallery-grid">
      {SIZES.map((h) => {
        const s = trainer.status.get(`h${h}`);
        return (
          <figure key={h} className="gallery-panel" data-testid={`gallery-panel-${h}`}>
            <PlaneView
              points={points}
              testPoints={testPoints}
              extent={extent}
              activation={net.activation}
              snapshots={trainer.snapshots}
              run={`h${h}`}
              hoveredUnit={null}
              tool={NO_TOOL}
              onStrokeStart={noop}
              onAdd={noop}
              onErase={noop}
              size={150}
              resolution={50}
              interactive={false}
              label={`Decision boundary with ${h} hidden unit${h === 1 ? '' : 's'}`}
            />
            <figcaption>
              <strong>{h}</strong> hidden · {s ? `${s.iteration.toLocaleString('en-US')} passes` : 'starting…'}
              {s?.metrics && ` · loss ${s.metrics.trainLoss.toFixed(3)}`}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}

// The views of "Inside the network" (units and probe, gradients through time, the cell race), as one lazy
// chunk: InsideSection loads it the first time the section is opened, so a first visit does not download them.
import type { CellType } from '../../../core/text/engine';
import { RacePanel } from './RacePanel';
import { TimeGradientsPanel } from './TimeGradientsPanel';
import type { TimeGradientsState } from './useTimeGradients';
import type { InspectState } from './useInspect';
import { UnitsPanel } from './UnitsPanel';

interface Props {
  inspect: InspectState;
  grads: TimeGradientsState;
  race: Parameters<typeof RacePanel>[0];
  cell: CellType;
  layers: number;
  enabled: boolean;
  training: boolean;
}

export default function InsideViews({ inspect, grads, race, cell, layers, enabled, training }: Props) {
  return (
    <>
      <UnitsPanel inspect={inspect} cell={cell} layers={layers} enabled={enabled} training={training} />
      <TimeGradientsPanel grads={grads} enabled={enabled} training={training} />
      <RacePanel {...race} />
    </>
  );
}

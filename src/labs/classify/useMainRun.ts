// Keeps the worker's copy of the lab's network ("main" run) in step with the page: the data split, the
// network's shape (a new shape, or a reset, builds new weights), the training settings (applied to the
// running weights), and whether it trains.
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { Point } from '../../core/datasets';
import type { TrainSettings } from '../../core/mlp/types';
import { toLabelled, type NetworkShape } from './derive';
import type { NetSettings } from './labState';
import type { Trainer } from './useTrainer';
import { useTrainSettings } from './useTrainSettings';

/** The worker's name for the lab's network (the gallery's are 'h1', 'h2', …). */
export const MAIN_RUN = 'main';

interface Args {
  split: { train: Point[]; test: Point[] };
  net: NetSettings;
  classes: number;
  /** Train now (wanted, the data is usable and the lab is on screen); otherwise paused. */
  training: boolean;
}

export interface MainRun {
  /** What the current weights were built from. */
  shape: NetworkShape;
  settings: TrainSettings;
  /** New weights of the same shape. */
  reset: () => void;
}

export function useMainRun({ requests, clearHistory }: Pick<Trainer, 'requests' | 'clearHistory'>, { split, net, classes, training }: Args): MainRun {
  const [resets, setResets] = useState(0);
  // One object per shape, so the build effect runs when the shape changes and not on every settings edit.
  const { engine, hidden, activation, initSeed } = net;
  const shape = useMemo<NetworkShape>(() => ({ engine, hidden, classes, activation, seed: initSeed }), [engine, hidden, classes, activation, initSeed]);
  const settings = useTrainSettings(net);

  useEffect(() => {
    requests.setData(toLabelled(split.train), toLabelled(split.test));
  }, [requests, split]);

  // A build starts with the settings of that moment; later edits go through the settings effect below.
  const build = useEffectEvent((target: NetworkShape) => {
    clearHistory(MAIN_RUN);
    requests.setup(MAIN_RUN, { ...target, settings });
  });
  useEffect(() => build(shape), [shape, resets]);

  useEffect(() => {
    requests.settings(MAIN_RUN, settings);
  }, [requests, settings]);

  // After a build the run is paused: play again (this effect follows the build effect, so it runs after it).
  useEffect(() => {
    if (training) requests.play(MAIN_RUN, { rate: net.rate });
    else requests.pause(MAIN_RUN);
  }, [requests, training, shape, resets, net.rate]);

  return { shape, settings, reset: () => setResets((r) => r + 1) };
}

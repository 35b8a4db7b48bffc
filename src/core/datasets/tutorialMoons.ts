// The tutorial's dataset: `np.random.seed(0); X, y = sklearn.datasets.make_moons(200, noise=0.20)`.

import { makeMoons } from './moons';
import type { Dataset, GeneratorOptions } from './types';

export const TUTORIAL_MOONS = { count: 200, noise: 0.2, seed: 0 } as const;

/** Exactly the tutorial's 200 points (checked against NumPy/scikit-learn output in the tests). */
export function tutorialMoons(): Dataset {
  return makeMoons(TUTORIAL_MOONS.count, TUTORIAL_MOONS.noise, TUTORIAL_MOONS.seed);
}

/** True when the options are the tutorial's own (so the UI can say "the tutorial's data"). */
export function isTutorialMoons(opts: Pick<GeneratorOptions, 'count' | 'noise' | 'seed'>): boolean {
  return opts.count === TUTORIAL_MOONS.count && opts.noise === TUTORIAL_MOONS.noise && opts.seed === TUTORIAL_MOONS.seed;
}

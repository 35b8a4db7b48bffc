// The dataset picker's menu: every generator with the ranges and defaults its controls should offer.

import { blobs } from './blobs';
import { circles } from './circles';
import { moons } from './moons';
import { spirals } from './spirals';
import { TUTORIAL_MOONS } from './tutorialMoons';
import type { Generator, GeneratorOptions } from './types';
import { xor } from './xor';

export type PresetId = 'tutorial-moons' | 'moons' | 'circles' | 'xor' | 'blobs' | 'spirals';

export interface DatasetPreset {
  id: PresetId;
  label: string;
  /** One sentence for a tooltip. */
  description: string;
  minClasses: number;
  maxClasses: number;
  defaultClasses: number;
  defaultCount: number;
  /** Slider range for the number of points. */
  minCount: number;
  maxCount: number;
  defaultNoise: number;
  /** Slider maximum for noise (data units; the plotting window is about [-2.5, 2.5]²). */
  maxNoise: number;
  defaultSeed: number;
  generate: Generator;
}

const COUNT_RANGE = { minCount: 20, maxCount: 2000 } as const;

export const PRESETS: readonly DatasetPreset[] = [
  {
    id: 'tutorial-moons',
    label: 'Tutorial moons',
    description:
      "The tutorial's data: np.random.seed(0); make_moons(200, noise=0.20). Change a slider to draw new moons.",
    minClasses: 2,
    maxClasses: 2,
    defaultClasses: 2,
    defaultCount: TUTORIAL_MOONS.count,
    ...COUNT_RANGE,
    defaultNoise: TUTORIAL_MOONS.noise,
    maxNoise: 0.5,
    defaultSeed: TUTORIAL_MOONS.seed,
    // With the defaults this is exactly tutorialMoons(); other settings give make_moons with them.
    generate: moons,
  },
  {
    id: 'moons',
    label: 'Moons',
    description: 'Two interleaving half circles (scikit-learn make_moons).',
    minClasses: 2,
    maxClasses: 2,
    defaultClasses: 2,
    defaultCount: 300,
    ...COUNT_RANGE,
    defaultNoise: 0.1,
    maxNoise: 0.5,
    defaultSeed: 1,
    generate: moons,
  },
  {
    id: 'circles',
    label: 'Circles',
    description: 'Concentric rings, one per class: separable by distance from the centre.',
    minClasses: 2,
    maxClasses: 6,
    defaultClasses: 2,
    defaultCount: 300,
    ...COUNT_RANGE,
    defaultNoise: 0.1,
    maxNoise: 0.4,
    defaultSeed: 1,
    generate: circles,
  },
  {
    id: 'xor',
    label: 'XOR',
    description: 'Opposite quadrants share a class: no single line separates them.',
    minClasses: 2,
    maxClasses: 2,
    defaultClasses: 2,
    defaultCount: 300,
    ...COUNT_RANGE,
    defaultNoise: 0.1,
    maxNoise: 0.5,
    defaultSeed: 1,
    generate: xor,
  },
  {
    id: 'blobs',
    label: 'Gaussian blobs',
    description: 'One Gaussian cluster per class; noise is the spread of each cluster.',
    minClasses: 2,
    maxClasses: 6,
    defaultClasses: 3,
    defaultCount: 300,
    ...COUNT_RANGE,
    defaultNoise: 0.35,
    maxNoise: 0.8,
    defaultSeed: 1,
    generate: blobs,
  },
  {
    id: 'spirals',
    label: 'Spirals',
    description: 'Interleaved spiral arms, one per class: needs a wider hidden layer.',
    minClasses: 2,
    maxClasses: 6,
    defaultClasses: 2,
    defaultCount: 400,
    ...COUNT_RANGE,
    defaultNoise: 0.08,
    maxNoise: 0.3,
    defaultSeed: 1,
    generate: spirals,
  },
];

export function findPreset(id: string): DatasetPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The options a preset starts with. */
export function defaultOptions(preset: DatasetPreset): GeneratorOptions {
  return {
    count: preset.defaultCount,
    noise: preset.defaultNoise,
    classes: preset.defaultClasses,
    seed: preset.defaultSeed,
  };
}

export type { Rng } from './rng';
export { normalizeSeed, shuffleInPlace } from './rng';
export { MT19937, createRng } from './mt19937';

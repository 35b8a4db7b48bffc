// One colour per engine (Okabe–Ito, readable with colour-vision deficiencies).
import type { SpeedEngine } from '../../core/bench/tasks';

export const ENGINE_COLORS: Record<SpeedEngine, string> = {
  scratch: '#555555',
  cpu: '#E69F00',
  wasm: '#009E73',
  webgl: '#0072B2',
  webgpu: '#CC79A7',
  'webgpu-ops': '#D55E00',
};

// The fused forward kernels' source files as text, loaded when the reader opens "On the GPU" (a chunk of a
// few KB; TensorFlow.js itself stays in the workers). wgslSource.ts turns them into the shader that runs.
import type { CellType } from '../../../core/text/engine';

export interface KernelSources {
  /** Each cell's forward kernel module (rnnForward.ts, gruForward.ts, lstmForward.ts). */
  forward: Record<CellType, string>;
  /** program.ts, for the shared WGSL helpers. */
  program: string;
  /** The kernel module paths, for the caption. */
  paths: Record<CellType, string>;
}

export const KERNEL_PATHS: Record<CellType, string> = {
  rnn: 'src/core/text/webgpu/rnnForward.ts',
  gru: 'src/core/text/webgpu/gruForward.ts',
  lstm: 'src/core/text/webgpu/lstmForward.ts',
};

let loading: Promise<KernelSources> | undefined;

export function loadKernelSources(): Promise<KernelSources> {
  loading ??= Promise.all([
    import('../../../core/text/webgpu/rnnForward.ts?raw'),
    import('../../../core/text/webgpu/gruForward.ts?raw'),
    import('../../../core/text/webgpu/lstmForward.ts?raw'),
    import('../../../core/text/webgpu/program.ts?raw'),
  ]).then(([rnn, gru, lstm, program]) => ({
    forward: { rnn: rnn.default, gru: gru.default, lstm: lstm.default },
    program: program.default,
    paths: KERNEL_PATHS,
  }));
  loading.catch(() => (loading = undefined)); // a failed fetch is tried again next time
  return loading;
}

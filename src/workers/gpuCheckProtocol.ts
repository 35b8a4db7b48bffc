// Messages between the GPU self-check page (src/debug/gpuCheck.ts) and its worker (gpuCheck.worker.ts).
import type { AgreementResult, DispatchResult, EngineResult, FiniteResult, MemoryResult } from '../core/text/webgpu/check/fusedChecks';
import type { OptimizerResult } from '../core/text/webgpu/check/optimizerChecks';
import type { CellType } from '../core/text/engine';
import type { BackendReport } from './textProtocol';

/**
 * What to run: the correctness suite (the fused optimiser, agreement, finite differences, memory), the
 * optimiser check alone, timing, or dispatch counting.
 */
export type GpuCheckRequest =
  | { type: 'correctness'; cells: CellType[] }
  | { type: 'optimizer' }
  | { type: 'timing'; cells: CellType[]; hidden: number; batch: number; window: number }
  | { type: 'dispatch'; cells: CellType[]; hidden: number; batch: number; window: number; embedding: number; vocab: number; steps: number; evalChars: number; skipOps?: boolean };

export interface GpuCheckReport {
  backend?: BackendReport;
  agreement: AgreementResult[];
  finite: FiniteResult[];
  memory: MemoryResult[];
  engine: EngineResult[];
  optimizer: OptimizerResult[];
  dispatch: DispatchResult[];
  timing?: Record<string, Record<string, number>>;
  ms: number;
}

export type GpuCheckEvent =
  | { type: 'progress'; message: string }
  | { type: 'done'; report: GpuCheckReport }
  | { type: 'error'; message: string; report: GpuCheckReport };

// "Count them for this model": trains the current model a few steps on this browser's WebGPU, once with the
// fused kernels and once through TensorFlow.js ops, in the Speed page's worker (its 'webgpu' and 'webgpu-ops'
// engines), and reports the GPU dispatches per step it counted (dispatchCounter.ts) with chars/s. A warm-up
// step and at least one timed step each; on a software adapter the TensorFlow.js-ops step takes seconds.
// The built-in corpus stands in for the lab's text: the vocabulary size changes the arithmetic, not the
// number of dispatches.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineInfo, SpeedRow } from '../../../core/bench/results';
import { textTrainTask, type TextTaskModel } from '../../../core/bench/tasks';
import { spawnSpeedWorker, type SpeedWorkerClient } from '../../speed/speedWorkerClient';

export interface DispatchCount {
  phase: 'idle' | 'running' | 'done' | 'error';
  /** The 'webgpu' (fused) and 'webgpu-ops' rows, when done. */
  fused?: SpeedRow;
  ops?: SpeedRow;
  /** The WebGPU engine as the worker found it (adapter, software or not). */
  engine?: EngineInfo;
  error?: string;
}

/** Timed work per engine after the warm-up step (ms): one step or a few. */
const BUDGET_MS = 50;

export function useDispatchCount() {
  const [count, setCount] = useState<DispatchCount>({ phase: 'idle' });
  const client = useRef<SpeedWorkerClient | null>(null);

  useEffect(() => () => client.current?.terminate(), []);

  const start = useCallback((model: TextTaskModel, seqLength: number, batchSize: number) => {
    client.current?.terminate();
    const worker = spawnSpeedWorker((detail) => setCount({ phase: 'error', error: detail || 'the counting worker stopped' }));
    client.current = worker;
    setCount({ phase: 'running' });
    const task = textTrainTask(model, seqLength, batchSize);
    const plan = { engines: ['webgpu', 'webgpu-ops'] as const, tasks: [task], budgetMs: BUDGET_MS };
    worker.run({ ...plan, engines: [...plan.engines] }, { url: new URL('corpus/sotu.txt', document.baseURI).href }).reply.then(
      (done) => {
        if (client.current !== worker) return;
        const row = (engine: string) => done.report.rows.find((r) => r.engine === engine);
        setCount({ phase: 'done', fused: row('webgpu'), ops: row('webgpu-ops'), engine: done.report.engines.find((e) => e.engine === 'webgpu') });
        worker.terminate();
        client.current = null;
      },
      (err: unknown) => {
        if (client.current !== worker) return;
        setCount({ phase: 'error', error: err instanceof Error ? err.message : String(err) });
        worker.terminate();
        client.current = null;
      },
    );
  }, []);

  return { count, start };
}

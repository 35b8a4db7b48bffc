// The #/gpu-check debug page: runs the fused WebGPU kernels' self-checks in a worker and shows the JSON
// report (for tests/e2e/gpu-check.spec.ts, and to measure dispatches per step on any machine). Not linked
// from the app. Query (in the hash): suite=correctness|optimizer|dispatch|timing, cells=rnn,gru,lstm; for dispatch also
// hidden, batch, window, embedding, vocab, steps, evalChars (defaults: LSTM 128, window 64 × batch 16 — the
// Text lab's first default model, kept here so dispatch counts compare across rounds).
import type { CellType } from '../core/text/engine';
import type { GpuCheckEvent, GpuCheckRequest } from '../workers/gpuCheckProtocol';

const CELLS: CellType[] = ['rnn', 'gru', 'lstm'];

function request(query: URLSearchParams): GpuCheckRequest {
  const cells = (query.get('cells') ?? 'rnn,gru,lstm').split(',').filter((c): c is CellType => (CELLS as string[]).includes(c));
  const int = (name: string, fallback: number) => {
    const v = Number(query.get(name));
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  if (query.get('suite') === 'dispatch') {
    return {
      type: 'dispatch',
      cells,
      hidden: int('hidden', 128),
      batch: int('batch', 16),
      window: int('window', 64),
      embedding: int('embedding', 32),
      vocab: int('vocab', 89),
      steps: int('steps', 4),
      evalChars: int('evalChars', 4000),
      skipOps: query.get('ops') === '0',
    };
  }
  if (query.get('suite') === 'timing') {
    return { type: 'timing', cells, hidden: int('hidden', 128), batch: int('batch', 16), window: int('window', 64) };
  }
  if (query.get('suite') === 'optimizer') return { type: 'optimizer' };
  return { type: 'correctness', cells };
}

/** Replaces the page with the check's status line and, when done, its JSON report. */
export function startGpuCheck(root: HTMLElement): void {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const status = document.createElement('p');
  status.dataset.testid = 'gpu-check-status';
  status.dataset.status = 'running';
  status.textContent = 'starting…';
  const out = document.createElement('pre');
  out.dataset.testid = 'gpu-check-report';
  root.replaceChildren(status, out);
  const worker = new Worker(new URL('../workers/gpuCheck.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<GpuCheckEvent>) => {
    const e = event.data;
    if (e.type === 'progress') {
      status.textContent = e.message;
      return;
    }
    status.dataset.status = e.type;
    status.textContent = e.type === 'error' ? `error: ${e.message}` : 'done';
    out.textContent = JSON.stringify(e.report, null, 1);
  });
  worker.postMessage(request(query));
}

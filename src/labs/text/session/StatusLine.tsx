// One line saying what runs: the backend, the GPU adapter and whether it is a software fallback, WASM's SIMD
// and threads ("WASM · SIMD · 2 threads", the reason in a tooltip when fewer run than asked), plus how an
// explicit choice fell back ("WEBGPU unavailable: … → using WASM") and the session phase.
import type { BackendAttempt, WasmSetup } from '../../../workers/textProtocol';
import type { SessionState } from './sessionState';
import './session.css';

const PHASE_LABELS: Record<SessionState['phase'], string> = {
  uninitialised: 'starting',
  empty: 'no model yet',
  ready: 'ready',
  training: 'training',
  paused: 'paused',
  stopped: 'stopped',
  lost: 'device lost',
};

function failedAttempts(tried: BackendAttempt[]): string | undefined {
  const failed = tried.filter((t) => !t.ok);
  if (failed.length === 0) return undefined;
  return failed.map((t) => `${t.backend.toUpperCase()} unavailable${t.reason ? `: ${t.reason}` : ''}`).join(' → ');
}

/** "WASM · SIMD · 2 threads" (or "· 1 thread"). */
export function wasmLabel(wasm: WasmSetup): string {
  return ['WASM', wasm.simd ? 'SIMD' : 'no SIMD', `${wasm.threads} thread${wasm.threads === 1 ? '' : 's'}`].join(' · ');
}

export function StatusLine({ state }: { state: SessionState }) {
  const report = state.report;
  const adapter = report?.adapter;
  const adapterName = adapter ? [adapter.vendor, adapter.architecture, adapter.device, adapter.description].filter(Boolean).join(' · ') || 'unnamed adapter' : undefined;
  const chain = report ? failedAttempts(report.tried) : undefined;
  return (
    <div className="tl-status" role="status" aria-live="polite" data-testid="text-status">
      <span className={`tl-dot tl-dot-${state.worker === 'crashed' ? 'bad' : state.phase}`} aria-hidden="true" />
      {state.worker === 'starting' && <span>Starting the {state.requestedEngine === 'auto' ? 'best available' : state.requestedEngine} engine…</span>}
      {state.worker === 'crashed' && <span>The training worker stopped.</span>}
      {state.worker === 'running' && report && (
        <>
          <span>
            Backend: <strong data-testid="text-status-backend">{report.backend}</strong>
            {report.engine === 'scratch' ? ' (from-scratch JavaScript)' : report.tfjsVersion ? ` (TensorFlow.js ${report.tfjsVersion})` : ''}
          </span>
          {report.backend === 'wasm' && report.wasm && (
            <span data-testid="text-status-wasm" title={report.wasm.note}>
              {wasmLabel(report.wasm)}
            </span>
          )}
          {report.backend === 'webgpu' && adapterName && (
            <span data-testid="text-status-adapter">
              Adapter: {adapterName}
              {report.isFallbackAdapter && (
                <strong className="tl-warn" data-testid="text-status-fallback">
                  {' '}
                  — software fallback adapter (correct, but slower than WASM)
                </strong>
              )}
            </span>
          )}
          <span>
            Phase: <strong data-testid="text-phase">{PHASE_LABELS[state.phase]}</strong>
          </span>
        </>
      )}
      {(state.fallbackNote || chain) && (
        <span className="tl-chain" data-testid="text-status-chain">
          {state.fallbackNote ?? `${chain} → using ${report?.backend.toUpperCase()}`}
        </span>
      )}
    </div>
  );
}

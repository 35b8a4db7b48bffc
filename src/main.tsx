import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorker } from './site/serviceWorker';
import { UpdateNotice } from './site/UpdateNotice';
import './ui/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
if (location.hash.startsWith('#/gpu-check')) {
  // Debug page: the fused WebGPU kernels' self-checks (src/debug/gpuCheck.ts), not part of the app.
  void import('./debug/gpuCheck').then((m) => m.startGpuCheck(root));
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
      <UpdateNotice />
    </StrictMode>,
  );
  registerServiceWorker();
}

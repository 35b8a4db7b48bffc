import { lazy, Suspense } from 'react';
import { ClassifyLab } from './labs/classify/ClassifyLab';
import { useHashRoute } from './ui/useHashRoute';

// The Text lab pulls in TensorFlow.js's recurrent layers; load it only when visited.
const TextLab = lazy(() => import('./labs/text/TextLab').then((m) => ({ default: m.TextLab })));
const SpeedLab = lazy(() => import('./labs/speed/SpeedLab').then((m) => ({ default: m.SpeedLab })));

const ROUTES = ['classify', 'text', 'speed'] as const;
type Route = (typeof ROUTES)[number];

const TITLES: Record<Route, string> = { classify: 'Classify', text: 'Text', speed: 'Speed' };

export function App() {
  const route = useHashRoute(ROUTES, 'classify');
  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href="#/classify">Backprop Playground</a>
        <nav aria-label="Labs">
          {ROUTES.map((r) => (
            <a key={r} href={`#/${r}`} aria-current={r === route ? 'page' : undefined} data-testid={`nav-${r}`}>
              {TITLES[r]}
            </a>
          ))}
        </nav>
        <span className="tagline">from scratch → automatic differentiation → the GPU</span>
      </header>
      <main>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          {route === 'classify' ? <ClassifyLab /> : route === 'text' ? <TextLab /> : <SpeedLab />}
        </Suspense>
      </main>
    </div>
  );
}

import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { ClassifyLab } from './labs/classify/ClassifyLab';
import { useHashRoute } from './ui/useHashRoute';

// The Text and Speed labs pull in TensorFlow.js's recurrent layers; load them only when visited.
const TextLab = lazy(() => import('./labs/text/TextLab').then((m) => ({ default: m.TextLab })));
const SpeedLab = lazy(() => import('./labs/speed/SpeedLab').then((m) => ({ default: m.SpeedLab })));

const ROUTES = ['classify', 'text', 'speed'] as const;
type Route = (typeof ROUTES)[number];

const TITLES: Record<Route, string> = { classify: 'Classify', text: 'Text', speed: 'Speed' };

export function App() {
  const route = useHashRoute(ROUTES, 'classify');
  // A lab stays mounted once visited, so switching labs never throws away a model in training; a hidden
  // Classify lab pauses its training.
  const [visited, setVisited] = useState<ReadonlySet<Route>>(() => new Set([route]));
  if (!visited.has(route)) setVisited(new Set(visited).add(route));
  useEffect(() => void (document.title = `${TITLES[route]} · Backprop Playground`), [route]);

  const labs: Record<Route, ReactNode> = {
    classify: <ClassifyLab active={route === 'classify'} />,
    text: <TextLab />,
    speed: <SpeedLab />,
  };

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
        {ROUTES.filter((r) => visited.has(r)).map((r) => (
          <div key={r} hidden={r !== route}>
            <Suspense fallback={<p className="loading">Loading…</p>}>{labs[r]}</Suspense>
          </div>
        ))}
      </main>
    </div>
  );
}

import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { EmbedShell, FramedCard } from './site/EmbedShell';
import { EmbedContext, type EmbedState } from './ui/EmbedContext';
import { isFramed, parseEmbedView } from './ui/embedMode';
import { useHashRoute, useLocationHash } from './ui/useHashRoute';

// Each lab is its own chunk, loaded when visited: a first visit of one lab downloads none of the others
// (`page.first_visit_kb` in `npm run bench`).
const ClassifyLab = lazy(() => import('./labs/classify/ClassifyLab').then((m) => ({ default: m.ClassifyLab })));
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

  // Embed mode (`#/classify?embed`, `#/text?embed`): one lab, no site around it. Inside a frame nothing else
  // is shown (see site/EmbedShell.tsx).
  const hash = useLocationHash();
  const [framed] = useState(() => isFramed(window));
  const view = useMemo(() => parseEmbedView(hash, route), [hash, route]);
  const embedded = view.embed && route !== 'speed';
  const embedState = useMemo<EmbedState>(() => ({ embed: embedded, shows: (g) => !embedded || view.shown.has(g) }), [embedded, view]);
  useEffect(() => {
    document.documentElement.classList.toggle('embed', embedded || framed);
  }, [embedded, framed]);

  const labs: Record<Route, ReactNode> = {
    classify: <ClassifyLab active={route === 'classify'} />,
    text: <TextLab />,
    speed: <SpeedLab />,
  };

  if (framed && !embedded) return <FramedCard />;
  if (embedded) {
    return (
      <EmbedContext.Provider value={embedState}>
        <EmbedShell>
          <Suspense fallback={<p className="loading">Loading…</p>}>{labs[route]}</Suspense>
        </EmbedShell>
      </EmbedContext.Provider>
    );
  }

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

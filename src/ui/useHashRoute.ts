import { useEffect, useState } from 'react';

/** The route named by the URL hash (`#/text?…` → 'text'), or `fallback` when it names none of `routes`. */
function routeFromHash<T extends string>(routes: readonly T[], fallback: T): T {
  const path = window.location.hash.replace(/^#\/?/, '').split(/[?/]/)[0];
  return (routes as readonly string[]).includes(path) ? (path as T) : fallback;
}

/**
 * The labs are routes in the URL hash (`#/classify`, `#/text`, `#/speed`), so a static host can serve them.
 * `routes` should be a constant (the listener is re-attached when it changes).
 */
export function useHashRoute<T extends string>(routes: readonly T[], fallback: T): T {
  const [route, setRoute] = useState<T>(() => routeFromHash(routes, fallback));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(routes, fallback));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [routes, fallback]);
  return route;
}

/** The URL hash (`#/text?embed`), kept current. */
export function useLocationHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

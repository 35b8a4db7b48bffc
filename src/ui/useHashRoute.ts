import { useEffect, useState } from 'react';
import { useLatestCallback } from './useLatestCallback';

/** The labs are routes in the URL hash (`#/classify`, `#/text`, `#/speed`), so a static host can serve them. */
export function useHashRoute<T extends string>(routes: readonly T[], fallback: T): T {
  // Stable for the component's life (the listener is added once) and always reads the newest routes.
  const read = useLatestCallback((): T => {
    const path = window.location.hash.replace(/^#\/?/, '').split(/[?/]/)[0];
    return (routes as readonly string[]).includes(path) ? (path as T) : fallback;
  });
  const [route, setRoute] = useState<T>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [read]);
  return route;
}

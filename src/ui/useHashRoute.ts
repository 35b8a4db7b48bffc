import { useEffect, useState } from 'react';

/** The labs are routes in the URL hash (`#/classify`, `#/text`, `#/speed`), so a static host can serve them. */
export function useHashRoute<T extends string>(routes: readonly T[], fallback: T): T {
  const read = (): T => {
    const path = window.location.hash.replace(/^#\/?/, '').split(/[?/]/)[0];
    return (routes as readonly string[]).includes(path) ? (path as T) : fallback;
  };
  const [route, setRoute] = useState<T>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return route;
}

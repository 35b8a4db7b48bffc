// A function that keeps its identity for the component's whole life and always calls the newest `fn` given
// to it (what React's experimental useEffectEvent does). For effects that must run once (on mount) but use
// the values of the render they run after, without listing those values as dependencies.
import { useCallback, useLayoutEffect, useRef } from 'react';

export function useLatestCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

// Renders TeX as real math with KaTeX. The TeX comes from our own code (equations with sizes filled in),
// never from user input; KaTeX writes into the element itself, and throwOnError=false shows bad TeX as text.
//
// KaTeX (~270 KB of script, its CSS and fonts) is loaded only when a formula first comes into view — the
// derivations sit in closed <details> panels — so a first visit of a lab does not download it
// (`page.first_visit_kb` in `npm run bench`). Until then the element holds the TeX source as plain text.
import { useEffect, useRef } from 'react';

type Katex = typeof import('katex').default;
let katexLoading: Promise<Katex> | undefined;

/** KaTeX and its stylesheet, fetched once for the page. */
function loadKatex(): Promise<Katex> {
  katexLoading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default);
  return katexLoading;
}

/** Calls `onVisible` once `el` is first on screen (at once where IntersectionObserver is missing). */
function whenVisible(el: Element, onVisible: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    onVisible();
    return () => undefined;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      onVisible();
    }
  });
  observer.observe(el);
  return () => observer.disconnect();
}

export function MathBlock({ tex, display = true }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let live = true;
    el.textContent = tex;
    const stop = whenVisible(el, () => {
      loadKatex().then(
        (katex) => {
          if (live) katex.render(tex, el, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
        },
        () => undefined, // offline before KaTeX was cached: the TeX source stays readable
      );
    });
    return () => {
      live = false;
      stop();
    };
  }, [tex, display]);
  return <span ref={ref} className={display ? 'math math-display' : 'math'} />;
}

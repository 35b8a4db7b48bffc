// Renders TeX as real math with KaTeX. The TeX comes from our own code (equations with sizes filled in),
// never from user input; KaTeX writes into the element itself, and throwOnError=false shows bad TeX as text.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useEffect, useRef } from 'react';

export function MathBlock({ tex, display = true }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (ref.current) katex.render(tex, ref.current, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  }, [tex, display]);
  return <span ref={ref} className={display ? 'math math-display' : 'math'} />;
}

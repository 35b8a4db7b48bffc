// Where the chosen unit is most active: the ~10 highest values with ±20 characters around each, the peak
// character outlined. Also the text alternative to the coloured text.
import { topPositions } from '../../../core/text/inside/trace';
import { unitBackground } from './unitColor';
import { visibleChar } from './UnitText';

const SPAN = 20;

interface Props {
  chars: string[];
  column: Float32Array;
  lo: number;
  hi: number;
}

export function TopContexts({ chars, column, lo, hi }: Props) {
  const top = topPositions(column, 10, 5);
  return (
    <ol className="tl-in-contexts" data-testid="inside-contexts">
      {top.map(({ at, value }) => {
        const from = Math.max(0, at - SPAN);
        const to = Math.min(chars.length, at + SPAN + 1);
        return (
          <li key={at}>
            <span className="tl-in-ctx-value">{value.toFixed(2)}</span>{' '}
            <span className="tl-in-ctx">
              {chars.slice(from, to).map((ch, k) => {
                const t = from + k;
                return (
                  <span key={t} style={{ background: unitBackground(column[t], lo, hi) }} className={t === at ? 'tl-in-peak' : undefined}>
                    {ch === '\n' ? '↵' : visibleChar(ch)}
                  </span>
                );
              })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

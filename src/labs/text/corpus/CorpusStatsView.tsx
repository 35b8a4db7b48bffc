// The worker's statistics of the corpus in use: size, vocabulary, split, and the most frequent characters.
import type { CorpusStats } from '../../../workers/textProtocol';
import { formatCount, visibleChar } from '../format';
import './corpus.css';

export function CorpusStatsView({ stats }: { stats?: CorpusStats }) {
  if (!stats) {
    return (
      <p className="tl-muted" data-testid="corpus-stats">
        Loading the corpus…
      </p>
    );
  }
  const top = stats.topChars.slice(0, 24);
  const maxCount = top[0]?.count ?? 1;
  return (
    <div className="tl-stats" data-testid="corpus-stats">
      <dl className="tl-kv">
        <div>
          <dt>Characters</dt>
          <dd data-testid="corpus-chars">{formatCount(stats.chars)}</dd>
        </div>
        <div>
          <dt>Vocabulary</dt>
          <dd data-testid="corpus-vocab">{formatCount(stats.vocabSize)}</dd>
        </div>
        <div>
          <dt>Lines</dt>
          <dd>{formatCount(stats.lines)}</dd>
        </div>
        <div>
          <dt>Train / validation</dt>
          <dd>
            {formatCount(stats.trainChars)} / {formatCount(stats.validChars)}
          </dd>
        </div>
        {stats.unknownChars > 0 && (
          <div>
            <dt>Folded into “unknown”</dt>
            <dd>{formatCount(stats.unknownChars)}</dd>
          </div>
        )}
      </dl>
      <p className="tl-label" id="tl-top-chars">
        Most frequent characters
      </p>
      <ol className="tl-topchars" aria-labelledby="tl-top-chars">
        {top.map(({ char, count }) => (
          <li key={char} title={`${formatCount(count)} times (${((100 * count) / Math.max(1, stats.chars)).toFixed(1)}%)`}>
            <span className="tl-topchar">{visibleChar(char)}</span>
            <span className="tl-bar" style={{ width: `${Math.max(4, (100 * count) / maxCount)}%` }} aria-hidden="true" />
            <span className="tl-sr">{formatCount(count)} times</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

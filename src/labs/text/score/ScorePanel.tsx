// Score lines under the model: total log-likelihood, bits per character and perplexity per line, ranked
// from most to least likely, each with its per-character surprise heatmap.
import { ErrorNotice } from '../../../ui/ErrorNotice';
import type { UserMessage } from '../../../workers/text/errorMessages';
import { userMessageOf } from '../../userMessage';
import { useId, useRef, useState } from 'react';
import type { LineScore } from '../../../workers/textProtocol';
import { linesToScore, rankScores } from './rankScores';
import { SurpriseHeatmap } from './SurpriseHeatmap';
import './score.css';

interface Props {
  canScore: boolean;
  /** The lines in the box: kept by the lab so they survive a reload. */
  text: string;
  onTextChange(text: string): void;
  score(lines: string[]): { cancel(): void; result: Promise<LineScore[] | undefined> };
}

export function ScorePanel({ canScore, text, onTextChange, score }: Props) {
  const id = useId();
  const [results, setResults] = useState<LineScore[]>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<UserMessage>();
  const cancelRef = useRef<(() => void) | undefined>(undefined);

  const run = async () => {
    const lines = linesToScore(text);
    if (lines.length === 0) {
      setError(userMessageOf('Type or paste at least one line to score.'));
      return;
    }
    setError(undefined);
    setRunning(true);
    try {
      const job = score(lines);
      cancelRef.current = job.cancel;
      const out = await job.result;
      if (out) setResults(rankScores(out));
    } catch (err) {
      setError(userMessageOf(err));
    } finally {
      cancelRef.current = undefined;
      setRunning(false);
    }
  };

  return (
    <section className="tl-card tl-score" aria-labelledby="tl-score-title">
      <h2 id="tl-score-title">Score text</h2>
      <label htmlFor={id} className="tl-label">
        One or more lines; each is scored on its own
      </label>
      <textarea
        id={id}
        className="tl-textarea"
        rows={4}
        value={text}
        spellCheck={false}
        onChange={(e) => onTextChange(e.currentTarget.value)}
        placeholder={'The economy is strong.\nstrong. is economy The'}
        data-testid="text-score-input"
      />
      <div className="tl-row">
        <button type="button" className="tl-primary" onClick={() => void run()} disabled={!canScore || running} data-testid="text-score-run">
          Score
        </button>
        {running && (
          <button type="button" onClick={() => cancelRef.current?.()}>
            Stop
          </button>
        )}
        {!canScore && <span className="tl-muted">Train or load a model first.</span>}
      </div>
      {error && <ErrorNotice {...error} className="tl-error" />}
      {results && (
        <ol className="tl-score-results" data-testid="text-score-results">
          {results.map((r, i) => (
            <li key={i} data-testid="text-score-row" data-bits={Number.isFinite(r.bitsPerChar) ? r.bitsPerChar : ''}>
              <div className="tl-score-head">
                <span className="tl-rank">#{i + 1}</span>
                <span>
                  log-likelihood <strong>{(-r.nats).toFixed(2)}</strong> nats
                </span>
                <span>
                  <strong data-testid="text-score-bits">{Number.isFinite(r.bitsPerChar) ? r.bitsPerChar.toFixed(3) : '—'}</strong> bits/char
                </span>
                <span>
                  perplexity <strong>{Number.isFinite(r.perplexity) ? r.perplexity.toFixed(2) : '—'}</strong>
                </span>
                {r.missing.length > 0 && <span className="tl-warn">not in vocabulary: {r.missing.join(' ')}</span>}
              </div>
              <SurpriseHeatmap score={r} />
            </li>
          ))}
        </ol>
      )}
      {results && <p className="tl-hint">Ranked most → least likely by bits per character. Redder characters surprised the model more.</p>}
    </section>
  );
}

// Samples the worker writes while training, streamed in as they are written, newest on top.
import type { Sample } from '../session/sessionState';
import { formatCount } from '../format';
import { StreamedText } from './StreamedText';
import './generate.css';

export function SampleStream({ samples, training }: { samples: Sample[]; training: boolean }) {
  return (
    <section className="tl-card tl-samples" aria-labelledby="tl-samples-title">
      <h2 id="tl-samples-title">Samples while training</h2>
      {samples.length === 0 ? (
        <p className="tl-muted">{training ? 'The first sample arrives in a few seconds…' : 'Every few seconds of training, the model writes a sample here.'}</p>
      ) : (
        <ol className="tl-sample-list" data-testid="text-samples" aria-live="off">
          {samples.map((s) => (
            <li key={s.id}>
              <span className="tl-sample-step">step {formatCount(s.step)}</span>
              <StreamedText text={s.text} className="tl-text" testId="text-sample" />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

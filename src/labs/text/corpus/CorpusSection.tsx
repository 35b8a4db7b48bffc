// The corpus cards of the lab: where the text comes from (with the confirmation a model-resetting change
// waits for), then the corpus options and the worker's statistics of the corpus in use.
import type { CorpusStats } from '../../../workers/textProtocol';
import { ConfirmBar } from '../../../ui/ConfirmBar';
import { CorpusOptions } from './CorpusOptions';
import { CorpusPanel } from './CorpusPanel';
import { CorpusStatsView } from './CorpusStatsView';
import '../preflight/preflight.css';
import type { CorpusControls } from './useCorpus';

interface Props {
  corpus: CorpusControls;
  stats?: CorpusStats;
  /** Busy with another action, or no worker to send a corpus to. */
  disabled: boolean;
}

export function CorpusSection({ corpus, stats, disabled }: Props) {
  return (
    <>
      <CorpusPanel currentLabel={corpus.label} busy={disabled} onApply={(text, label) => corpus.apply(text, label)} onUseDefault={() => corpus.loadDefault()} />
      {corpus.pending && (
        <ConfirmBar
          message="The new corpus or options may use different characters; if so, the current model is reset. Save it first if you want to keep it."
          confirmLabel="Use the new corpus"
          cancelLabel="Keep the current corpus"
          testId="text-confirm-corpus"
          onConfirm={corpus.confirmPending}
          onCancel={corpus.cancelPending}
        />
      )}
      {corpus.remarks.length > 0 && (
        <ul className="tl-notes tl-warn" role="status" aria-label="About this corpus" data-testid="corpus-notes">
          {corpus.remarks.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <div className="tl-card">
        <CorpusOptions value={corpus.options} disabled={disabled} onChange={corpus.changeOptions} />
        <CorpusStatsView stats={stats} />
      </div>
    </>
  );
}
